/**
 * Go's number and `fmt.Sprintf` formatting as gopher-lua v1.1.2 exposes it to Lua scripts: `tostring(x)`,
 * `x .. ""` and `string.format` all go through Go's `fmt`, not C's `printf`. Pure and deterministic.
 */

const TWO_63 = 9223372036854775808;

/**
 * gopher-lua's `LNumber.String()`: integral values in int64 range print as integers (`3`, `-0` → `0`), anything
 * else as Go's `%v` (`0.1`, `1.2345675e+06`, `1e+20`, `NaN`, `+Inf`).
 */
export function luaNumberToString(value: number): string {
  if (Number.isInteger(value) && value >= -TWO_63 && value < TWO_63) return BigInt(value).toString();
  return formatFloat(value, { verb: "g" });
}

/** Converts like Go's `int64(f)` on amd64: truncation, with NaN and out-of-range values becoming MinInt64. */
export function toInt64(value: number): bigint {
  if (!Number.isFinite(value) || value >= TWO_63 || value < -TWO_63) return -(2n ** 63n);
  return BigInt(Math.trunc(value));
}

/** Exact decimal digits of a finite double: `value = 0.DIGITS × 10^point`, no leading or trailing zeros. */
interface Decimal {
  digits: string;
  point: number;
}

function exactDecimal(value: number): Decimal {
  const abs = Math.abs(value);
  if (abs === 0) return { digits: "", point: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const bits = view.getBigUint64(0);
  const exponent = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  let power = exponent - 1075;
  if (exponent === 0) power = -1074;
  else mantissa |= 1n << 52n;
  // abs = mantissa × 2^power; for a negative power multiply by 5^-power and shift the decimal point instead.
  let digits: string;
  let point: number;
  if (power >= 0) {
    digits = (mantissa << BigInt(power)).toString();
    point = digits.length;
  } else {
    digits = (mantissa * 5n ** BigInt(-power)).toString();
    point = digits.length + power;
  }
  return trimDecimal({ digits, point });
}

function trimDecimal(decimal: Decimal): Decimal {
  let { digits, point } = decimal;
  let start = 0;
  while (start < digits.length && digits[start] === "0") start++;
  digits = digits.slice(start);
  point -= start;
  return { digits: digits.replace(/0+$/, ""), point };
}

/** Shortest digits that read back as the same double (what Go uses for precision -1). */
function shortestDecimal(value: number): Decimal {
  const [mantissa = "0", exponent = "0"] = Math.abs(value).toExponential().split("e");
  return trimDecimal({ digits: mantissa.replace(".", ""), point: Number(exponent) + 1 });
}

/** Rounds to `count` significant digits, ties to even, as Go's `strconv` does on the exact value. */
function roundDecimal(decimal: Decimal, count: number): Decimal {
  if (count < 0) return { digits: "", point: decimal.point };
  if (decimal.digits.length <= count) return decimal;
  const next = decimal.digits.charCodeAt(count) - 48;
  const rest = decimal.digits.slice(count + 1);
  const kept = decimal.digits.slice(0, count);
  const lastKept = count > 0 ? kept.charCodeAt(count - 1) - 48 : 0;
  const roundUp = next > 5 || (next === 5 && (/[1-9]/.test(rest) || lastKept % 2 === 1));
  if (!roundUp) return trimDecimal({ digits: kept, point: decimal.point });
  if (kept === "") return { digits: "1", point: decimal.point + 1 };
  const bumped = (BigInt(kept) + 1n).toString();
  return trimDecimal({ digits: bumped, point: decimal.point + (bumped.length - kept.length) });
}

/** Options for one float conversion. */
export interface FloatFormat {
  verb: "e" | "E" | "f" | "F" | "g" | "G";
  /** Digits after the point (`e`, `f`) or significant digits (`g`); absent means shortest. */
  precision?: number;
  sharp?: boolean;
}

/** Go's `strconv.FormatFloat` for the `fmt` verbs, without sign handling for width (see {@link goSprintf}). */
export function formatFloat(value: number, format: FloatFormat): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  const negative = value < 0 || Object.is(value, -0);
  const verb = format.verb.toLowerCase();
  const upper = format.verb === "E" || format.verb === "G";
  const shortest = format.precision === undefined;
  let prec = format.precision ?? 6;
  let decimal: Decimal;
  if (shortest) {
    decimal = shortestDecimal(value);
    if (verb === "e") prec = Math.max(decimal.digits.length - 1, 0);
    else if (verb === "f") prec = Math.max(decimal.digits.length - decimal.point, 0);
    else prec = decimal.digits.length;
  } else {
    const exact = exactDecimal(value);
    if (verb === "e") decimal = roundDecimal(exact, prec + 1);
    else if (verb === "f") decimal = roundDecimal(exact, exact.point + prec);
    else decimal = roundDecimal(exact, prec === 0 ? 1 : prec);
    if (verb === "g" && prec === 0) prec = 1;
  }
  if (decimal.digits === "") decimal = { digits: "", point: verb === "f" ? 0 : 1 };
  let body: string;
  if (verb === "e") {
    body = formatE(decimal, prec, upper);
  } else if (verb === "f") {
    body = formatF(decimal, prec);
  } else {
    let eprec = prec;
    const nd = decimal.digits.length;
    if (eprec > nd && nd >= decimal.point) eprec = nd;
    if (shortest) eprec = 6;
    const exponent = decimal.point - 1;
    if (decimal.digits === "" || (exponent >= -4 && exponent < eprec)) {
      if (decimal.digits === "") body = "0";
      else body = formatF(decimal, Math.max((prec > decimal.point ? nd : prec) - decimal.point, 0));
    } else {
      body = formatE(decimal, (prec > nd ? nd : prec) - 1, upper);
    }
    if (format.sharp === true && !body.includes(".") && !/[eE]/.test(body)) body += ".";
  }
  return (negative ? "-" : "") + body;
}

