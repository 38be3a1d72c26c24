/**
 * The Go value model the template engine computes with.
 *
 * Contract: every value a template sees is a {@link GoValue}. JSON-shaped data maps onto Go's
 * `encoding/json` decoding into `interface{}` (numbers are float64, objects `map[string]interface {}`,
 * arrays `[]interface {}`), and the few extra Go types that sprig functions return (int, int64, time.Time,
 * []string, map[string]string, …) are modelled explicitly so printing, comparison and type errors match Go.
 *
 * Two "nothing" values matter and stay distinct:
 * - `undefined` is Go's invalid `reflect.Value` (a missing map key; prints `<no value>`).
 * - `null` is a nil `interface{}` (a JSON null, or a nil element of a list). Field access on it is an error.
 */

/** Go integer types that templates can observe. */
export type IntKind = "int" | "int64" | "int32" | "uint8" | "uint64" | "time.Month" | "time.Weekday";

/** A Go integer with its static type. Arithmetic wraps like Go's fixed-width integers. */
export class GoInt {
  readonly kind: IntKind;
  readonly value: bigint;
  constructor(kind: IntKind, value: bigint) {
    this.kind = kind;
    this.value = wrapInt(kind, value);
  }
}

function wrapInt(kind: IntKind, v: bigint): bigint {
  switch (kind) {
    case "uint8":
      return BigInt.asUintN(8, v);
    case "uint64":
      return BigInt.asUintN(64, v);
    case "int32":
      return BigInt.asIntN(32, v);
    default:
      return BigInt.asIntN(64, v);
  }
}

/** A Go value with methods and a `String()` form (time.Time). */
export abstract class GoObject {
  abstract readonly goType: string;
  /** reflect.Kind name, as printed by sprig's `kindOf`. */
  abstract readonly goKind: string;
  abstract toString(): string;
}

/** A Go `map[string]…` value. Keys are own enumerable properties. */
export interface GoMap {
  [key: string]: GoValue;
}

/** Any value a template computes with. */
export type GoValue = undefined | null | boolean | number | string | GoInt | GoObject | GoValue[] | GoMap;

/** Static types of slices and maps that are not the JSON defaults. */
export type SliceType = "[]interface {}" | "[]string" | "[]int" | "[][]interface {}";
export type MapType = "map[string]interface {}" | "map[string]string";

const sliceTypes = new WeakMap<GoValue[], SliceType>();
const mapTypes = new WeakMap<GoMap, MapType>();
const nilContainers = new WeakSet<object>();

/** Tags an array with a Go slice type other than `[]interface {}`. */
export function typedSlice(items: GoValue[], type: SliceType): GoValue[] {
  if (type !== "[]interface {}") sliceTypes.set(items, type);
  return items;
}

/** A nil slice: prints `[]` but encodes to JSON as `null`. */
export function nilSlice(type: SliceType = "[]interface {}"): GoValue[] {
  const s = typedSlice([], type);
  nilContainers.add(s);
  return s;
}

/** Creates an empty map with no prototype so keys such as `__proto__` are plain keys. */
export function newMap(type: MapType = "map[string]interface {}"): GoMap {
  const m = Object.create(null) as GoMap;
  if (type !== "map[string]interface {}") mapTypes.set(m, type);
  return m;
}

/** A nil map: reads as empty, writes panic, encodes to JSON as `null`. */
export function nilMap(): GoMap {
  const m = newMap();
  nilContainers.add(m);
  return m;
}

export function isNilContainer(v: object): boolean {
  return nilContainers.has(v);
}

export function sliceType(v: GoValue[]): SliceType {
  return sliceTypes.get(v) ?? "[]interface {}";
}

export function mapType(v: GoMap): MapType {
  return mapTypes.get(v) ?? "map[string]interface {}";
}

export function isMap(v: GoValue): v is GoMap {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof GoInt) && !(v instanceof GoObject);
}

export function mapHas(m: GoMap, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(m, key);
}

export function mapGet(m: GoMap, key: string): GoValue {
  return mapHas(m, key) ? m[key] : undefined;
}

export function mapSet(m: GoMap, key: string, value: GoValue): void {
  Object.defineProperty(m, key, { value, enumerable: true, writable: true, configurable: true });
}

