/**
 * Browser safety of the API port, with auth on or off:
 * - Host allowlist against DNS rebinding: the `Host` header must be an IP literal, `localhost`, the configured
 *   `host`, or listed in `SIGNALBOX_ALLOWED_HOSTS` (comma-separated; `*` allows any). Else 403.
 * - Same-origin for state-changing calls (POST/PUT/PATCH/DELETE) from browsers: allowed when `Sec-Fetch-Site` is
 *   `same-origin` or `none`, or `Origin` is the API's own origin or the console's (`SIGNALBOX_WEB_URL`), or the
 *   request carries `X-Signalbox-Proxy: 1` (a custom header: a browser sends it cross-origin only after a CORS
 *   preflight, which this API never grants). Requests with neither `Origin` nor `Sec-Fetch-Site` (curl, the CLI,
 *   servers) are not browsers and pass.
 * - No CORS headers are ever sent.
 * Webhook routes and health probes are exempt: senders are other machines with their own auth.
 */
import { isIP } from "node:net";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "./config.ts";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function errorBody(code: string, message: string) {
  return { error: { code, message, details: [] } };
}

/** `Host` without its port (IPv6 brackets removed), lower-cased. */
export function hostName(host: string): string {
  const trimmed = host.trim().toLowerCase();
  if (trimmed.startsWith("[")) return trimmed.slice(1, trimmed.indexOf("]") === -1 ? undefined : trimmed.indexOf("]"));
  const colon = trimmed.indexOf(":");
  return colon === -1 || trimmed.indexOf(":", colon + 1) !== -1 ? trimmed : trimmed.slice(0, colon);
}

/** Whether the API answers to this `Host`. */
export function hostAllowed(host: string | undefined, config: Pick<Config, "host" | "allowedHosts">): boolean {
  const extra = (config.allowedHosts ?? "").split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean);
  if (extra.includes("*")) return true;
  if (!host) return false;
  const name = hostName(host);
  if (name === "" ) return false;
  if (isIP(name) !== 0 || name === "localhost" || name.endsWith(".localhost")) return true;
  if (name === config.host.toLowerCase()) return true;
  return extra.includes(name);
}

function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** Whether a state-changing request may proceed (see the file comment). */
export function sameOriginAllowed(headers: Record<string, string | string[] | undefined>, config: Pick<Config, "webUrl">, protocol = "http"): boolean {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  if (header("x-signalbox-proxy") === "1") return true;
  const site = header("sec-fetch-site");
  if (site === "same-origin" || site === "none") return true;
  const origin = header("origin");
  if (!origin) return site === undefined;
  if (origin === "null") return false;
  const own = originOf(`${protocol}://${header("host") ?? ""}`);
  return origin === own || origin === originOf(config.webUrl);
}

/** Fastify `onRequest` hook applying both checks. */
export function browserGuard(config: Config) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const path = request.url.split("?")[0] ?? "";
    if (path.startsWith("/api/v1/webhooks/") || path === "/healthz" || path === "/readyz") return;
    if (!hostAllowed(request.headers.host, config)) {
      await reply.code(403).send(errorBody("FORBIDDEN", `this API does not answer to Host ${request.headers.host ?? "(none)"}; add it to SIGNALBOX_ALLOWED_HOSTS`));
      return;
    }
    if (UNSAFE.has(request.method) && !sameOriginAllowed(request.headers, config, request.protocol)) {
      await reply.code(403).send(errorBody("FORBIDDEN", "cross-origin requests are not accepted"));
    }
  };
}