function digitAt(decimal: Decimal, index: number): string {
  return index >= 0 && index < decimal.digits.length ? (decimal.digits[index] as string) : "0";
}

function formatE(decimal: Decimal, prec: number, upper: boolean): string {
  let out = decimal.digits === "" ? "0" : digitAt(decimal, 0);
  if (prec > 0) {
    out += ".";
    for (let i = 1; i <= prec; i++) out += digitAt(decimal, i);
  }
  const exponent = decimal.digits === "" ? 0 : decimal.point - 1;
  const abs = Math.abs(exponent);
  return `${out}${upper ? "E" : "e"}${exponent < 0 ? "-" : "+"}${abs < 10 ? "0" : ""}${abs}`;
}

function formatF(decimal: Decimal, prec: number): string {
  let out = "";
  if (decimal.point > 0) {
    for (let i = 0; i < decimal.point; i++) out += digitAt(decimal, i);
  } else {
    out = "0";
  }
  if (prec > 0) {
    out += ".";
    for (let i = 0; i < prec; i++) out += digitAt(decimal, decimal.point + i);
  }
  return out;
}

/** A Lua value as `string.format` receives it. */
export type FormatArg =
  | { type: "number"; value: number }
  | { type: "string"; value: string }
  | { type: "boolean"; value: boolean }
  | { type: "nil" }
  | { type: "other"; goType: string; text: string };

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  width?: number;
  precision?: number;
}

/**
 * gopher-lua's `string.format`: Go's `fmt.Sprintf(format, args[:npat]...)` where each Lua value formats itself
 * (`LNumber` picks int64 or float64 by verb; `LString` has an inverted `%d` quirk kept here on purpose).
 */
export function goSprintf(format: string, args: readonly FormatArg[]): string {
  const npat = count(format, "%") - count(format, "%%");
  const used = args.slice(0, Math.max(0, Math.min(npat, args.length)));
  let argIndex = 0;
  let out = "";
  let i = 0;
  while (i < format.length) {
    const ch = format[i] as string;
    if (ch !== "%") {
      out += ch;
      i++;
      continue;
    }
    i++;
    const spec: Spec = { plus: false, minus: false, sharp: false, space: false, zero: false };
    for (; i < format.length; i++) {
      const flag = format[i];
      if (flag === "+") spec.plus = true;
      else if (flag === "-") spec.minus = true;
      else if (flag === "#") spec.sharp = true;
      else if (flag === " ") spec.space = true;
      else if (flag === "0") spec.zero = !spec.minus;
      else break;
    }
    const width = /^\d+/.exec(format.slice(i));
    if (width !== null) {
      spec.width = Number(width[0]);
      i += width[0].length;
    }
    if (format[i] === ".") {
      i++;
      const precision = /^\d+/.exec(format.slice(i));
      spec.precision = precision === null ? 0 : Number(precision[0]);
      if (precision !== null) i += precision[0].length;
    }
    if (i >= format.length) {
      out += "%!(NOVERB)";
      break;
    }
    const verb = format[i] as string;
    i++;
    if (verb === "%") {
      out += "%";
      continue;
    }
    const arg = used[argIndex++];
    if (arg === undefined) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += formatArg(arg, verb, spec);
  }
  if (argIndex < used.length) {
    const extra = used.slice(argIndex).map((arg) => `${goTypeName(arg)}=${plainText(arg)}`);
    out += `%!(EXTRA ${extra.join(", ")})`;
  }
  return out;
}

