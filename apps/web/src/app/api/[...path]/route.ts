// The REST API (`/api/v1/...`) forwarded to the API, so the console's origin also serves it; see src/server/proxy.ts.
import type { NextRequest } from "next/server";
import { forwardToApi } from "../../../server/proxy.ts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function handler(request: NextRequest): Promise<Response> {
  return forwardToApi(request);
}

export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE, handler as HEAD };