/** Keys in Go's sorted order (byte order of the UTF-8 encoding equals code point order). */
export function sortedKeys(m: GoMap): string[] {
  return Object.keys(m).sort(compareStrings);
}

/** Compares strings the way Go does: by UTF-8 bytes, which is code point order. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) ?? 0;
    const y = b.codePointAt(i) ?? 0;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

export const int = (n: number | bigint): GoInt => new GoInt("int", BigInt(n));
export const int64 = (n: number | bigint): GoInt => new GoInt("int64", BigInt(n));

/** Go's `int64(f)` for a float64: truncation, with amd64's result for NaN and out-of-range values. */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return -9223372036854775808n;
  return BigInt(Math.trunc(f));
}

/** The Go type name, as `%T` prints it. */
export function typeName(v: GoValue): string {
  if (v === undefined || v === null) return "<nil>";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoObject) return v.goType;
  if (Array.isArray(v)) return sliceType(v);
  return mapType(v);
}

/** The reflect.Kind name, as sprig's `kindOf` prints it. */
export function kindName(v: GoValue): string {
  if (v === undefined || v === null) return "invalid";
  if (typeof v === "string") return "string";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (v instanceof GoInt) {
    switch (v.kind) {
      case "time.Month":
      case "time.Weekday":
        return "int";
      default:
        return v.kind;
    }
  }
  if (v instanceof GoObject) return v.goKind;
  return Array.isArray(v) ? "slice" : "map";
}

/** Go's reflect.DeepEqual for the value model. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === undefined || a === null || b === undefined || b === null) {
    return (a === undefined || a === null) && (b === undefined || b === null);
  }
  if (typeName(a) !== typeName(b)) return false;
  if (a instanceof GoInt && b instanceof GoInt) return a.value === b.value;
  if (a instanceof GoObject && b instanceof GoObject) return a.toString() === b.toString();
  if (Array.isArray(a) && Array.isArray(b)) {
    if (isNilContainer(a) !== isNilContainer(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  if (isMap(a) && isMap(b)) {
    if (isNilContainer(a) !== isNilContainer(b)) return false;
    const ka = Object.keys(a);
    if (ka.length !== Object.keys(b).length) return false;
    return ka.every((k) => mapHas(b, k) && deepEqual(a[k], b[k]));
  }
  return a === b;
}

/** Go's text/template truth: false, 0, nil and empty collections are false. */
export function isTrue(v: GoValue): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === "string") return v.length > 0;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "boolean") return v;
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoObject) return true;
  if (Array.isArray(v)) return v.length > 0;
  return Object.keys(v).length > 0;
}

/** sprig's `empty`: like falsy, but a struct (time.Time) is never empty. */
export function isEmpty(v: GoValue): boolean {
  return !isTrue(v);
}

/** Go-side deep copy (sprig `deepCopy`), preserving static types. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) {
    if (isNilContainer(v)) return nilSlice(sliceType(v));
    return typedSlice(v.map(deepCopy), sliceType(v));
  }
  if (isMap(v)) {
    if (isNilContainer(v)) return nilMap();
    const out = newMap(mapType(v));
    for (const k of Object.keys(v)) mapSet(out, k, deepCopy(v[k]));
    return out;
  }
  return v;
}

/**
 * Converts caller data (normally JSON.parse output) into the value model. Copies containers so sprig's
 * mutating functions (`set`, `unset`, `merge`) never touch the caller's objects.
 */
export function fromJs(value: unknown, depth = 0): GoValue {
  if (depth > 1000) throw new RangeError("data nested too deeply");
  switch (typeof value) {
    case "string":
      return wellFormed(value);
    case "number":
    case "boolean":
      return value;
    case "bigint":
      return int64(value);
    case "object": {
      if (value === null) return null;
      if (value instanceof GoInt || value instanceof GoObject) return value;
      if (Array.isArray(value)) return value.map((x: unknown) => fromJs(x, depth + 1));
      const out = newMap();
      for (const [k, v] of Object.entries(value)) mapSet(out, wellFormed(k), fromJs(v, depth + 1));
      return out;
    }
    default:
      return null;
  }
}

/** Replaces lone surrogates with U+FFFD, as Go's JSON decoder does. */
export function wellFormed(s: string): string {
  return s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
}
