/**
 * Turns a JS value into the text sjson writes for it, the way `sjson.Set` handles each Go type: strings are
 * quoted (escaped through encoding/json only when they hold control, non-ASCII, `"` or `\` characters),
 * numbers use `FormatFloat(f, 'f', -1, 64)`, and arrays and plain objects go through encoding/json, which
 * sorts object keys and escapes `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`. Pure.
 */

import { formatFloatF, formatJsonFloat } from "../gjson/number.ts";
import { compareCodePoints, gjsonQuote } from "../gjson/text.ts";
import { SjsonError } from "./errors.ts";

/** sjson `mustMarshalString`. */
function mustMarshal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 0x7f || c === 34 || c === 92) return true;
  }
  return false;
}

/** sjson `appendStringify`: a JSON string literal for `s`. */
export function stringify(s: string): string {
  // encoding/json's string escaping is the same as gjson's AppendJSONString with HTML escaping on.
  return mustMarshal(s) ? gjsonQuote(s) : '"' + s + '"';
}

function goFloatG(f: number): string {
  return f !== f ? "NaN" : f > 0 ? "+Inf" : "-Inf";
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Go `json.Marshal` of the value a JSON decoder would give for `v` (map keys sorted, floats as JS prints them). */
export function marshal(v: unknown, seen: Set<object> = new Set()): string {
  if (v === null || v === undefined) return "null";
  switch (typeof v) {
    case "string":
      return gjsonQuote(v);
    case "boolean":
      return v ? "true" : "false";
    case "bigint":
      return v.toString();
    case "number":
      if (!Number.isFinite(v)) throw new SjsonError("UNSUPPORTED_VALUE", "json: unsupported value: " + goFloatG(v));
      return formatJsonFloat(v);
    case "object": {
      if (seen.has(v)) throw new SjsonError("UNSUPPORTED_VALUE", "json: unsupported value: encountered a cycle");
      seen.add(v);
      let out: string;
      if (Array.isArray(v)) {
        out = "[" + v.map((x: unknown) => marshal(x, seen)).join(",") + "]";
      } else if (isPlainObject(v)) {
        const keys = Object.keys(v)
          .filter((k) => v[k] !== undefined)
          .sort(compareCodePoints);
        out = "{" + keys.map((k) => gjsonQuote(k) + ":" + marshal(v[k], seen)).join(",") + "}";
      } else {
        throw new SjsonError("UNSUPPORTED_VALUE", "json: unsupported type: " + (v.constructor?.name ?? "object"));
      }
      seen.delete(v);
      return out;
    }
    default:
      throw new SjsonError("UNSUPPORTED_VALUE", "json: unsupported type: " + typeof v);
  }
}

/** The raw text for `sjson.Set(json, path, v)` and whether sjson writes it as a quoted string. */
export function valueText(v: unknown): { raw: string; quote: boolean } {
  switch (typeof v) {
    case "string":
      return { raw: v, quote: true };
    case "boolean":
      return { raw: v ? "true" : "false", quote: false };
    case "number":
      return { raw: formatFloatF(v), quote: false };
    case "bigint":
      return { raw: v.toString(), quote: false };
    default:
      return { raw: marshal(v), quote: false };
  }
}
