/**
 * encoding/json for the template value model, as sprig's `toJson`, `toPrettyJson`, `toRawJson` and `fromJson`
 * use it: sorted map keys, Go's float formatting (exponent below 1e-6 and from 1e21), HTML-safe escaping unless
 * raw, `null` for nil slices and maps, RFC 3339 times, and errors for NaN and infinities.
 */

import { def, type FuncDef, GoCallError, str } from "../funcs.ts";
import { formatFloat } from "../floatFormat.ts";
import { GoTime } from "../time/goTime.ts";
import { formatTime } from "../time/layout.ts";
import { fromJs, GoInt, GoObject, type GoValue, isMap, isNilContainer, sortedKeys } from "../values.ts";

class JsonError extends Error {}

function quoteJson(s: string, escapeHtml: boolean): string {
  let out = '"';
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\n":
        out += "\\n";
        continue;
      case "\r":
        out += "\\r";
        continue;
      case "\t":
        out += "\\t";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
    }
    if (r < 0x20 || r === 0x2028 || r === 0x2029 || (escapeHtml && (ch === "<" || ch === ">" || ch === "&"))) {
      out += "\\u" + r.toString(16).padStart(4, "0");
    } else if (r >= 0xd800 && r <= 0xdfff) out += "\\ufffd";
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new JsonError(`json: unsupported value: ${formatFloat(f, "g", -1)}`);
  const abs = Math.abs(f);
  const useExp = abs !== 0 && (abs < 1e-6 || abs >= 1e21);
  let s = formatFloat(f, useExp ? "e" : "f", -1);
  if (useExp) s = s.replace(/e-0(\d)$/, "e-$1");
  return s;
}

interface Style {
  escapeHtml: boolean;
  indent: string | undefined;
}

function encode(v: GoValue, style: Style, depth: number): string {
  if (depth > 1000) throw new JsonError("json: unsupported value: encountered a cycle");
  if (v === undefined || v === null) return "null";
  if (typeof v === "boolean") return v ? "true" : "false";
  if (typeof v === "number") return jsonFloat(v);
  if (typeof v === "string") return quoteJson(v, style.escapeHtml);
  if (v instanceof GoInt) return v.value.toString();
  if (v instanceof GoTime) {
    const year = v.civil().year;
    if (year < 0 || year > 9999)
      throw new JsonError(
        "json: error calling MarshalJSON for type time.Time: Time.MarshalJSON: year outside of range [0,9999]",
      );
    return quoteJson(formatTime(v, "2006-01-02T15:04:05.999999999Z07:00"), style.escapeHtml);
  }
  if (v instanceof GoObject) return "{}";
  const nl = style.indent === undefined ? "" : "\n" + style.indent.repeat(depth + 1);
  const close = style.indent === undefined ? "" : "\n" + style.indent.repeat(depth);
  if (Array.isArray(v)) {
    if (isNilContainer(v)) return "null";
    if (v.length === 0) return "[]";
    return "[" + v.map((x) => nl + encode(x, style, depth + 1)).join(",") + close + "]";
  }
  if (isMap(v)) {
    if (isNilContainer(v)) return "null";
    const keys = sortedKeys(v);
    if (keys.length === 0) return "{}";
    const sep = style.indent === undefined ? ":" : ": ";
    return (
      "{" +
      keys.map((k) => nl + quoteJson(k, style.escapeHtml) + sep + encode(v[k], style, depth + 1)).join(",") +
      close +
      "}"
    );
  }
  return "null";
}

/** json.Marshal (escapeHtml) or an Encoder with SetEscapeHTML(false); `indent` as MarshalIndent's. */
export function marshal(v: GoValue, opts: { escapeHtml?: boolean; indent?: string } = {}): string {
  return encode(v, { escapeHtml: opts.escapeHtml ?? true, indent: opts.indent }, 0);
}

/** json.Unmarshal into interface{}. */
export function unmarshal(s: string): GoValue {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s);
  } catch (e) {
    throw new GoCallError(e instanceof Error ? e.message : String(e));
  }
  const check = (x: unknown): void => {
    if (typeof x === "number" && !Number.isFinite(x))
      throw new GoCallError(`json: cannot unmarshal number into Go value of type float64`);
    if (Array.isArray(x)) x.forEach(check);
    else if (x !== null && typeof x === "object") Object.values(x).forEach(check);
  };
  check(parsed);
  return fromJs(parsed);
}

function lenient(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonError) return "";
    throw e;
  }
}

function strict(f: () => string): string {
  try {
    return f();
  } catch (e) {
    if (e instanceof JsonError) throw new GoCallError(e.message);
    throw e;
  }
}

export const JSON_FUNCS: Record<string, FuncDef> = {
  toJson: def(["any"], ([v]) => lenient(() => marshal(v))),
  mustToJson: def(["any"], ([v]) => strict(() => marshal(v))),
  toPrettyJson: def(["any"], ([v]) => lenient(() => marshal(v, { indent: "  " }))),
  mustToPrettyJson: def(["any"], ([v]) => strict(() => marshal(v, { indent: "  " }))),
  toRawJson: def(["any"], ([v]) => strict(() => marshal(v, { escapeHtml: false }))),
  mustToRawJson: def(["any"], ([v]) => strict(() => marshal(v, { escapeHtml: false }))),
  fromJson: def(["string"], ([s]) => {
    try {
      return unmarshal(str(s));
    } catch {
      return null;
    }
  }),
  mustFromJson: def(["string"], ([s]) => unmarshal(str(s))),
};
