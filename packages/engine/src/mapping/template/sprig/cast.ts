/**
 * Conversions sprig performs on untyped arguments: spf13/cast v1.7.0 (`toInt64`, `toInt`, `toFloat64`, which
 * swallow errors and return 0), sprig's `strval` and `strslice`, and strconv parsing of user strings.
 */

import { formatValue, stringer } from "../format.ts";
import { parseFloatGo, parseIntBase0 } from "../literals.ts";
import { GoInt, type GoValue, floatToInt64, typedSlice } from "../values.ts";

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;

/** strconv.ParseInt(s, base, 64); base 0 detects 0x/0o/0b/0 prefixes and allows Go's underscores. */
export function parseInt64(s: string, base: 0 | 10): bigint | undefined {
  if (base === 10 && !/^[+-]?\d+$/.test(s)) return undefined;
  const v = parseIntBase0(base === 10 ? s.replace(/^([+-]?)0+(?=\d)/, "$1") : s, true);
  return v === undefined || v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** strconv.ParseFloat(s, 64); undefined on syntax or range errors. */
export function parseFloat64(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith("-") ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  const v = parseFloatGo(s);
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

/** cast's trimZeroDecimal: "12.000" → "12". */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === ".") {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === "0") foundZero = true;
    else return s;
  }
  return s;
}

/** cast.ToInt64 (errors become 0). */
export function toInt64(v: GoValue): bigint {
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  if (typeof v === "number") return floatToInt64(v);
  if (typeof v === "string") return parseInt64(trimZeroDecimal(v), 0) ?? 0n;
  if (typeof v === "boolean") return v ? 1n : 0n;
  return 0n;
}

/** cast.ToFloat64 (errors become 0). */
export function toFloat64(v: GoValue): number {
  if (v instanceof GoInt) return Number(v.value);
  if (typeof v === "number") return v;
  if (typeof v === "string") return parseFloat64(v) ?? 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  return 0;
}

/** sprig's strval: strings as-is, Stringers via String(), everything else with %v. */
export function strval(v: GoValue): string {
  if (typeof v === "string") return v;
  return stringer(v) ?? formatValue(v);
}

/** sprig's strslice: a list's non-nil elements as strings; a scalar as a one-element list. */
export function strslice(v: GoValue): GoValue[] {
  if (Array.isArray(v)) return typedSlice(v.filter((x) => x !== null && x !== undefined).map(strval), "[]string");
  if (v === null || v === undefined) return typedSlice([], "[]string");
  return typedSlice([strval(v)], "[]string");
}

export const goInt = (n: number | bigint): GoInt => new GoInt("int", BigInt(n));
export const goInt64 = (n: number | bigint): GoInt => new GoInt("int64", BigInt(n));
