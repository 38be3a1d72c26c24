/**
 * JSON the way Go's `encoding/json` reads and writes it, because Argo Events parses every payload into
 * `map[string]interface{}` and `json.Marshal`s every transform result. Pure and deterministic.
 *
 * What Go does that `JSON.stringify` does not:
 * - object keys are sorted by their UTF-8 bytes (= by code point), at every depth;
 * - `<`, `>`, `&`, U+2028 and U+2029 are written as `\u003c`…, `\b` and `\f` as short escapes;
 * - a lone surrogate in parsed input becomes U+FFFD (as Go's decoder does); a lone surrogate met when writing
 *   stands for a byte that was not UTF-8 (see `decodeGoString`) and is written as the escape `\ufffd`, as Go does;
 * - `-0` stays `-0`; NaN and ±Inf are an error ("json: unsupported value: NaN"), not `null`;
 * - a number too big for float64 in the input is an error, not `Infinity`.
 */

/** A JSON value as this module reads it; `bigint` only appears where a big integer must print exactly. */
export type GoJsonValue = null | boolean | number | bigint | string | GoJsonValue[] | { [key: string]: GoJsonValue };

/** The outcome of parsing or writing Go JSON. */
export type GoJsonResult<TValue> = { ok: true; value: TValue } | { ok: false; error: string };

/**
 * Parses bytes the way `json.Unmarshal` into `interface{}` does: numbers become float64 (so integers beyond
 * 2^53 round), duplicate keys keep the last value, and a number that overflows float64 is an error.
 */
export function parseGoJson(text: string): GoJsonResult<unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    return { ok: false, error: cause instanceof Error ? cause.message : String(cause) };
  }
  const overflow = findNonFinite(value);
  if (overflow !== undefined) {
    return { ok: false, error: `json: cannot unmarshal number ${overflow} into Go value of type float64` };
  }
  return { ok: true, value: wellFormed(value) };
}

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Go's decoder turns a lone surrogate escape (`"\ud800"`) into U+FFFD; JSON.parse keeps it. */
function wellFormed(value: unknown): unknown {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\ufffd");
  if (Array.isArray(value)) return value.map(wellFormed);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[wellFormed(key) as string] = wellFormed(item);
    return out;
  }
  return value;
}

function findNonFinite(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? undefined : String(value);
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findNonFinite(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isPlainObject(value)) {
    for (const item of Object.values(value)) {
      const found = findNonFinite(item);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/**
 * Serialises a value byte-for-byte like Go's `json.Marshal` of the equivalent `interface{}` tree.
 * `undefined` inside arrays is written as `null`; inside objects the key is skipped.
 */
export function marshalGoJson(value: unknown): GoJsonResult<string> {
  const parts: string[] = [];
  const error = writeValue(value, parts, new Set());
  return error === undefined ? { ok: true, value: parts.join("") } : { ok: false, error };
}

function writeValue(value: unknown, out: string[], seen: Set<object>): string | undefined {
  if (value === null || value === undefined) {
    out.push("null");
    return undefined;
  }
  switch (typeof value) {
    case "boolean":
      out.push(value ? "true" : "false");
      return undefined;
    case "number": {
      const text = formatGoFloat(value);
      if (text === undefined) return `json: unsupported value: ${goFloatName(value)}`;
      out.push(text);
      return undefined;
    }
    case "bigint":
      out.push(value.toString());
      return undefined;
    case "string":
      out.push(quoteGoString(value));
      return undefined;
    case "object":
      break;
    default:
      return `json: unsupported type: ${typeof value}`;
  }
  if (seen.has(value)) return "json: unsupported value: encountered a cycle";
  seen.add(value);
  try {
    if (Array.isArray(value)) {
      out.push("[");
      for (let i = 0; i < value.length; i++) {
        if (i > 0) out.push(",");
        const error = writeValue(value[i], out, seen);
        if (error !== undefined) return error;
      }
      out.push("]");
      return undefined;
    }
    if (!isPlainObject(value)) return "json: unsupported type: object";
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort(compareGoStrings);
    out.push("{");
    for (const [i, key] of keys.entries()) {
      if (i > 0) out.push(",");
      out.push(quoteGoString(key), ":");
      const error = writeValue(value[key], out, seen);
      if (error !== undefined) return error;
    }
    out.push("}");
    return undefined;
  } finally {
    seen.delete(value);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Orders strings by code point, which is the byte order of their UTF-8 form (Go's `sort.Strings`). */
export function compareGoStrings(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ca = a.codePointAt(i) as number;
    const cb = b.codePointAt(i) as number;
    if (ca !== cb) return ca - cb;
    if (ca > 0xffff) i++;
  }
  return a.length - b.length;
}

/** `strconv.FormatFloat(f, 'f'|'e', -1, 64)` as `encoding/json` picks it; `undefined` for NaN and ±Inf. */
export function formatGoFloat(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  if (Object.is(value, -0)) return "-0";
  // ES Number::toString switches to exponent form at exactly the thresholds Go's encoder uses
  // (abs < 1e-6 or abs >= 1e21) and also prints the shortest round-trip digits, e.g. "1e-7", "1.5e+300".
  return String(value);
}

function goFloatName(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  return value > 0 ? "+Inf" : "-Inf";
}

const HEX = "0123456789abcdef";

/** Quotes a string like Go's encoder with HTML escaping on (the `json.Marshal` default). */
export function quoteGoString(value: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    let escape: string | undefined;
    if (code < 0x20 || code === 0x22 || code === 0x5c || code === 0x3c || code === 0x3e || code === 0x26) {
      escape = shortEscape(code);
    } else if (code === 0x2028 || code === 0x2029) {
      escape = `\\u${code.toString(16)}`;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      const next = value.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      escape = "\\ufffd";
    }
    if (escape === undefined) continue;
    out += value.slice(start, i) + escape;
    start = i + 1;
  }
  return `${out}${value.slice(start)}"`;
}

function shortEscape(code: number): string {
  switch (code) {
    case 0x22:
      return '\\"';
    case 0x5c:
      return "\\\\";
    case 0x0a:
      return "\\n";
    case 0x0d:
      return "\\r";
    case 0x09:
      return "\\t";
    case 0x08:
      return "\\b";
    case 0x0c:
      return "\\f";
    default:
      return `\\u00${HEX[code >> 4]}${HEX[code & 0xf]}`;
  }
}
