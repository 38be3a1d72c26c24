/**
 * expr's run-time operations on dynamic Go values (`vm/runtime`): numeric operators across int (bigint) and float64
 * (number), `==` with numeric widening and `reflect.DeepEqual` otherwise, `Fetch`, `Slice`, `In`, `Len`. Go strings
 * are bytes, so `len`, indexing and slicing count UTF-8 bytes. Failures throw {@link ExprPanic} with the message Go's
 * panic would carry. Pure.
 */
import { GO_FORMAT, GO_UNMARSHALABLE, compareGoStrings, formatGoV, sliceElem, typedSlice } from "./goFormat.ts";
import { floatToInt64, goPow, wrapInt } from "./goMath.ts";

/** A run-time failure (a Go panic that expr's VM recovers into an error). */
export class ExprPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExprPanic";
  }
}

/** A Go function value in the environment, with the parameter types `reflect.Value.Call` checks. */
export class GoFunc {
  constructor(
    readonly name: string,
    readonly params: readonly ("any" | "string")[] | "variadic",
    readonly impl: (...args: unknown[]) => unknown,
  ) {}
  readonly [GO_UNMARSHALABLE] = true;
  [GO_FORMAT](): string {
    return "0xc000010000";
  }
}

/** `map[string]struct{}` / `map[int]struct{}` built by the optimizer for `x in ["a", "b"]`. */
export class ConstSet {
  constructor(
    readonly keyType: "string" | "int",
    readonly keys: ReadonlySet<string | bigint>,
  ) {}
}

export type GoMap = Record<string, unknown>;

export const isInt = (v: unknown): v is bigint => typeof v === "bigint";
export const isFloat = (v: unknown): v is number => typeof v === "number";
export const isNumber = (v: unknown): v is bigint | number => typeof v === "bigint" || typeof v === "number";

export function isMap(v: unknown): v is GoMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof ConstSet) && !(GO_FORMAT in v);
}

/** Go's `%T` for the value model. */
export function goTypeOf(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  switch (typeof v) {
    case "bigint":
      return "int";
    case "number":
      return "float64";
    case "string":
      return "string";
    case "boolean":
      return "bool";
    case "function":
      return "func(...interface {}) interface {}";
    default:
      break;
  }
  if (v instanceof GoFunc)
    return v.params === "variadic"
      ? "func(...interface {}) interface {}"
      : `func(${v.params.map((p) => (p === "any" ? "interface {}" : p)).join(", ")}) interface {}`;
  if (Array.isArray(v)) {
    const elem = sliceElem(v);
    return elem === "any" ? "[]interface {}" : `[]${elem}`;
  }
  if (v instanceof ConstSet) return `map[${v.keyType}]struct {}`;
  return "map[string]interface {}";
}

/** reflect's Kind name, used in reflect panics ("call of reflect.Value.Len on float64 Value"). */
export function kindName(v: unknown): string {
  if (Array.isArray(v)) return "slice";
  if (v instanceof GoFunc || typeof v === "function") return "func";
  if (isMap(v) || v instanceof ConstSet) return "map";
  return goTypeOf(v);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();
/** Whether every UTF-16 unit is ASCII (then bytes and characters coincide). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Byte length of a Go string. */
export function byteLength(s: string): number {
  return isAscii(s) ? s.length : encoder.encode(s).length;
}

export function asBool(v: unknown): boolean {
  if (typeof v !== "boolean") throw new ExprPanic(`interface conversion: interface {} is ${goTypeOf(v)}, not bool`);
  return v;
}

export function asString(v: unknown): string {
  if (typeof v !== "string") throw new ExprPanic(`interface conversion: interface {} is ${goTypeOf(v)}, not string`);
  return v;
}

/** `runtime.ToInt`: numbers only, floats truncate (amd64 conversion). */
export function toInt(v: unknown): bigint {
  if (isInt(v)) return v;
  if (isFloat(v)) return floatToInt64(v);
  throw new ExprPanic(`invalid operation: int(${goTypeOf(v)})`);
}

export function toFloat(v: unknown): number {
  if (isFloat(v)) return v;
  if (isInt(v)) return Number(v);
  throw new ExprPanic(`invalid operation: float(${goTypeOf(v)})`);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) return (a ?? null) === (b ?? null);
  if (typeof a !== typeof b) return false;
  if (typeof a !== "object") return typeof a === "function" ? false : a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || sliceElem(a) !== sliceElem(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => Object.hasOwn(b, k) && deepEqual(a[k], b[k]));
  }
  return a === b;
}

