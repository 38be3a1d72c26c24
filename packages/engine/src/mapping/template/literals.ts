/**
 * Go literal syntax used by templates: number constants (strconv.ParseInt/ParseUint with base 0 and ParseFloat,
 * combined the way text/template/parse does) and quoted strings and runes (strconv.Unquote).
 */

import { utf8Decode } from "./text.ts";

export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  int64: bigint;
  uint64: bigint;
  float64: number;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Parses a number token as text/template does. Throws an Error with Go's message on bad syntax. */
export function parseNumber(text: string, isChar: boolean): NumberValue {
  if (isChar) {
    const r = unquoteChar(text);
    const v = BigInt(r);
    return { isInt: true, isUint: true, isFloat: true, int64: v, uint64: v, float64: r };
  }
  if (text.endsWith("i")) throw new Error(`complex constants are not supported: ${JSON.stringify(text)}`);
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, int64: 0n, uint64: 0n, float64: 0 };
  const u = parseIntBase0(text, false);
  if (u !== undefined && u >= 0n && u <= UINT64_MAX) {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseIntBase0(text, true);
  if (i !== undefined && i >= INT64_MIN && i <= INT64_MAX) {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloatGo(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${JSON.stringify(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && f >= -9223372036854775808 && f < 9223372036854775808) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 18446744073709551616) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${JSON.stringify(text)}`);
  return n;
}

/** strconv.ParseInt/ParseUint with base 0, without the range check. */
export function parseIntBase0(text: string, signed: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s.startsWith("+") || s.startsWith("-")) {
    if (!signed) return undefined;
    neg = s.startsWith("-");
    s = s.slice(1);
  }
  let base = 10;
  let body = s;
  if (/^0[xX]/.test(s)) {
    base = 16;
    body = s.slice(2);
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    body = s.slice(2);
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    body = s.slice(2);
  } else if (s.length > 1 && s.startsWith("0")) {
    base = 8;
    body = s.slice(1);
  }
  if (body.includes("_") && !underscoreOK(s)) return undefined;
  body = body.replaceAll("_", "");
  if (body === "") return undefined;
  const digits = "0123456789abcdef".slice(0, base);
  let v = 0n;
  for (const c of body.toLowerCase()) {
    const d = digits.indexOf(c);
    if (d < 0) return undefined;
    v = v * BigInt(base) + BigInt(d);
  }
  return neg ? -v : v;
}

/** Go's rule: underscores only between digits, or between a base prefix and a digit. */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s.startsWith("+") || s.startsWith("-")) s = s.slice(1);
  let saw = "^";
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === "0" && "bBoOxX".includes(s[1] ?? "")) {
    i = 2;
    saw = "0";
    hex = s[1] === "x" || s[1] === "X";
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? "";
    if ((c >= "0" && c <= "9") || (hex && /[a-fA-F]/.test(c))) {
      saw = "0";
      continue;
    }
    if (c === "_") {
      if (saw !== "0") return false;
      saw = "_";
      continue;
    }
    if (saw === "_") return false;
    saw = "!";
  }
  return saw !== "_";
}

/** strconv.ParseFloat(s, 64) for finite decimal and hexadecimal syntax (no range check). */
export function parseFloatGo(text: string): number | undefined {
  if (text.includes("_") && !underscoreOK(text)) return undefined;
  const s = text.replaceAll("_", "");
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hex) {
    const int = hex[2] ?? "";
    const frac = hex[3] ?? "";
    if (int === "" && frac === "") return undefined;
    const mant = BigInt("0x" + (int + frac || "0"));
    const exp = Number(hex[4]) - 4 * frac.length;
    const v = Number(mant) * 2 ** exp;
    return hex[1] === "-" ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  "\\": 92,
};

/** strconv.Unquote for "…" and `…` literals. Throws on invalid syntax. */
export function unquoteString(quoted: string): string {
  const q = quoted[0];
  if (q === "`") {
    if (!quoted.endsWith("`") || quoted.length < 2) throw new Error("invalid syntax");
    return quoted.slice(1, -1).replaceAll("\r", "");
  }
  if (q !== '"' || quoted.length < 2 || !quoted.endsWith('"')) throw new Error("invalid syntax");
  return decodeEscapes(quoted.slice(1, -1), '"');
}

/** Unquotes a rune literal such as 'a' or '\n' and returns its code point. */
export function unquoteChar(quoted: string): number {
  if (quoted.length < 3 || !quoted.startsWith("'") || !quoted.endsWith("'")) throw new Error("invalid syntax");
  const s = decodeEscapes(quoted.slice(1, -1), "'", true);
  const cps = [...s];
  if (cps.length !== 1) throw new Error("invalid syntax");
  return cps[0]?.codePointAt(0) ?? 0;
}

function decodeEscapes(body: string, quote: string, single = false): string {
  const bytes: number[] = [];
  const pushRune = (r: number): void => {
    for (const b of new TextEncoder().encode(String.fromCodePoint(r))) bytes.push(b);
  };
  let i = 0;
  let byteEscapes = 0;
  while (i < body.length) {
    const c = body[i] ?? "";
    if (c === quote && !single) throw new Error("invalid syntax");
    if (c === "\n") throw new Error("invalid syntax");
    if (c !== "\\") {
      const cp = body.codePointAt(i) ?? 0;
      pushRune(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const e = body[i + 1] ?? "";
    i += 2;
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      bytes.push(simple);
    } else if (e === quote) {
      bytes.push(quote.charCodeAt(0));
    } else if (e === "x" || e === "u" || e === "U") {
      const n = e === "x" ? 2 : e === "u" ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) throw new Error("invalid syntax");
      i += n;
      const v = parseInt(hex, 16);
      if (e === "x") {
        bytes.push(v);
        byteEscapes++;
      } else {
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error("invalid syntax");
        pushRune(v);
      }
    } else if (e >= "0" && e <= "7") {
      const oct = body.slice(i - 1, i + 2);
      if (!/^[0-7]{3}$/.test(oct)) throw new Error("invalid syntax");
      const v = parseInt(oct, 8);
      if (v > 255) throw new Error("invalid syntax");
      i += 2;
      bytes.push(v);
      byteEscapes++;
    } else {
      throw new Error("invalid syntax");
    }
  }
  if (single && byteEscapes > 0) {
    // '\xff' is the rune U+00FF, not a byte.
    return String.fromCodePoint(bytes[0] ?? 0);
  }
  return utf8Decode(Uint8Array.from(bytes));
}
