/**
 * Go number semantics that gjson and sjson lean on: `strconv.ParseFloat` (errors read as 0, overflow as ±Inf),
 * `strconv.FormatFloat(f, 'f', -1, 64)`, and gjson's wrapping integer parsers. Pure.
 */

const MIN_INT64 = -9223372036854775808;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return (c >= 48 && c <= 57) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** Go's `underscoreOK`: underscores may only sit between digits (a base prefix counts as a digit). */
function underscoreOK(s: string): boolean {
  let i = 0;
  let saw = 94; // '^'
  if (s.length >= 1 && (s.charCodeAt(0) === 45 || s.charCodeAt(0) === 43)) i = 1;
  let hex = false;
  if (s.length - i >= 2 && s.charCodeAt(i) === 48) {
    const p = s.charCodeAt(i + 1) | 0x20;
    if (p === 98 || p === 111 || p === 120) {
      saw = 48;
      hex = p === 120;
      i += 2;
    }
  }
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isDigit(c) || (hex && isHexDigit(c))) {
      saw = 48;
      continue;
    }
    if (c === 95) {
      if (saw !== 48) return false;
      saw = 95;
      continue;
    }
    if (saw === 95) return false;
    saw = 33;
  }
  return saw !== 95;
}

/** Scans digits (and underscores) from i; returns the end and whether a digit was seen via `scanned`. */
let scanned = 0;
function scanDigits(s: string, i: number, hex: boolean): number {
  scanned = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 95) continue;
    if (hex ? isHexDigit(c) : isDigit(c)) {
      scanned++;
      continue;
    }
    break;
  }
  return i;
}

function parseHexFloat(s: string, start: number, neg: boolean): number {
  let i = scanDigits(s, start, true);
  let mant = s.slice(start, i);
  let digits = scanned;
  let frac = 0;
  if (i < s.length && s.charCodeAt(i) === 46) {
    const f = i + 1;
    i = scanDigits(s, f, true);
    mant += s.slice(f, i);
    frac = scanned;
    digits += scanned;
  }
  if (digits === 0 || i >= s.length || (s.charCodeAt(i) | 0x20) !== 112) return 0;
  i++;
  let esign = 1;
  if (i < s.length && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) {
    if (s.charCodeAt(i) === 45) esign = -1;
    i++;
  }
  if (i >= s.length || !isDigit(s.charCodeAt(i))) return 0;
  const e0 = i;
  i = scanDigits(s, i, false);
  if (i !== s.length || !underscoreOK(s)) return 0;
  const exp = esign * Number(s.slice(e0, i).replaceAll("_", "")) - 4 * frac;
  const m = Number(BigInt("0x" + mant.replaceAll("_", "")));
  const v = m === 0 ? 0 : m * 2 ** exp;
  return neg ? -v : v;
}

/**
 * Go's `strconv.ParseFloat(s, 64)` with the error dropped, as gjson does: syntax errors give 0, out-of-range
 * values give ±Inf. Accepts what Go accepts (signs, `inf`/`infinity`/`nan`, hex floats, `_` between digits)
 * and rejects what JS `Number()` would wrongly take (surrounding spaces, `0x10`, `0b1`, `""`).
 */
export function parseGoFloat(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 43 || c0 === 45) {
    neg = c0 === 45;
    i = 1;
  }
  const lc = s.charCodeAt(i) | 0x20;
  if (lc === 105) {
    const rest = s.slice(i).toLowerCase();
    if (rest === "inf" || rest === "infinity") return neg ? -Infinity : Infinity;
    return 0;
  }
  if (lc === 110) return i === 0 && n === 3 && s.toLowerCase() === "nan" ? NaN : 0;
  if (s.charCodeAt(i) === 48 && (s.charCodeAt(i + 1) | 0x20) === 120) return parseHexFloat(s, i + 2, neg);
  let j = scanDigits(s, i, false);
  let digits = scanned;
  if (j < n && s.charCodeAt(j) === 46) {
    j = scanDigits(s, j + 1, false);
    digits += scanned;
  }
  if (digits === 0) return 0;
  let under = false;
  if (j < n && (s.charCodeAt(j) | 0x20) === 101) {
    j++;
    if (j < n && (s.charCodeAt(j) === 43 || s.charCodeAt(j) === 45)) j++;
    if (j >= n || !isDigit(s.charCodeAt(j))) return 0;
    j = scanDigits(s, j, false);
  }
  if (j !== n) return 0;
  for (let k = 0; k < n; k++) {
    if (s.charCodeAt(k) === 95) {
      under = true;
      break;
    }
  }
  if (under) return underscoreOK(s) ? Number(s.replaceAll("_", "")) : 0;
  return Number(s);
}

/** Go's `strconv.FormatFloat(f, 'f', -1, 64)`: shortest round-trip digits, never an exponent. */
export function formatFloatF(f: number): string {
  if (f !== f) return "NaN";
  if (f === Infinity) return "+Inf";
  if (f === -Infinity) return "-Inf";
  if (f === 0) return Object.is(f, -0) ? "-0" : "0";
  const s = String(f);
  const e = s.indexOf("e");
  if (e < 0) return s;
  const neg = s.charCodeAt(0) === 45;
  const mant = s.slice(neg ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mant.indexOf(".");
  const digits = dot < 0 ? mant : mant.slice(0, dot) + mant.slice(dot + 1);
  const point = (dot < 0 ? mant.length : dot) + exp;
  let out: string;
  if (point <= 0) out = "0." + "0".repeat(-point) + digits;
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length);
  else out = digits.slice(0, point) + "." + digits.slice(point);
  return neg ? "-" + out : out;
}

/** Go's encoding/json float64 text: JS `String()` agrees with it for every finite value except -0. */
export function formatJsonFloat(f: number): string {
  return Object.is(f, -0) ? "-0" : String(f);
}

/**
 * gjson's `parseUint` for an array index, converted with Go's `int(n)`: digits only, wrapping modulo 2^64.
 * Returns -1 when the text is not an index (gjson stores -1 too, which never equals an element position).
 */
export function parseIndex(s: string): number {
  if (s.length === 0) return -1;
  for (let i = 0; i < s.length; i++) {
    if (!isDigit(s.charCodeAt(i))) return -1;
  }
  if (s.length <= 15) return Number(s);
  return Number(BigInt.asIntN(64, BigInt(s)));
}

/** gjson's `parseInt`: optional `-`, digits only, int64 wraparound. Returns null when not an integer. */
export function parseGoInt(s: string): number | null {
  let i = 0;
  if (s.length > 0 && s.charCodeAt(0) === 45) i = 1;
  if (i === s.length) return null;
  for (let k = i; k < s.length; k++) {
    if (!isDigit(s.charCodeAt(k))) return null;
  }
  if (s.length <= 16) return Number(s);
  return Number(BigInt.asIntN(64, BigInt(s)));
}

/** Go's `int64(f)` on amd64: truncation, with the "integer indefinite" value for NaN and out-of-range input. */
export function goInt64(f: number): number {
  if (f !== f || f >= 2 ** 63 || f < MIN_INT64) return MIN_INT64;
  return Math.trunc(f);
}
