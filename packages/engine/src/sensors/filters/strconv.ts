/**
 * Go's `strconv.ParseFloat(s, 64)` and `strconv.ParseBool` with their errors, as data filters use them on the
 * filter's `value` list (§5.4), plus `strconv.Quote` for the error texts. Pure.
 */
import { parseGoFloat } from "../../mapping/gjson/number.ts";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** `strconv.ParseBool`: `1 t T TRUE true True` and `0 f F FALSE false False`, nothing else. */
export function goParseBool(s: string): ParseResult<boolean> {
  switch (s) {
    case "1":
    case "t":
    case "T":
    case "TRUE":
    case "true":
    case "True":
      return { ok: true, value: true };
    case "0":
    case "f":
    case "F":
    case "FALSE":
    case "false":
    case "False":
      return { ok: true, value: false };
    default:
      return { ok: false, error: `strconv.ParseBool: parsing ${goStrconvQuote(s)}: invalid syntax` };
  }
}

/**
 * `strconv.ParseFloat(s, 64)`: decimal and hexadecimal (`0x1p-2`, exponent required) literals, `_` between
 * digits, `inf`/`infinity`/`nan` in any case. Overflow is the error "value out of range" (underflow is not).
 */
export function goParseFloat(s: string): ParseResult<number> {
  if (!isGoFloatSyntax(s))
    return { ok: false, error: `strconv.ParseFloat: parsing ${goStrconvQuote(s)}: invalid syntax` };
  const value = parseGoFloat(s);
  if (!Number.isFinite(value) && !Number.isNaN(value) && !isSpecial(s)) {
    return { ok: false, error: `strconv.ParseFloat: parsing ${goStrconvQuote(s)}: value out of range` };
  }
  return { ok: true, value };
}

function isSpecial(s: string): boolean {
  const lower = s.toLowerCase();
  const unsigned = lower.startsWith("+") || lower.startsWith("-") ? lower.slice(1) : lower;
  return unsigned === "inf" || unsigned === "infinity" || lower === "nan";
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102;
}

/** Go's `readFloat` acceptance (the whole string must be consumed) and `special`. */
function isGoFloatSyntax(s: string): boolean {
  if (s.length === 0) return false;
  if (isSpecial(s)) return true;
  let i = 0;
  if (s[0] === "+" || s[0] === "-") i++;
  let hex = false;
  if (i + 2 < s.length && s[i] === "0" && (s.charCodeAt(i + 1) | 0x20) === 120) {
    hex = true;
    i += 2;
  }
  let underscores = false;
  let sawDot = false;
  let sawDigits = false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) {
      underscores = true;
      continue;
    }
    if (c === 46) {
      if (sawDot) break;
      sawDot = true;
      continue;
    }
    if (isDigit(c) || (hex && isHexLetter(c))) {
      sawDigits = true;
      continue;
    }
    break;
  }
  if (!sawDigits) return false;
  if (i < s.length && (s.charCodeAt(i) | 0x20) === (hex ? 112 : 101)) {
    i++;
    if (i >= s.length) return false;
    if (s[i] === "+" || s[i] === "-") i++;
    if (i >= s.length || !isDigit(s.charCodeAt(i))) return false;
    for (; i < s.length && (isDigit(s.charCodeAt(i)) || s.charCodeAt(i) === 95); i++) {
      if (s.charCodeAt(i) === 95) underscores = true;
    }
  } else if (hex) {
    return false;
  }
  if (i !== s.length) return false;
  return !underscores || underscoreOK(s);
}

/** Go's `underscoreOK`: each `_` sits between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let saw = "^";
  let i = 0;
  if (s.length >= 1 && (s[0] === "-" || s[0] === "+")) i++;
  let hex = false;
  if (s.length - i >= 2 && s[i] === "0") {
    const p = s.charCodeAt(i + 1) | 0x20;
    if (p === 98 || p === 111 || p === 120) {
      i += 2;
      saw = "0";
      hex = p === 120;
    }
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || (hex && isHexLetter(c))) {
      saw = "0";
      continue;
    }
    if (c === 95) {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** Go's `strconv.Quote` (printable runes kept, others escaped), used in Go's error texts. */
export function goStrconvQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case "\\":
        out += "\\\\";
        continue;
      case "\x07":
        out += "\\a";
        continue;
      case "\b":
        out += "\\b";
        continue;
      case "\f":
        out += "\\f";
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
      case "\v":
        out += "\\v";
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, "0")}`;
    else if (cp >= 0xd800 && cp <= 0xdfff) out += "\\ufffd";
    else if (!PRINTABLE.test(ch))
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, "0")}` : `\\u${cp.toString(16).padStart(4, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

// Go's IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
