// POST (or GET) /auth/signout: forget the token cookie and go back to the sign-in page.
import type { NextRequest } from "next/server";
import { TOKEN_COOKIE } from "../../../server/config.ts";
import { seeOther } from "../../../server/http.ts";

export const dynamic = "force-dynamic";

function signOut(_request: NextRequest): Response {
  const response = seeOther("/signin?reason=signed-out");
  response.cookies.set(TOKEN_COOKIE, "", { httpOnly: true, sameSite: "strict", path: "/", maxAge: 0 });
  return response;
}

export { signOut as GET, signOut as POST };
