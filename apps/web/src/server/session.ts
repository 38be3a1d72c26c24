/**
 * Who is signed in: the token cookie checked against the API (`GET /api/v1/whoami`). A missing cookie is not an
 * error when the API runs with auth off, so the check always asks the API.
 */
import "server-only";
import { cookies } from "next/headers";
import { z } from "zod";
import { apiUrl, TOKEN_COOKIE } from "./config.ts";

const whoamiSchema = z.object({ name: z.string(), role: z.string(), auth: z.enum(["on", "off"]) });
export type Whoami = z.infer<typeof whoamiSchema>;

/** Outcome of checking a token. */
export type TokenCheck =
  | { outcome: "valid"; whoami: Whoami }
  | { outcome: "refused"; status: number; message: string }
  | { outcome: "unreachable"; apiUrl: string; message: string };

/** Ask the API whether `token` (or no token) is accepted. */
export async function checkToken(token: string | undefined, signal?: AbortSignal): Promise<TokenCheck> {
  const base = apiUrl();
  let response: Response;
  try {
    response = await fetch(`${base}/api/v1/whoami`, {
      headers: token ? { authorization: `Bearer ${token}` } : {},
      cache: "no-store",
      signal: signal ?? AbortSignal.timeout(5_000),
    });
  } catch (error) {
    return {
      outcome: "unreachable",
      apiUrl: base,
      message:
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
    };
  }
  if (response.ok) {
    const parsed = whoamiSchema.safeParse(await response.json().catch(() => null));
    if (parsed.success) return { outcome: "valid", whoami: parsed.data };
    return { outcome: "unreachable", apiUrl: base, message: `unexpected answer from ${base}/api/v1/whoami` };
  }
  if (response.status === 401 || response.status === 403) {
    return { outcome: "refused", status: response.status, message: await errorMessageOf(response) };
  }
  return {
    outcome: "unreachable",
    apiUrl: base,
    message: `the API answered ${response.status}: ${await errorMessageOf(response)}`,
  };
}

/** The signed-in user for a server component, from the request's cookie. */
export async function currentSession(): Promise<TokenCheck & { hadToken: boolean }> {
  const token = (await cookies()).get(TOKEN_COOKIE)?.value;
  return { ...(await checkToken(token)), hadToken: Boolean(token) };
}

async function errorMessageOf(response: Response): Promise<string> {
  const body: unknown = await response.json().catch(() => null);
  const parsed = z.object({ error: z.object({ message: z.string() }) }).safeParse(body);
  return parsed.success ? parsed.data.error.message : response.statusText;
}
