/**
 * Result types shared by the gjson port.
 *
 * `GjsonResult` is the public shape. `Res` is the internal one: it also carries the two position fields that
 * sjson needs (`index`, `indexes`, with gjson's exact semantics) and `at`, which stands in for the pointer
 * arithmetic gjson's `fillIndex` does on Go strings (see {@link Res.at}).
 */

/** The JSON type of a gjson result, named as gjson's `Type.String()` names it. */
export type GjsonType = "Null" | "False" | "Number" | "String" | "True" | "JSON";

/**
 * What a gjson lookup found. Mirrors gjson's `Result` struct.
 *
 * - `type`: the JSON type. A missing path is `"Null"` with `exists: false`.
 * - `raw`: the raw JSON text of the value, exactly as it appears in the document (or as a modifier built it).
 * - `str`: the unescaped string for `"String"` results, `""` otherwise (gjson's `Str` field).
 * - `num`: the parsed number for `"Number"` results, `0` otherwise (gjson's `Num` field).
 * - `exists`: gjson's `Exists()`: the type is not Null or the raw text is not empty.
 */
export interface GjsonResult {
  type: GjsonType;
  raw: string;
  str: string;
  num: number;
  exists: boolean;
}

/** Internal result: gjson's `Result` plus the source position of `raw`. */
export interface Res {
  type: GjsonType;
  raw: string;
  str: string;
  num: number;
  /** gjson's `Result.Index`: offset of `raw` in the document, 0 when unknown. */
  index: number;
  /** gjson's `Result.Indexes`: offsets of the elements of a `#` result, or null. */
  indexes: number[] | null;
  /**
   * Offset of `raw` inside the JSON text handed to the `get` that produced it, or -1 when `raw` is freshly
   * built text. gjson computes `Index` from string pointers, so a raw slice keeps its position through
   * pipes and nested lookups even where gjson zeroes `Index`; `at` carries that position explicitly.
   */
  at: number;
}

/** A scalar or raw-text result at offset `at` (-1 for built text); `num` is filled by the caller when needed. */
export function res(type: GjsonType, raw: string, at: number): Res {
  return { type, raw, str: "", num: 0, index: 0, indexes: null, at };
}

/** A fresh non-existent result. */
export function emptyRes(): Res {
  return { type: "Null", raw: "", str: "", num: 0, index: 0, indexes: null, at: -1 };
}

/** gjson's `Exists()`. */
export function exists(r: Res): boolean {
  return r.type !== "Null" || r.raw.length !== 0;
}
