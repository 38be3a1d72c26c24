/**
 * Go float64 arithmetic where JavaScript differs: `math.Pow` (Go's own algorithm, so integer powers are bit-exact),
 * `math.Frexp`/`math.Ldexp`, and float64 → int64/uint64 conversions with amd64 semantics (out of range and NaN
 * become the "integer indefinite" value 0x8000000000000000). Pure functions.
 */

const view = new DataView(new ArrayBuffer(8));
const MIN_INT64 = -(2n ** 63n);
const TWO_63 = 2 ** 63;

function bits(f: number): bigint {
  view.setFloat64(0, f);
  return view.getBigUint64(0);
}

function fromBits(b: bigint): number {
  view.setBigUint64(0, BigInt.asUintN(64, b));
  return view.getFloat64(0);
}

const SMALLEST_NORMAL = 2.2250738585072014e-308;

function normalize(x: number): [number, number] {
  if (Math.abs(x) < SMALLEST_NORMAL) return [x * 2 ** 52, -52];
  return [x, 0];
}

/** Go's `math.Frexp`: `f == frac × 2^exp` with `|frac|` in [½, 1). */
export function frexp(f: number): [number, number] {
  if (f === 0 || !Number.isFinite(f)) return [f, 0];
  const [n, e] = normalize(f);
  let x = bits(n);
  const exp = e + Number((x >> 52n) & 0x7ffn) - 1023 + 1;
  x &= ~(0x7ffn << 52n);
  x |= 1022n << 52n;
  return [fromBits(x), exp];
}

/** Go's `math.Ldexp`: `frac × 2^exp`, with Go's underflow/overflow rules. */
export function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [n, e] = normalize(frac);
  let x = bits(n);
  let total = exp + e + Number((x >> 52n) & 0x7ffn) - 1023;
  if (total < -1075) return frac < 0 ? -0 : 0;
  if (total > 1023) return frac < 0 ? -Infinity : Infinity;
  let m = 1;
  if (total < -1022) {
    total += 53;
    m = 2 ** -53;
  }
  x &= ~(0x7ffn << 52n);
  x |= BigInt(total + 1023) << 52n;
  return m * fromBits(x);
}

function isOddInt(y: number): boolean {
  if (Math.abs(y) >= 2 ** 53) return false;
  return Number.isInteger(y) && Math.abs(y % 2) === 1;
}

/**
 * Go's `math.Pow`. Integer exponents follow Go's square-and-multiply exactly; a fractional exponent goes through
 * `exp(yf·log x)`, where V8's exp/log may differ from Go's amd64 assembly in the last bit.
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0) {
    if (y < 0) return Object.is(x, -0) && isOddInt(y) ? -Infinity : Infinity;
    return Object.is(x, -0) && isOddInt(y) ? x : 0;
  }
  if (!Number.isFinite(y)) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  if (!Number.isFinite(x)) {
    if (x < 0) return goPow(1 / x, -y);
    return y < 0 ? 0 : Infinity;
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);

  const ay = Math.abs(y);
  let yi = Math.trunc(ay);
  let yf = ay - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= TWO_63) {
    if (x === -1) return 1;
    return Math.abs(x) < 1 === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  for (let i = BigInt(yi); i !== 0n; i >>= 1n) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if ((i & 1n) === 1n) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}

/** `int64(f)` as compiled for amd64: truncation, with NaN and out-of-range values giving math.MinInt64. */
export function floatToInt64(f: number): bigint {
  if (Number.isNaN(f) || f >= TWO_63 || f < -TWO_63) return MIN_INT64;
  return BigInt(Math.trunc(f));
}

/** `uint64(f)` as compiled for amd64 (negative values wrap through int64, huge ones saturate to 1<<63). */
export function floatToUint64(f: number): bigint {
  if (f < TWO_63) return BigInt.asUintN(64, floatToInt64(f));
  return BigInt.asUintN(64, floatToInt64(f - TWO_63)) | 0x8000000000000000n;
}

/** Go's `int` arithmetic wraps at 64 bits. */
export function wrapInt(n: bigint): bigint {
  return BigInt.asIntN(64, n);
}
