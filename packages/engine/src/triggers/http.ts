/**
 * The `http` trigger (§6.3): body from `payload`, no automatic Content-Type, headers in Argo's order (static,
 * dynamic, secure), any response is success unless `policy.status.allow` is set.
 */
import { randomBytes } from "node:crypto";
import { createGunzip } from "node:zlib";
import { Agent, request as undiciRequest, type Dispatcher } from "undici";
import { NonRetriableError } from "../errors.ts";
import { buildPayload, resolveParameter } from "../mapping/params.ts";
import type { HttpTriggerSpec } from "../resources/trigger.ts";
import type { AttemptResult, PreparedAction, PreparedHttpRequest, TriggerKindDefinition } from "./types.ts";

const EXCERPT_BYTES = 2048;

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * W3C trace context: a child of `parent` — same version, trace id and flags, a new random span id — or
 * `undefined` when `parent` is not a valid `traceparent` (an all-zero trace or span id is invalid).
 */
export function childTraceparent(parent: string, random: () => Uint8Array = () => randomBytes(8)): string | undefined {
  const match = TRACEPARENT.exec(parent.trim().toLowerCase());
  if (!match || match[1] === "ff" || /^0+$/.test(match[2] ?? "") || /^0+$/.test(match[3] ?? "")) return undefined;
  let span = Buffer.from(random()).toString("hex");
  if (/^0+$/.test(span)) span = "0000000000000001";
  return `${match[1]}-${match[2]}-${span}-${match[4]}`;
}

/** An HTTP action carrying a child `traceparent` of `parent`, unless the trigger sets that header itself. */
export function withChildTraceparent<TAction extends PreparedAction>(action: TAction, parent: string): TAction {
  if (action.kind !== "http" || Object.keys(action.headers).some((name) => name.toLowerCase() === "traceparent")) return action;
  const child = childTraceparent(parent);
  return child ? { ...action, headers: { ...action.headers, traceparent: child } } : action;
}

/** Prepare and send HTTP trigger requests. */
export const httpTrigger: TriggerKindDefinition<HttpTriggerSpec & { allowStatus?: number[] }> = {
  type: "http",
  async prepare(spec, events, context) {
    const headers: Record<string, string> = { ...spec.headers };
    for (const header of spec.dynamicHeaders ?? []) {
      const value = resolveParameter(header.src, events, { now: context.now });
      if (value !== undefined && header.dest) headers[header.dest] = value.text;
    }
    const secretHeaders: string[] = [];
    for (const secure of spec.secureHeaders ?? []) {
      const ref = secure.valueFrom.secretKeyRef ?? secure.valueFrom.configMapKeyRef;
      const kind = secure.valueFrom.secretKeyRef ? "Secret" : "ConfigMap";
      if (!ref) continue;
      const value = await context.secrets.resolve(context.namespace, kind, ref);
      if (value === undefined) throw new NonRetriableError(`secure header ${secure.name}: ${kind} ${ref.name}/${ref.key} not found`);
      headers[secure.name] = value;
      if (kind === "Secret") secretHeaders.push(secure.name);
    }
    if (spec.basicAuth) {
      const user = spec.basicAuth.username ? await context.secrets.resolve(context.namespace, "Secret", spec.basicAuth.username) : "";
      const pass = spec.basicAuth.password ? await context.secrets.resolve(context.namespace, "Secret", spec.basicAuth.password) : "";
      headers.Authorization = `Basic ${Buffer.from(`${user ?? ""}:${pass ?? ""}`).toString("base64")}`;
      secretHeaders.push("Authorization");
    }
    const request: PreparedHttpRequest = {
      kind: "http",
      method: spec.method ?? "POST",
      url: spec.url,
      headers,
      secretHeaders,
      timeoutMs: (spec.timeout && spec.timeout > 0 ? spec.timeout : 60) * 1000,
    };
    if (spec.payload && spec.payload.length > 0) request.body = buildPayload(spec.payload, events, { now: context.now });
    if (spec.allowStatus) request.allowStatus = spec.allowStatus;
    if (spec.tls) {
      const tls: NonNullable<PreparedHttpRequest["tls"]> = {};
      const read = async (selector: { name: string; key: string } | undefined, what: string) => {
        if (!selector) return undefined;
        const value = await context.secrets.resolve(context.namespace, "Secret", selector);
        if (value === undefined) throw new NonRetriableError(`tls.${what}: Secret ${selector.name}/${selector.key} not found`);
        return value;
      };
      const ca = await read(spec.tls.caCertSecret, "caCertSecret");
      const cert = await read(spec.tls.clientCertSecret, "clientCertSecret");
      const key = await read(spec.tls.clientKeySecret, "clientKeySecret");
      if (ca) tls.ca = ca;
      if (cert) tls.cert = cert;
      if (key) tls.key = key;
      if (spec.tls.insecureSkipVerify) tls.insecureSkipVerify = true;
      request.tls = tls;
    }
    return request;
  },
  async execute(action, context) {
    if (action.kind !== "http") throw new Error("http trigger got a non-http action");
    const deadline = new Deadline(action.timeoutMs, context.signal);
    const { signal } = deadline;
    // A plain request, not `fetch`: fetch adds headers (`sec-fetch-mode`, `accept-language`, a text/plain
    // content type for string bodies) that Argo's Go client never sends. Like Go's client we send a Go user agent
    // and `Accept-Encoding: gzip` unless the spec sets them, and do not add a Content-Type (§6.3).
    const headers: Record<string, string> = { "user-agent": "Go-http-client/1.1", "accept-encoding": "gzip" };
    for (const [name, value] of Object.entries(action.headers)) {
      for (const existing of Object.keys(headers)) if (existing === name.toLowerCase()) delete headers[existing];
      headers[name] = value;
    }
    const body = action.body !== undefined && action.method !== "GET" && action.method !== "HEAD" ? Buffer.from(action.body) : undefined;
    let response: Awaited<ReturnType<typeof undiciRequest>>;
    try {
      response = await undiciRequest(action.url, {
        method: action.method as Dispatcher.HttpMethod,
        headers,
        ...(body !== undefined ? { body } : {}),
        signal,
        dispatcher: dispatcherFor(action.tls),
      });
    } catch (error) {
      deadline.dispose();
      const reason = deadline.timedOut ? `timed out after ${action.timeoutMs} ms` : describeFetchError(error);
      return { ok: false, error: reason, retriable: true };
    }
    const status = response.statusCode;
    const excerpt = await readExcerpt(response).finally(() => deadline.dispose());
    const result: AttemptResult = { ok: true, status, responseExcerpt: excerpt, retriable: false };
    if (action.allowStatus && !action.allowStatus.includes(status)) {
      const header = response.headers["retry-after"];
      const retryAfter = parseRetryAfter(Array.isArray(header) ? (header[0] ?? null) : (header ?? null));
      return {
        ...result,
        ok: false,
        error: `response status ${status} is not in policy.status.allow`,
        retriable: true,
        ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {}),
      };
    }
    return result;
  },
};

