/**
 * Go's text forms of dynamic values, shared by the govaluate and expr ports: `fmt.Sprintf("%v")` (string
 * concatenation in govaluate, error messages, expr's `string()`), and `encoding/json` marshalling (`toJson`,
 * `toJSON`). Values follow the Go model used by both interpreters: float64 = number, int = bigint, nil = null,
 * `[]interface{}` = array, `map[string]interface{}` = plain object. Pure functions.
 */

/** Symbol under which a value gives its own `%v` text (a compiled regexp prints its pattern, like Go). */
export const GO_FORMAT = Symbol.for("signalbox.goFormat");

/** Symbol marking values encoding/json cannot marshal (Go funcs). */
export const GO_UNMARSHALABLE = Symbol.for("signalbox.goUnmarshalable");

/** Symbol tagging arrays that are not `[]interface{}` in Go (`[]int` from `..`, `[]string` from `split`). */
export const SLICE_ELEM = Symbol.for("signalbox.goSliceElem");

export type SliceElem = "int" | "string";

/** Tag an array as a typed Go slice (`[]int`, `[]string`): it is then never deep-equal to a `[]interface{}`. */
export function typedSlice<T>(items: T[], elem: SliceElem): T[] {
  Object.defineProperty(items, SLICE_ELEM, { value: elem, enumerable: false });
  return items;
}

/** The Go element type of an array: `any` for `[]interface{}`. */
export function sliceElem(items: readonly unknown[]): SliceElem | "any" {
  const tag = (items as { [SLICE_ELEM]?: SliceElem })[SLICE_ELEM];
  return tag ?? "any";
}

interface GoFormattable {
  [GO_FORMAT](): string;
}

function isGoFormattable(value: object): value is GoFormattable {
  return typeof (value as Partial<GoFormattable>)[GO_FORMAT] === "function";
}

/** Digits and decimal exponent of the shortest round-tripping form of a finite, non-zero |f|. */
function shortestDigits(f: number): { digits: string; exp: number } {
  const [mantissa = "0", exponent = "0"] = Math.abs(f).toExponential().split("e");
  return { digits: mantissa.replace(".", ""), exp: Number(exponent) };
}

function expSuffix(exp: number): string {
  const sign = exp < 0 ? "-" : "+";
  return `e${sign}${String(Math.abs(exp)).padStart(2, "0")}`;
}

function fixed(digits: string, exp: number): string {
  const dp = exp + 1;
  if (dp <= 0) return `0.${"0".repeat(-dp)}${digits}`;
  if (dp >= digits.length) return digits + "0".repeat(dp - digits.length);
  return `${digits.slice(0, dp)}.${digits.slice(dp)}`;
}

function scientific(digits: string, exp: number): string {
  const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  return head + expSuffix(exp);
}

/** `strconv.FormatFloat(f, 'g', -1, 64)` as `fmt` prints it for `%v`: `1e+06`, `0.0001`, `1e-05`, `+Inf`. */
export function formatFloatV(f: number): string {
  if (Number.isNaN(f)) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const sign = f < 0 ? "-" : "";
  const { digits, exp } = shortestDigits(f);
  return sign + (exp < -4 || exp >= 6 ? scientific(digits, exp) : fixed(digits, exp));
}

/** encoding/json's float64 form: fixed unless |f| < 1e-6 or ≥ 1e21, exponent without padding (`1e-7`, `1e+21`). */
export function formatFloatJson(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${formatFloatV(f)}`);
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const abs = Math.abs(f);
  const sign = f < 0 ? "-" : "";
  const { digits, exp } = shortestDigits(f);
  if (abs < 1e-6 || abs >= 1e21) {
    const head = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${head}e${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
  }
  return sign + fixed(digits, exp);
}

/** Compare strings the way Go does (bytewise UTF-8, i.e. by code point), returning -1, 0 or 1. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (astral code points) sort above the whole BMP in UTF-8 order.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

function sortedKeys(record: object): string[] {
  return Object.keys(record).sort(compareGoStrings);
}

/** `fmt.Sprintf("%v", value)` for the Go value model. */
export function formatGoV(value: unknown): string {
  if (value === null || value === undefined) return "<nil>";
  switch (typeof value) {
    case "string":
      return value;
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return formatFloatV(value);
    case "bigint":
      return value.toString();
    case "function":
      return "0xc000010000";
    case "object":
      break;
    default:
      return "<unknown>";
  }
  if (isGoFormattable(value)) return value[GO_FORMAT]();
  if (Array.isArray(value)) return `[${value.map((item) => formatGoV(item)).join(" ")}]`;
  if (value instanceof Set) {
    return `map[${[...(value as Set<unknown>)]
      .map((k) => formatGoV(k))
      .sort(compareGoStrings)
      .map((k) => `${k}:{}`)
      .join(" ")}]`;
  }
  const record = value as Record<string, unknown>;
  return `map[${sortedKeys(record)
    .map((k) => `${k}:${formatGoV(record[k])}`)
    .join(" ")}]`;
}

const htmlEscapes: Record<string, string> = {
  "<": "\\u003c",
  ">": "\\u003e",
  "&": "\\u0026",
  "\u2028": "\\u2028",
  "\u2029": "\\u2029",
};

/** A JSON string literal as encoding/json writes it (HTML-safe, lone surrogates as U+FFFD). */
export function goJsonQuote(text: string): string {
  const wellFormed = text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
  return JSON.stringify(wellFormed).replace(/[<>&\u2028\u2029]/g, (ch) => htmlEscapes[ch] ?? ch);
}

/**
 * `json.Marshal` (or `json.MarshalIndent(v, "", indent)` when `indent` is given). Throws on values Go cannot encode
 * (NaN, ±Inf, functions), like Go returns an error.
 */
export function goJsonMarshal(value: unknown, indent?: string, depth = 0): string {
  if (value === null || value === undefined) return "null";
  switch (typeof value) {
    case "string":
      return goJsonQuote(value);
    case "boolean":
      return value ? "true" : "false";
    case "number":
      return formatFloatJson(value);
    case "bigint":
      return value.toString();
    case "object":
      break;
    default:
      throw new Error(`json: unsupported type: ${typeof value}`);
  }
  const nl = indent === undefined ? "" : `\n${indent.repeat(depth + 1)}`;
  const end = indent === undefined ? "" : `\n${indent.repeat(depth)}`;
  const colon = indent === undefined ? ":" : ": ";
  if (GO_UNMARSHALABLE in value) throw new Error("json: unsupported type: func");
  if (isGoFormattable(value)) return goJsonQuote(value[GO_FORMAT]());
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[${value.map((item) => nl + goJsonMarshal(item, indent, depth + 1)).join(",")}${end}]`;
  }
  if (value instanceof Set) {
    const keys = [...(value as Set<unknown>)].map((k) => String(k)).sort(compareGoStrings);
    if (keys.length === 0) return "{}";
    return `{${keys.map((k) => `${nl}${goJsonQuote(k)}${colon}{}`).join(",")}${end}}`;
  }
  const record = value as Record<string, unknown>;
  const keys = sortedKeys(record);
  if (keys.length === 0) return "{}";
  return `{${keys.map((k) => `${nl}${goJsonQuote(k)}${colon}${goJsonMarshal(record[k], indent, depth + 1)}`).join(",")}${end}}`;
}
