/**
 * JSON written the way Go's encoding/json writes it, because Argo Events' consumers and users compare bytes:
 * map keys sorted, `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c`…, and `json.RawMessage` compacted.
 */

const htmlEscapes: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** Escape a string like Go's encoder (HTML-safe). */
export function goQuote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (ch) => htmlEscapes[ch] ?? ch);
}

/** A raw JSON fragment to be embedded as is (compacted), like Go's `json.RawMessage`. */
export class RawJson {
  constructor(readonly text: string) {}
}

/**
 * Marshal like Go's `json.Marshal` of `map[string]interface{}` values: object keys sorted, HTML-safe strings.
 * `RawJson` fragments are compacted and embedded. Arrays keep their order.
 */
export function goMarshal(value: unknown): string {
  if (value instanceof RawJson) return compactJson(value.text);
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return goQuote(value);
  if (typeof value === "number") return formatGoFloat(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  if (value instanceof Uint8Array) return goQuote(Buffer.from(value).toString("base64"));
  if (Array.isArray(value)) return `[${value.map((item) => goMarshal(item)).join(",")}]`;
  if (value instanceof OrderedObject) {
    return `{${value.entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${goQuote(k)}:${goMarshal(v)}`).join(",")}}`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).filter((key) => record[key] !== undefined).sort();
  return `{${keys.map((key) => `${goQuote(key)}:${goMarshal(record[key])}`).join(",")}}`;
}

/** An object whose keys keep the given order (a Go struct), for {@link goMarshal}. */
export class OrderedObject {
  constructor(readonly entries: readonly (readonly [string, unknown])[]) {}
}

/** Go's float64 encoding: integers without exponent up to 1e21, otherwise the shortest repr with Go's exponent form. */
export function formatGoFloat(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`json: unsupported value: ${value}`);
  const abs = Math.abs(value);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    // Go: strconv 'e' format with the shortest digits, exponent at least two digits ("1e-07", "1e+21").
    const [mantissa, exponent = "0"] = value.toExponential().split("e");
    const sign = exponent.startsWith("-") ? "-" : "+";
    const digits = exponent.replace(/^[+-]/, "").padStart(2, "0");
    return `${mantissa}e${sign}${digits}`;
  }
  return String(value);
}

/**
 * Compact JSON text without reformatting numbers or string escapes (Go's `json.Compact` with HTML escaping, as
 * `Marshal` applies to `RawMessage`). The input must be valid JSON.
 */
export function compactJson(text: string): string {
  // Most bodies are machine-written and already compact: nothing to do (a cheap native scan instead of a JS loop).
  if (!NEEDS_COMPACTING.test(text)) return text;
  let out = "";
  let copiedUpTo = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === BACKSLASH) {
        i++; // an escape sequence is copied as is
      } else if (code === QUOTE) {
        inString = false;
      } else {
        const escaped = HTML_ESCAPES_BY_CODE.get(code);
        if (escaped !== undefined) {
          out += text.slice(copiedUpTo, i) + escaped;
          copiedUpTo = i + 1;
        }
      }
    } else if (code === QUOTE) {
      inString = true;
    } else if (code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d) {
      out += text.slice(copiedUpTo, i);
      copiedUpTo = i + 1;
    }
  }
  return out + text.slice(copiedUpTo);
}

const NEEDS_COMPACTING = /[ \t\n\r<>&\u2028\u2029]/;
const BACKSLASH = 0x5c;
const QUOTE = 0x22;
const HTML_ESCAPES_BY_CODE = new Map(Object.entries(htmlEscapes).map(([ch, escaped]) => [ch.charCodeAt(0), escaped]));

/** True when `text` is one valid JSON value (what Go's `json.Valid` accepts). */
export function isValidJson(text: string): boolean {
  if (text.trim() === "") return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
