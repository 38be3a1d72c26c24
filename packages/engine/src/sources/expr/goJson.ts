/**
 * Decoding JSON the way Go's `json.Unmarshal` into `interface{}` does: numbers are float64 (out-of-range numbers are
 * an error), lone UTF-16 surrogates become U+FFFD, objects are maps. Pure.
 */
import { ExprPanic } from "./runtime.ts";

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Replace lone surrogates (which Go cannot represent) by U+FFFD. */
export function wellFormed(text: string): string {
  return text.replace(loneSurrogate, "\uFFFD");
}

function normalise(value: unknown): unknown {
  if (typeof value === "string") return wellFormed(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new ExprPanic(`json: cannot unmarshal number into Go value of type float64`);
    return value;
  }
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = normalise(v);
    return out;
  }
  return value;
}

/** `json.Unmarshal([]byte(text), &v)` with `v interface{}`; throws {@link ExprPanic} on invalid input. */
export function goJsonParse(text: string): unknown {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    const message =
      text.trim() === "" ? "unexpected end of JSON input" : error instanceof Error ? error.message : String(error);
    throw new ExprPanic(message);
  }
  return normalise(parsed);
}
