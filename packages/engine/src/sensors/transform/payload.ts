/**
 * The event data a transform or script filter receives, read the way Argo Events reads `event.Data()`.
 */
import { parseGoJson } from "./goJson.ts";

/** The outcome of a transform: the new data, "left as it was", or an error that drops the event. */
export type TransformResult =
  | {
      ok: true;
      /** `false` when the event had no data: Argo returns the event untouched. */
      changed: false;
    }
  | {
      ok: true;
      changed: true;
      /** The new event data, byte-for-byte what Argo's `json.Marshal` writes (sorted keys, Go number format). */
      json: string;
      /**
       * `json` parsed back. An object, except in two Argo corner cases: a Lua script may return an array-like
       * table (Argo accepts any valid JSON), and a `null` payload that jq returns untouched stays `null`.
       */
      data: Record<string, unknown> | unknown[] | null;
    }
  | { ok: false; error: string };

/** The payload as Go sees it after `json.Unmarshal` into `map[string]interface{}`. */
export type DecodedPayload =
  | { kind: "absent" }
  | { kind: "object"; value: Record<string, unknown> | null }
  | { kind: "error"; error: string };

const utf8 = new TextDecoder("utf-8");

/**
 * `string` and `Uint8Array` are raw JSON bytes; `undefined` is "no data"; anything else is a parsed JSON value.
 * Only a JSON object (or `null`, which Go reads as a nil map) is accepted, like Argo's unmarshal into a map.
 */
export function decodePayload(data: unknown): DecodedPayload {
  if (data === undefined) return { kind: "absent" };
  let value: unknown = data;
  if (typeof data === "string" || data instanceof Uint8Array) {
    const parsed = parseGoJson(typeof data === "string" ? data : utf8.decode(data));
    if (!parsed.ok) return { kind: "error", error: parsed.error };
    value = parsed.value;
  }
  if (value === null) return { kind: "object", value: null };
  if (typeof value !== "object" || Array.isArray(value)) {
    const kind = Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value === "boolean" ? "bool" : "string";
    return { kind: "error", error: `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}` };
  }
  return { kind: "object", value: value as Record<string, unknown> };
}
