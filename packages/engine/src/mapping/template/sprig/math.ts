/**
 * sprig v3.3.0 math and conversion functions. Integer math is int64 with Go's wrap-around (via cast.ToInt64, so
 * float64 arguments truncate and unparsable strings count as 0). The `…f` functions use shopspring/decimal:
 * each operand is the shortest decimal of its float64, and division rounds half away from zero at 16 places.
 */

import { def, type FuncDef, GoCallError, num, str } from "../funcs.ts";
import { formatValue } from "../format.ts";
import { shortestDigits } from "../floatFormat.ts";
import { GoInt, type GoValue } from "../values.ts";
import { goInt, goInt64, parseInt64, toFloat64, toInt64 } from "./cast.ts";

const wrap64 = (v: bigint): GoInt => new GoInt("int64", BigInt.asIntN(64, v));

/** A shopspring decimal: v × 10^e. */
interface Dec {
  v: bigint;
  e: number;
}

function decFromFloat(f: number): Dec {
  if (!Number.isFinite(f)) throw new GoCallError(`Cannot create a Decimal from ${formatValue(f)}`);
  if (f === 0) return { v: 0n, e: 0 };
  const { d, dp } = shortestDigits(f);
  const v = BigInt(d);
  return { v: f < 0 ? -v : v, e: dp - d.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Dec, b: Dec): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.v * pow10(a.e - e), b.v * pow10(b.e - e), e];
}

const decAdd = (a: Dec, b: Dec): Dec => {
  const [x, y, e] = align(a, b);
  return { v: x + y, e };
};
const decSub = (a: Dec, b: Dec): Dec => {
  const [x, y, e] = align(a, b);
  return { v: x - y, e };
};
const decMul = (a: Dec, b: Dec): Dec => ({ v: a.v * b.v, e: a.e + b.e });

function decDiv(a: Dec, b: Dec): Dec {
  if (b.v === 0n) throw new GoCallError("decimal division by 0");
  const precision = 16;
  const shift = a.e - b.e + precision;
  let n = a.v;
  let d = b.v;
  if (shift >= 0) n *= pow10(shift);
  else d *= pow10(-shift);
  let q = n / d;
  const r = n % d;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  if (2n * abs(r) >= abs(d)) q += n < 0n !== d < 0n ? -1n : 1n;
  return { v: q, e: -precision };
}

const decToFloat = (a: Dec): number => Number(`${a.v}e${a.e}`);

function decimalOp(first: GoValue, rest: GoValue[], op: (a: Dec, b: Dec) => Dec): number {
  let acc = decFromFloat(toFloat64(first));
  for (const x of rest) acc = op(acc, decFromFloat(toFloat64(x)));
  return decToFloat(acc);
}

/** sprig's round: scale, compare the fraction with roundOn, then floor or ceil. */
function round(a: GoValue, places: number, rOpt: GoValue[]): number {
  const roundOn = rOpt.length > 0 ? num(rOpt[0]) : 0.5;
  const pow = 10 ** places;
  const digit = pow * toFloat64(a);
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

/** math.Max / math.Min, including NaN and signed-zero handling. */
const goMax = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b));
const goMin = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b));

const maxFn = def(
  ["any"],
  ([a, ...rest]) => {
    let m = toInt64(a);
    for (const b of rest) if (toInt64(b) > m) m = toInt64(b);
    return goInt64(m);
  },
  "any",
);

export const MATH_FUNCS: Record<string, FuncDef> = {
  add: def([], (args) => wrap64(args.reduce<bigint>((s, x) => BigInt.asIntN(64, s + toInt64(x)), 0n)), "any"),
  add1: def(["any"], ([a]) => wrap64(toInt64(a) + 1n)),
  sub: def(["any", "any"], ([a, b]) => wrap64(toInt64(a) - toInt64(b))),
  mul: def(
    ["any"],
    ([a, ...rest]) => wrap64(rest.reduce<bigint>((p, x) => BigInt.asIntN(64, p * toInt64(x)), toInt64(a))),
    "any",
  ),
  div: def(["any", "any"], ([a, b]) => {
    const d = toInt64(b);
    if (d === 0n) throw new GoCallError("runtime error: integer divide by zero");
    return wrap64(toInt64(a) / d);
  }),
  mod: def(["any", "any"], ([a, b]) => {
    const d = toInt64(b);
    if (d === 0n) throw new GoCallError("runtime error: integer divide by zero");
    return wrap64(toInt64(a) % d);
  }),
  max: maxFn,
  biggest: maxFn,
  min: def(
    ["any"],
    ([a, ...rest]) => {
      let m = toInt64(a);
      for (const b of rest) if (toInt64(b) < m) m = toInt64(b);
      return goInt64(m);
    },
    "any",
  ),
  maxf: def(["any"], ([a, ...rest]) => rest.reduce<number>((m, b) => goMax(m, toFloat64(b)), toFloat64(a)), "any"),
  minf: def(["any"], ([a, ...rest]) => rest.reduce<number>((m, b) => goMin(m, toFloat64(b)), toFloat64(a)), "any"),
  floor: def(["any"], ([a]) => Math.floor(toFloat64(a))),
  ceil: def(["any"], ([a]) => Math.ceil(toFloat64(a))),
  round: def(["any", "int"], ([a, p, ...r]) => round(a, num(p), r), "float64"),
  add1f: def(["any"], ([a]) => decimalOp(a, [goInt(1)], decAdd)),
  addf: def([], (args) => decimalOp(0, args, decAdd), "any"),
  subf: def(["any"], ([a, ...rest]) => decimalOp(a, rest, decSub), "any"),
  mulf: def(["any"], ([a, ...rest]) => decimalOp(a, rest, decMul), "any"),
  divf: def(["any"], ([a, ...rest]) => decimalOp(a, rest, decDiv), "any"),
  int: def(["any"], ([a]) => goInt(toInt64(a))),
  int64: def(["any"], ([a]) => goInt64(toInt64(a))),
  float64: def(["any"], ([a]) => toFloat64(a)),
  atoi: def(["string"], ([s]) => goInt(parseInt64(str(s), 10) ?? 0n)),
  toDecimal: def(["any"], ([v]) => {
    const s = formatValue(v === undefined ? null : v);
    return goInt64(/^[+-]?[0-7]+$/.test(s) ? (parseOctal(s) ?? 0n) : 0n);
  }),
  randInt: def(["int", "int"], ([lo, hi]) => {
    const n = num(hi) - num(lo);
    if (n <= 0) throw new GoCallError("invalid argument to Intn");
    return goInt(Math.floor(Math.random() * n) + num(lo));
  }),
};

function parseOctal(s: string): bigint | undefined {
  const neg = s.startsWith("-");
  const body = s.replace(/^[+-]/, "");
  let v = 0n;
  for (const c of body) v = v * 8n + BigInt(c);
  v = neg ? -v : v;
  return v < -(1n << 63n) || v >= 1n << 63n ? undefined : v;
}