function count(text: string, needle: string): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) n++;
  return n;
}

function goTypeName(arg: FormatArg): string {
  switch (arg.type) {
    case "number":
      return "lua.LNumber";
    case "string":
      return "lua.LString";
    case "boolean":
      return "lua.LBool";
    case "nil":
      return "*lua.LNilType";
    case "other":
      return arg.goType;
  }
}

function plainText(arg: FormatArg): string {
  switch (arg.type) {
    case "number":
      return luaNumberToString(arg.value);
    case "string":
      return arg.value;
    case "boolean":
      return String(arg.value);
    case "nil":
      return "nil";
    case "other":
      return arg.text;
  }
}

function formatArg(arg: FormatArg, verb: string, spec: Spec): string {
  switch (arg.type) {
    case "number": {
      const value = arg.value;
      if (verb === "q" || verb === "s") return formatString(luaNumberToString(value), verb, spec);
      if ("bcdoxXU".includes(verb)) return formatInteger(toInt64(value), verb, spec);
      if ("eEfFgG".includes(verb)) return formatFloatSpec(value, verb, spec);
      if (verb === "i") return formatInteger(toInt64(value), "d", spec);
      if (verb === "v") {
        if (Number.isInteger(value) && value >= -TWO_63 && value < TWO_63) return formatInteger(toInt64(value), "d", spec);
        return formatFloatSpec(value, "g", spec);
      }
      return Number.isInteger(value) ? `%!${verb}(int64=${luaNumberToString(value)})` : `%!${verb}(float64=${luaNumberToString(value)})`;
    }
    case "string":
      if (verb === "d" || verb === "i") {
        // gopher-lua formats a numeric string as a string and a non-numeric one as the number 0.
        return parseGoLuaNumber(arg.value) === undefined ? formatInteger(0n, "d", spec) : formatString(arg.value, "s", spec);
      }
      if ("sqvxX".includes(verb)) return formatString(arg.value, verb, spec);
      return `%!${verb}(string=${arg.value})`;
    default:
      if (verb === "s" || verb === "v") return pad(plainText(arg), spec, false);
      return `%!${verb}(${goTypeName(arg)}=${plainText(arg)})`;
  }
}

function pad(body: string, spec: Spec, zeroAllowed: boolean): string {
  const width = spec.width ?? 0;
  const length = [...body].length;
  if (length >= width) return body;
  const fill = width - length;
  if (spec.minus) return body + " ".repeat(fill);
  if (spec.zero && zeroAllowed) {
    const sign = /^[-+ ]/.test(body) ? body[0] : "";
    return sign + "0".repeat(fill) + body.slice(sign === undefined ? 0 : sign.length);
  }
  return " ".repeat(fill) + body;
}

function formatInteger(value: bigint, verb: string, spec: Spec): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  let digits: string;
  switch (verb) {
    case "b":
      digits = abs.toString(2);
      break;
    case "o":
      digits = abs.toString(8);
      break;
    case "x":
      digits = abs.toString(16);
      break;
    case "X":
      digits = abs.toString(16).toUpperCase();
      break;
    case "c":
      return pad(String.fromCodePoint(Number(value) >= 0 && Number(value) <= 0x10ffff ? Number(value) : 0xfffd), spec, false);
    case "U":
      return pad(`U+${abs.toString(16).toUpperCase().padStart(4, "0")}`, spec, false);
    default:
      digits = abs.toString(10);
  }
  if (spec.precision !== undefined) {
    if (spec.precision === 0 && value === 0n) digits = "";
    digits = digits.padStart(spec.precision, "0");
  }
  if (spec.sharp) {
    if (verb === "x") digits = `0x${digits}`;
    else if (verb === "X") digits = `0X${digits}`;
    else if (verb === "o" && !digits.startsWith("0")) digits = `0${digits}`;
    else if (verb === "b") digits = `0b${digits}`;
  }
  const sign = negative ? "-" : spec.plus ? "+" : spec.space ? " " : "";
  return pad(sign + digits, spec, spec.precision === undefined);
}

function formatFloatSpec(value: number, verb: string, spec: Spec): string {
  const floatVerb = verb === "F" ? "f" : verb;
  if (floatVerb !== "e" && floatVerb !== "E" && floatVerb !== "f" && floatVerb !== "g" && floatVerb !== "G") return "";
  // fmt's %e and %f default to 6 digits; only %g (and %v) use the shortest form.
  const precision = spec.precision ?? (floatVerb === "g" || floatVerb === "G" ? undefined : 6);
  let body = formatFloat(value, { verb: floatVerb, ...(precision === undefined ? {} : { precision }), sharp: spec.sharp });
  if (!body.startsWith("-") && !body.startsWith("+")) {
    if (spec.plus) body = `+${body}`;
    else if (spec.space) body = ` ${body}`;
  } else if (body === "+Inf" && !spec.plus) {
    body = spec.space ? " Inf" : "+Inf";
  }
  return pad(body, spec, Number.isFinite(value));
}

