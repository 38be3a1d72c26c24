/** Go's time.Duration (int64 nanoseconds): String, ParseDuration and Round. */

const NS = 1n;
const US = 1000n * NS;
const MS = 1000n * US;
export const SECOND = 1000n * MS;
export const MINUTE = 60n * SECOND;
export const HOUR = 60n * MINUTE;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

/** Fraction of v/10^prec as ".123" with trailing zeros (and the dot) omitted. */
function fmtFrac(v: bigint, prec: number): [string, bigint] {
  let s = "";
  let print = false;
  let u = v;
  for (let i = 0; i < prec; i++) {
    const digit = u % 10n;
    print = print || digit !== 0n;
    if (print) s = digit.toString() + s;
    u /= 10n;
  }
  return [print ? "." + s : "", u];
}

/** time.Duration.String: "1h2m3.5s", "1.5ms", "0s". */
export function durationString(d: bigint): string {
  const neg = d < 0n;
  let u = BigInt.asUintN(64, neg ? -d : d);
  let out: string;
  if (u < SECOND) {
    if (u === 0n) return "0s";
    let prec: number;
    let unit: string;
    if (u < US) {
      prec = 0;
      unit = "ns";
    } else if (u < MS) {
      prec = 3;
      unit = "µs";
    } else {
      prec = 6;
      unit = "ms";
    }
    const [frac, rest] = fmtFrac(u, prec);
    out = rest.toString() + frac + unit;
  } else {
    const [frac, secs] = fmtFrac(u, 9);
    u = secs;
    out = (u % 60n).toString() + frac + "s";
    u /= 60n;
    if (u > 0n) {
      out = (u % 60n).toString() + "m" + out;
      u /= 60n;
      if (u > 0n) out = u.toString() + "h" + out;
    }
  }
  return neg ? "-" + out : out;
}

const UNITS: Record<string, bigint> = {
  ns: NS,
  us: US,
  µs: US,
  μs: US,
  ms: MS,
  s: SECOND,
  m: MINUTE,
  h: HOUR,
};

/** time.ParseDuration. Throws an Error with Go's message. */
export function parseDuration(s: string): bigint {
  const orig = s;
  const invalid = (): Error => new Error(`time: invalid duration ${JSON.stringify(orig)}`);
  let neg = false;
  if (s !== "" && (s[0] === "-" || s[0] === "+")) {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") throw invalid();
  let total = 0n;
  while (s !== "") {
    if (!(s[0] === "." || (s[0]! >= "0" && s[0]! <= "9"))) throw invalid();
    const intPart = /^\d*/.exec(s)?.[0] ?? "";
    s = s.slice(intPart.length);
    const pre = intPart !== "";
    let fracPart = "";
    if (s[0] === ".") {
      s = s.slice(1);
      fracPart = /^\d*/.exec(s)?.[0] ?? "";
      s = s.slice(fracPart.length);
    }
    if (!pre && fracPart === "") throw invalid();
    const unitText = /^[^0-9.]*/.exec(s)?.[0] ?? "";
    s = s.slice(unitText.length);
    if (unitText === "") throw new Error(`time: missing unit in duration ${JSON.stringify(orig)}`);
    const unit = UNITS[unitText];
    if (unit === undefined)
      throw new Error(`time: unknown unit ${JSON.stringify(unitText)} in duration ${JSON.stringify(orig)}`);
    const v = BigInt(intPart === "" ? "0" : intPart);
    if (v > (1n << 63n) / unit) throw invalid();
    let value = v * unit;
    if (fracPart !== "") {
      // Go keeps at most ~18 fraction digits and scales in float64 arithmetic.
      let f = 0n;
      let scale = 1;
      for (const c of fracPart) {
        if (f > ((1n << 63n) - 1n) / 10n) break;
        f = f * 10n + BigInt(c);
        scale *= 10;
      }
      value += BigInt(Math.trunc(Number(f) * (Number(unit) / scale)));
    }
    total += value;
    if (total > 1n << 63n) throw invalid();
  }
  if (neg) return -total;
  if (total > MAX) throw invalid();
  return total;
}

/** time.Duration.Round(m). */
export function roundDuration(d: bigint, m: bigint): bigint {
  if (m <= 0n) return d;
  let r = d % m;
  const lessThanHalf = (x: bigint): boolean => x + x < m;
  if (d < 0n) {
    r = -r;
    if (lessThanHalf(r)) return d + r;
    const d1 = d - m + r;
    return d1 < d ? d1 : MIN;
  }
  if (lessThanHalf(r)) return d - r;
  const d1 = d + m - r;
  return d1 > d ? d1 : MAX;
}
