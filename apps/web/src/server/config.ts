/**
 * Runtime settings of the web process, read when a request arrives (never at `next build`), so the same build can
 * point at any API: `SIGNALBOX_API_URL` (default http://127.0.0.1:4000).
 */
import "server-only";

/** Name of the httpOnly cookie that holds the API token. */
export const TOKEN_COOKIE = "signalbox_token";

/** Cookie lifetime: 30 days; the token itself is checked by the API on every call. */
export const TOKEN_COOKIE_MAX_AGE = 60 * 60 * 24 * 30;

/** The API's base URL, without a trailing slash. */
export function apiUrl(): string {
  // Bracket access keeps bundlers from treating this as a build-time constant.
  const raw = process.env["SIGNALBOX_API_URL"]?.trim() || "http://127.0.0.1:4000";
  return raw.replace(/\/+$/, "");
}

/** Host name of the API (webhook EventSources listen on the API's host), for the curl hints. */
export function apiHost(): string {
  try {
    return new URL(apiUrl()).hostname;
  } catch {
    return "127.0.0.1";
  }
}