function formatString(value: string, verb: string, spec: Spec): string {
  let text = value;
  if (spec.precision !== undefined && (verb === "s" || verb === "v")) text = [...text].slice(0, spec.precision).join("");
  if (verb === "q") text = goQuote(text);
  if (verb === "x" || verb === "X") {
    const hex = [...new TextEncoder().encode(text)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    text = verb === "X" ? hex.toUpperCase() : hex;
  }
  return pad(text, spec, false);
}

/** `strconv.Quote`: Go-syntax double-quoted string. */
function goQuote(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) as number;
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
      case "\u0007":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
        continue;
      case "\v":
        out += "\\v";
        continue;
    }
    if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else if (code >= 0x80 && code < 0xa0) out += `\\u${code.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * gopher-lua's `parseNumber`, used when a string meets arithmetic: Go's `ParseInt(s, 0, 64)` (so `"010"` is 8,
 * `"0b11"` is 3, `"1_000"` is 1000), then `ParseFloat`. Surrounding spaces, tabs and newlines are ignored.
 */
export function parseGoLuaNumber(text: string): number | undefined {
  const trimmed = text.replace(/^[ \t\n]+|[ \t\n]+$/g, "");
  const integer = parseGoInt(trimmed, 0);
  if (integer !== undefined) return integer;
  return parseGoFloat(trimmed);
}

/** `tonumber(s [, base])` in gopher-lua: a `.` means float, otherwise an integer in `base` (or `0x` hex). */
export function goLuaToNumber(text: string, base: number | undefined): number | undefined {
  let str = text.replace(/^[ \n\t]+|[ \n\t]+$/g, "");
  if (str.includes(".")) return parseGoFloat(str);
  let radix = base ?? 10;
  if (base === undefined && str.toLowerCase().startsWith("0x")) {
    radix = 16;
    str = str.slice(2);
  }
  return parseGoInt(str, radix);
}

const INT64_MAX = 2n ** 63n - 1n;

/** `strconv.ParseInt(s, base, 64)`; base 0 reads prefixes and allows `_` between digits. */
function parseGoInt(text: string, base: number): number | undefined {
  let str = text;
  let negative = false;
  if (str.startsWith("+") || str.startsWith("-")) {
    negative = str.startsWith("-");
    str = str.slice(1);
  }
  let radix = base;
  let underscores = false;
  if (base === 0) {
    radix = 10;
    underscores = true;
    const lower = str.toLowerCase();
    if (lower.startsWith("0x")) [radix, str] = [16, str.slice(2)];
    else if (lower.startsWith("0b")) [radix, str] = [2, str.slice(2)];
    else if (lower.startsWith("0o")) [radix, str] = [8, str.slice(2)];
    else if (str.length > 1 && str.startsWith("0")) [radix, str] = [8, str.slice(1)];
    if (str.startsWith("_") && radix !== 8) return undefined;
  }
  if (radix < 2 || radix > 36 || str === "") return undefined;
  if (underscores) {
    if (str.endsWith("_") || str.includes("__")) return undefined;
    str = str.replaceAll("_", "");
  }
  let value = 0n;
  const big = BigInt(radix);
  for (const ch of str.toLowerCase()) {
    const digit = parseInt(ch, 36);
    if (Number.isNaN(digit) || digit >= radix) return undefined;
    value = value * big + BigInt(digit);
    if (value > INT64_MAX + 1n) return undefined;
  }
  if (negative) value = -value;
  if (value > INT64_MAX || value < -INT64_MAX - 1n) return undefined;
  return Number(value);
}

/** `strconv.ParseFloat(s, 64)`: decimal or hex-with-`p` forms, `inf`/`nan` words, no overflow to infinity. */
function parseGoFloat(text: string): number | undefined {
  const lower = text.toLowerCase();
  const word = /^([+-]?)(inf|infinity|nan)$/.exec(lower);
  if (word !== null) {
    if (word[2] === "nan") return NaN;
    return word[1] === "-" ? -Infinity : Infinity;
  }
  if (!/^[+-]?(?:\d(?:_?\d)*\.?(?:\d(?:_?\d)*)?|\.\d(?:_?\d)*)(?:e[+-]?\d+)?$/.test(lower)) return undefined;
  if (lower.includes("_")) return undefined;
  const value = Number(lower);
  if (!Number.isFinite(value)) return undefined;
  return value;
}
