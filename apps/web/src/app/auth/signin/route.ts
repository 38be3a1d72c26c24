/**
 * POST /auth/signin with `{token}` (JSON) or a form field `token`: the API checks the token (`GET /api/v1/whoami`);
 * if it is accepted it is stored in the httpOnly cookie `signalbox_token`. JSON callers get JSON back, plain form
 * posts (no JavaScript) are redirected.
 */
import { NextResponse, type NextRequest } from "next/server";
import { z } from "zod";
import { TOKEN_COOKIE, TOKEN_COOKIE_MAX_AGE } from "../../../server/config.ts";
import { seeOther } from "../../../server/http.ts";
import { isSameOrigin } from "../../../server/proxy.ts";
import { checkToken } from "../../../server/session.ts";

export const dynamic = "force-dynamic";

const tokenSchema = z.string().trim().min(1, "paste a token").max(4096);

export async function POST(request: NextRequest): Promise<Response> {
  const wantsJson = (request.headers.get("content-type") ?? "").includes("application/json");
  const fail = (status: number, message: string, code: string) =>
    wantsJson
      ? NextResponse.json({ error: { code, message } }, { status })
      : seeOther(`/signin?error=${encodeURIComponent(code)}`);

  if (!isSameOrigin(request)) return fail(403, "cross-origin sign-in is not accepted", "cross-origin");

  let raw: unknown;
  if (wantsJson) {
    raw = ((await request.json().catch(() => ({}))) as { token?: unknown }).token;
  } else {
    raw = (await request.formData().catch(() => undefined))?.get("token");
  }
  const token = tokenSchema.safeParse(raw);
  if (!token.success) return fail(400, "Paste an API token to sign in.", "missing");

  const check = await checkToken(token.data);
  if (check.outcome === "unreachable") {
    return fail(502, `The console cannot reach the API at ${check.apiUrl} (${check.message}).`, "unreachable");
  }
  if (check.outcome === "refused") return fail(401, `The API refused this token: ${check.message}.`, "refused");

  const response = wantsJson ? NextResponse.json({ name: check.whoami.name, role: check.whoami.role }) : seeOther("/");
  response.cookies.set(TOKEN_COOKIE, token.data, {
    httpOnly: true,
    sameSite: "strict",
    path: "/",
    secure: request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https",
    maxAge: TOKEN_COOKIE_MAX_AGE,
  });
  return response;
}
