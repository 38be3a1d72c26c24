/**
 * strconv.FormatFloat for float64 with the 'e', 'E', 'f', 'g' and 'G' formats.
 *
 * Shortest formatting takes JavaScript's shortest round-trip digits (the same digits Go picks). Fixed precision
 * rounds the exact binary value, half to even on exact ties, as Go does (JavaScript's toFixed rounds ties up).
 */

/** Decimal digits of |x|: value = 0.d × 10^dp. `d` has no leading or trailing zeros ("" is zero). */
export interface Digits {
  d: string;
  dp: number;
}

export function shortestDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const [mant = "", exp = "0"] = Math.abs(x).toExponential().split("e");
  const d = mant.replace(".", "").replace(/0+$/, "");
  return { d, dp: Number(exp) + 1 };
}

/** The exact decimal expansion of |x|. */
export function exactDigits(x: number): Digits {
  if (x === 0) return { d: "", dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let e: number;
  if (biased === 0) e = -1074;
  else {
    mant |= 1n << 52n;
    e = biased - 1075;
  }
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (mant << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  const trimmed = s.replace(/0+$/, "");
  const lead = trimmed.length - trimmed.replace(/^0+/, "").length;
  return { d: trimmed.slice(lead), dp: dp - lead };
}

/** Rounds to `nd` significant digits, half to even on exact ties. */
export function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = next >= 5;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ""), dp: x.d.slice(0, nd) === "" ? 0 : x.dp };
  const chars = x.d.slice(0, nd).split("");
  let i = nd - 1;
  while (i >= 0 && chars[i] === "9") i--;
  if (i < 0) return { d: "1", dp: x.dp + 1 };
  chars[i] = String.fromCharCode((chars[i] ?? "0").charCodeAt(0) + 1);
  return { d: chars.slice(0, i + 1).join(""), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? (x.d[i] ?? "0") : "0";
}

function fmtE({ neg, ...x }: Digits & { neg: boolean }, prec: number, e: string): string {
  let s = neg ? "-" : "";
  s += x.d.length === 0 ? "0" : digitAt(x, 0);
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  let exp = x.d.length === 0 ? 0 : x.dp - 1;
  const sign = exp < 0 ? "-" : "+";
  exp = Math.abs(exp);
  return `${s}${e}${sign}${exp < 10 ? "0" : ""}${exp}`;
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? "-" : "";
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += "0";
  if (prec > 0) {
    s += ".";
    for (let i = 1; i <= prec; i++) s += digitAt(x, x.dp + i - 1);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64). `prec < 0` means the shortest representation. */
export function formatFloat(x: number, fmt: "e" | "E" | "f" | "g" | "G", prec: number): string {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "+Inf";
  if (x === -Infinity) return "-Inf";
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(x);
    if (fmt === "e" || fmt === "E") prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === "f") prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDigits(x);
    if (fmt === "e" || fmt === "E") digs = roundDigits(exact, prec + 1);
    else if (fmt === "f") digs = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
    }
    if (fmt === "f" && exact.dp + prec < 0) digs = { d: "", dp: 0 };
  }
  if (fmt === "e" || fmt === "E") return fmtE({ neg, ...digs }, prec, fmt);
  if (fmt === "f") return fmtF(neg, digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (digs.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (prec > digs.d.length) prec = digs.d.length;
    return fmtE({ neg, ...digs }, prec - 1, fmt === "g" ? "e" : "E");
  }
  if (prec > digs.dp) prec = digs.d.length;
  return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
}

function floatBits(x: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  return { neg, mant, exp };
}

/** strconv 'b' format: decimal mantissa and binary exponent, e.g. "4503599627370496p-52". */
export function formatFloatBinary(x: number): string {
  if (!Number.isFinite(x)) return formatFloat(x, "g", -1);
  const { neg, mant, exp } = floatBits(x);
  const e = mant === 0n ? -1074 : exp;
  return `${neg ? "-" : ""}${mant}p${e >= 0 ? "+" : ""}${e}`;
}

/** strconv 'x' / 'X' format: hexadecimal mantissa and binary exponent, e.g. "0x1.cp+01". */
export function formatFloatHex(x: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(x)) return formatFloat(x, "g", -1);
  const bits = floatBits(x);
  const neg = bits.neg;
  let { mant, exp } = bits;
  if (mant === 0n) exp = 0;
  else {
    // Normalise so the leading 1 sits at bit 60 (a nibble boundary above 52 fraction bits).
    while (mant < 1n << 52n) {
      mant <<= 1n;
      exp--;
    }
    exp += 52;
    mant <<= 8n;
  }
  // mant now holds 1.fraction with the fraction in the low 60 bits.
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(4 * (15 - prec));
    const extra = mant & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    mant >>= shift;
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= shift;
    if (mant >> 61n !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  let hex = (mant & ((1n << 60n) - 1n)).toString(16).padStart(15, "0");
  hex = prec < 0 ? hex.replace(/0+$/, "") : hex.slice(0, prec).padEnd(prec, "0");
  const lead = mant === 0n ? "0" : "1";
  const e = Math.abs(exp);
  let s = `${neg ? "-" : ""}0x${lead}${hex === "" ? "" : "." + hex}p${exp < 0 ? "-" : "+"}${e < 10 ? "0" : ""}${e}`;
  if (upper) s = s.toUpperCase();
  return s;
}
