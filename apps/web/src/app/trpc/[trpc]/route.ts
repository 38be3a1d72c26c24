// tRPC (queries, batched calls and SSE subscriptions) forwarded to the API; see src/server/proxy.ts.
import type { NextRequest } from "next/server";
import { forwardToApi } from "../../../server/proxy.ts";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

function handler(request: NextRequest): Promise<Response> {
  return forwardToApi(request);
}

export { handler as GET, handler as POST };