/**
 * The abort signal of one request: its timeout, or the runner's stop, whichever comes first. Written out instead
 * of `AbortSignal.any([AbortSignal.timeout(…), parent])`, which on Node 20 keeps a WeakRef and a listener on the
 * long-lived parent per request (measured: ~14k WeakRefs held at 700 requests/s) and costs a timer it never clears.
 */
class Deadline {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onParentAbort = () => this.controller.abort(this.parent?.reason);
  timedOut = false;

  constructor(
    timeoutMs: number,
    private readonly parent: AbortSignal | undefined,
  ) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort(new DOMException(`timed out after ${timeoutMs} ms`, "TimeoutError"));
    }, timeoutMs);
    if (parent?.aborted) this.onParentAbort();
    else parent?.addEventListener("abort", this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** The request is over: stop the timer and forget the parent. */
  dispose(): void {
    clearTimeout(this.timer);
    this.parent?.removeEventListener("abort", this.onParentAbort);
  }
}

const dispatchers = new Map<string, Dispatcher>();

/**
 * Connection pools, one per TLS configuration (Argo keeps one client per trigger): keep-alive connections are
 * reused across firings.
 */
function dispatcherFor(tls: PreparedHttpRequest["tls"]): Dispatcher {
  const key = tls ? JSON.stringify([tls.ca ?? "", tls.cert ?? "", tls.key ?? "", tls.insecureSkipVerify === true]) : "";
  let dispatcher = dispatchers.get(key);
  if (!dispatcher) {
    dispatcher = new Agent({
      keepAliveTimeout: 30_000,
      connections: 256,
      ...(tls
        ? { connect: { ...(tls.ca ? { ca: tls.ca } : {}), ...(tls.cert ? { cert: tls.cert } : {}), ...(tls.key ? { key: tls.key } : {}), rejectUnauthorized: tls.insecureSkipVerify !== true } }
        : {}),
    });
    dispatchers.set(key, dispatcher);
  }
  return dispatcher;
}

/** The first bytes of the response body (gunzipped when the server compressed it); the rest is discarded. */
async function readExcerpt(response: Awaited<ReturnType<typeof undiciRequest>>): Promise<string> {
  const gzipped = String(response.headers["content-encoding"] ?? "").toLowerCase() === "gzip";
  const source = gzipped ? response.body.pipe(createGunzip()) : response.body;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of source) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
      chunks.push(buffer);
      size += buffer.length;
      if (size >= EXCERPT_BYTES) break;
    }
  } catch {
    // A truncated or undecodable body still leaves what was read as the excerpt.
  } finally {
    response.body.destroy();
  }
  return Buffer.concat(chunks).subarray(0, EXCERPT_BYTES).toString("utf8");
}

function describeFetchError(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return cause?.code ? `${error.message}: ${cause.code}` : cause?.message ? `${error.message}: ${cause.message}` : error.message;
  }
  return String(error);
}

function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}
