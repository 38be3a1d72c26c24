/**
 * Pure part of the webhook source: an HTTP request in, Argo's event data (§3.3) or an HTTP answer out.
 * No sockets here, so the same code serves the source's own port and the API-port route.
 */
import { goMarshal, isValidJson, OrderedObject, RawJson } from "../../util/goJson.ts";

/** A received request, transport-independent. */
export interface WebhookRequest {
  method: string;
  /** Raw query string without `?`. */
  query: string;
  /** Node's `rawHeaders`: name, value, name, value… with the sender's casing. */
  rawHeaders: readonly string[];
  body: Uint8Array;
}

/** A plain-text answer, as Argo's webhook sends them. */
export interface WebhookResponse {
  status: number;
  body: string;
  headers?: Record<string, string>;
}

/** Masked value Argo writes in place of the Authorization header. */
export const MASKED_AUTH = "*** Masked Auth Secret ***";

/** Go's `textproto.CanonicalMIMEHeaderKey`: `content-type` → `Content-Type`; keys with odd bytes stay as they are. */
export function canonicalHeaderKey(key: string): string {
  const known = canonicalKeys.get(key);
  if (known !== undefined) return known;
  const canonical = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(key)
    ? key.toLowerCase().replace(/(^|-)([a-z])/g, (_, dash: string, letter: string) => dash + letter.toUpperCase())
    : key;
  // Senders repeat the same few header names: remember them (bounded, so hostile names cannot grow it forever).
  if (canonicalKeys.size < 1024) canonicalKeys.set(key, canonical);
  return canonical;
}

const canonicalKeys = new Map<string, string>();

/** Headers as Go's `http.Header` of a server request: canonical keys, every value kept, Host and Transfer-Encoding removed. */
export function headerMap(rawHeaders: readonly string[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const key = canonicalHeaderKey(rawHeaders[i] ?? "");
    if (key === "Host" || key === "Transfer-Encoding") continue;
    (out[key] ??= []).push(rawHeaders[i + 1] ?? "");
  }
  return out;
}

/** First value of a header, case-insensitively. */
export function headerValue(rawHeaders: readonly string[], name: string): string | undefined {
  const lower = name.toLowerCase();
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) if (rawHeaders[i]?.toLowerCase() === lower) return rawHeaders[i + 1];
  return undefined;
}

/** Go's `url.Values` of a query or form body: keys → every value, `+` as space. */
export function formValues(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of new URLSearchParams(text)) (out[key] ??= []).push(value);
  return out;
}

/** Result of turning a request into event data. */
export type WebhookPayloadResult = { ok: true; data: Uint8Array } | { ok: false; response: WebhookResponse };

/**
 * Build Argo's webhook event data `{header, body, metadata}` (§3.3). GET → query object, form POST → form object,
 * other POST → the body verbatim (must be valid JSON).
 */
export function buildWebhookData(request: WebhookRequest, metadata: Record<string, string> | undefined): WebhookPayloadResult {
  const method = request.method.toUpperCase();
  let body: RawJson;
  if (method === "GET") {
    body = new RawJson(goMarshal(formValues(request.query)));
  } else if (method === "POST") {
    const contentType = headerValue(request.rawHeaders, "content-type");
    const text = new TextDecoder().decode(request.body);
    if (contentType === "application/x-www-form-urlencoded") {
      body = new RawJson(goMarshal(formValues(text)));
    } else if (isValidJson(text)) {
      body = new RawJson(text);
    } else {
      const reason = text.trim() === "" ? "the request body is empty" : "the request body is not valid JSON";
      return { ok: false, response: { status: 400, body: reason } };
    }
  } else {
    return { ok: false, response: { status: 400, body: `unsupported method ${method}` } };
  }
  const header = headerMap(request.rawHeaders);
  if (header.Authorization) header.Authorization = [MASKED_AUTH];
  const hasMetadata = metadata !== undefined && Object.keys(metadata).length > 0;
  const data = goMarshal(
    new OrderedObject([
      ["header", header],
      ["body", body],
      ["metadata", hasMetadata ? metadata : undefined],
    ]),
  );
  return { ok: true, data: new TextEncoder().encode(data) };
}

/** Check `Authorization: Bearer <token>` against the configured secret (§4.2). `undefined` means authorised. */
export function checkBearer(rawHeaders: readonly string[], expected: string): WebhookResponse | undefined {
  const header = headerValue(rawHeaders, "authorization");
  if (!header || !header.startsWith("Bearer ")) return { status: 401, body: "Invalid Authorization Header" };
  const token = header.slice("Bearer ".length);
  if (!timingSafeEqualText(token, expected)) return { status: 401, body: "Invalid Auth token" };
  return undefined;
}

function timingSafeEqualText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  let diff = left.length ^ right.length;
  for (let i = 0; i < Math.max(left.length, right.length); i++) diff |= (left[i] ?? 0) ^ (right[i] ?? 0);
  return diff === 0;
}