/** `runtime.Equal`: numbers compare across int/float; everything else is `reflect.DeepEqual`. */
export function equal(a: unknown, b: unknown): boolean {
  if (isNumber(a) && isNumber(b)) {
    if (isInt(a) && isInt(b)) return a === b;
    return Number(a) === Number(b);
  }
  if (typeof a === "string" && typeof b === "string") return a === b;
  return deepEqual(a, b);
}

function numeric(a: unknown, b: unknown, op: string): [bigint, bigint] | [number, number] {
  if (isInt(a) && isInt(b)) return [a, b];
  if (isNumber(a) && isNumber(b)) return [Number(a), Number(b)];
  throw new ExprPanic(`invalid operation: ${goTypeOf(a)} ${op} ${goTypeOf(b)}`);
}

/** `<`, `>`, `<=`, `>=` → -1/0/1 (NaN for unordered floats). */
export function compare(a: unknown, b: unknown, op: string): number {
  if (typeof a === "string" && typeof b === "string") return compareGoStrings(a, b);
  const [x, y] = numeric(a, b, op);
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

export function add(a: unknown, b: unknown): unknown {
  if (typeof a === "string" && typeof b === "string") return a + b;
  const [x, y] = numeric(a, b, "+");
  return typeof x === "bigint" ? wrapInt(x + (y as bigint)) : x + (y as number);
}

export function subtract(a: unknown, b: unknown): unknown {
  const [x, y] = numeric(a, b, "-");
  return typeof x === "bigint" ? wrapInt(x - (y as bigint)) : x - (y as number);
}

export function multiply(a: unknown, b: unknown): unknown {
  const [x, y] = numeric(a, b, "*");
  return typeof x === "bigint" ? wrapInt(x * (y as bigint)) : x * (y as number);
}

export function divide(a: unknown, b: unknown): number {
  const [x, y] = numeric(a, b, "/");
  return Number(x) / Number(y);
}

export function modulo(a: unknown, b: unknown): bigint {
  if (!isInt(a) || !isInt(b)) throw new ExprPanic(`invalid operation: ${goTypeOf(a)} % ${goTypeOf(b)}`);
  if (b === 0n) throw new ExprPanic("runtime error: integer divide by zero");
  return a % b;
}

export function exponent(a: unknown, b: unknown): number {
  return goPow(toFloat(a), toFloat(b));
}

export function negate(v: unknown): unknown {
  if (isInt(v)) return wrapInt(-v);
  if (isFloat(v)) return -v;
  throw new ExprPanic(`invalid operation: - ${goTypeOf(v)}`);
}

/** The bytes of a Go string as ints (expr indexes strings to `uint8`). */
function bytesOf(s: string): number[] {
  return Array.from(encoder.encode(s));
}

/** `runtime.Fetch(from, i)`: index an array or string, look up a map (missing key → nil). */
export function fetch(from: unknown, i: unknown): unknown {
  if (Array.isArray(from) || typeof from === "string") {
    const length = Array.isArray(from) ? from.length : byteLength(from);
    let index = toInt(i);
    if (index < 0n) index += BigInt(length);
    if (index < 0n || index >= BigInt(length)) {
      throw new ExprPanic(
        Array.isArray(from) ? "reflect: slice index out of range" : "reflect: string index out of range",
      );
    }
    if (Array.isArray(from)) return from[Number(index)] ?? null;
    return BigInt(bytesOf(from)[Number(index)] ?? 0);
  }
  if (isMap(from)) {
    if (i === null) return Object.hasOwn(from, "") ? from[""] : null;
    if (typeof i !== "string")
      throw new ExprPanic(`reflect.Value.MapIndex: value of type ${goTypeOf(i)} is not assignable to type string`);
    return Object.hasOwn(from, i) ? (from[i] ?? null) : null;
  }
  throw new ExprPanic(`cannot fetch ${formatGoV(i)} from ${goTypeOf(from)}`);
}

/** `runtime.Slice`: bounds are clamped; strings slice by bytes. */
export function slice(value: unknown, from: unknown, to: unknown): unknown {
  if (!Array.isArray(value) && typeof value !== "string") throw new ExprPanic(`cannot slice ${formatGoV(from)}`);
  const length = Array.isArray(value) ? value.length : byteLength(value);
  const n = BigInt(length);
  let a = toInt(from);
  let b = toInt(to);
  if (a < 0n) a += n;
  if (a < 0n) a = 0n;
  if (b < 0n) b += n;
  if (b < 0n) b = 0n;
  if (b > n) b = n;
  if (a > b) a = b;
  if (Array.isArray(value)) {
    const elem = sliceElem(value);
    const part = value.slice(Number(a), Number(b));
    return elem === "any" ? part : typedSlice(part, elem);
  }
  if (isAscii(value)) return value.slice(Number(a), Number(b));
  return decoder.decode(encoder.encode(value).slice(Number(a), Number(b)));
}

/** `runtime.In(needle, haystack)`. */
export function inOp(needle: unknown, haystack: unknown): boolean {
  if (haystack === null || haystack === undefined) return false;
  if (Array.isArray(haystack)) return haystack.some((item) => equal(item, needle));
  if (haystack instanceof ConstSet) {
    if (needle === null) return haystack.keys.has(haystack.keyType === "string" ? "" : 0n);
    const ok = haystack.keyType === "string" ? typeof needle === "string" : isInt(needle);
    if (!ok)
      throw new ExprPanic(
        `reflect.Value.MapIndex: value of type ${goTypeOf(needle)} is not assignable to type ${haystack.keyType}`,
      );
    return haystack.keys.has(needle as string | bigint);
  }
  if (isMap(haystack)) {
    if (needle === null) return Object.hasOwn(haystack, "");
    if (typeof needle !== "string")
      throw new ExprPanic(`reflect.Value.MapIndex: value of type ${goTypeOf(needle)} is not assignable to type string`);
    return Object.hasOwn(haystack, needle);
  }
  throw new ExprPanic(`operator "in" not defined on ${goTypeOf(haystack)}`);
}

/** `reflect.Value.Len` for ranging in predicates and `len`; `what` names the caller for the panic text. */
export function lengthOf(v: unknown, what: "len" | "reflect"): number {
  if (Array.isArray(v)) return v.length;
  if (typeof v === "string") return byteLength(v);
  if (isMap(v)) return Object.keys(v).length;
  if (v instanceof ConstSet) return v.keys.size;
  if (what === "len") throw new ExprPanic(`invalid argument for len (type ${goTypeOf(v)})`);
  if (v === null || v === undefined) throw new ExprPanic("reflect: call of reflect.Value.Len on zero Value");
  throw new ExprPanic(`reflect: call of reflect.Value.Len on ${kindName(v)} Value`);
}

/** Element `i` when ranging over a collection in a predicate (`#`). */
export function elementAt(v: unknown, i: number): unknown {
  if (Array.isArray(v)) {
    if (i < 0 || i >= v.length) throw new ExprPanic("reflect: slice index out of range");
    return v[i] ?? null;
  }
  if (typeof v === "string") {
    const bytes = bytesOf(v);
    if (i < 0 || i >= bytes.length) throw new ExprPanic("reflect: string index out of range");
    return BigInt(bytes[i] ?? 0);
  }
  throw new ExprPanic(`reflect: call of reflect.Value.Index on ${kindName(v)} Value`);
}

/** `runtime.MakeRange`. */
export function makeRange(min: bigint, max: bigint): bigint[] {
  const out: bigint[] = [];
  for (let i = min; i <= max; i++) out.push(i);
  return typedSlice(out, "int");
}
