/**
 * Same-origin proxy from the console to the API, used by the `/trpc/*` and `/api/*` route handlers. It forwards
 * method, path, query, body and headers, adds `Authorization: Bearer <cookie token>`, and streams the answer back
 * untouched (SSE subscriptions included). Unsafe methods from another origin are refused: there is no CORS.
 */
import "server-only";
import type { NextRequest } from "next/server";
import { apiUrl, TOKEN_COOKIE } from "./config.ts";

// Hop-by-hop headers and ones fetch sets itself; `cookie` is replaced by the Authorization header.
const DROP_REQUEST_HEADERS = new Set([
  "host",
  "connection",
  "keep-alive",
  "transfer-encoding",
  "upgrade",
  "proxy-authorization",
  "te",
  "trailer",
  "content-length",
  "cookie",
  "accept-encoding",
]);
// fetch decodes compressed bodies, so the length and encoding headers no longer describe what we send on.
const DROP_RESPONSE_HEADERS = new Set([
  "connection",
  "keep-alive",
  "transfer-encoding",
  "content-encoding",
  "content-length",
  "set-cookie",
]);

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Forward `request` to the same path on the API. */
export async function forwardToApi(request: NextRequest): Promise<Response> {
  if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
    return Response.json(
      { error: { code: "FORBIDDEN", message: "cross-origin requests are not accepted", details: [] } },
      { status: 403 },
    );
  }
  const base = apiUrl();
  const target = `${base}${request.nextUrl.pathname}${request.nextUrl.search}`;
  const headers = new Headers();
  request.headers.forEach((value, key) => {
    if (!DROP_REQUEST_HEADERS.has(key)) headers.set(key, value);
  });
  headers.set("accept-encoding", "identity");
  const token = request.cookies.get(TOKEN_COOKIE)?.value;
  if (token && !headers.has("authorization")) headers.set("authorization", `Bearer ${token}`);

  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: SAFE_METHODS.has(request.method) ? undefined : await request.arrayBuffer(),
      redirect: "manual",
      cache: "no-store",
      // Closing the browser's EventSource aborts the upstream subscription too.
      signal: request.signal,
    });
  } catch (error) {
    const reason =
      error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    return Response.json(
      {
        error: { code: "BAD_GATEWAY", message: `the console cannot reach the API at ${base}: ${reason}`, details: [] },
      },
      { status: 502 },
    );
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, key) => {
    if (!DROP_RESPONSE_HEADERS.has(key)) responseHeaders.set(key, value);
  });
  if (upstream.headers.get("content-type")?.startsWith("text/event-stream")) {
    // `no-transform` keeps Next's compression from buffering the stream; the last header stops reverse proxies doing so.
    responseHeaders.set("cache-control", "no-cache, no-transform");
    responseHeaders.set("x-accel-buffering", "no");
  }
  return new Response(upstream.body, {
    status: upstream.status,
    statusText: upstream.statusText,
    headers: responseHeaders,
  });
}

/** True when the request carries no Origin (same-origin GET, curl) or one matching the host it was sent to. */
export function isSameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return request.headers.get("sec-fetch-site") !== "cross-site";
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
