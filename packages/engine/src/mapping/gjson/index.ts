/**
 * gjson paths for Signalbox: a TypeScript port of the behaviour of tidwall/gjson v1.19.0, the library Argo
 * Events resolves `dataKey`, `contextKey` and filter paths with (spec §7.2, §7.4).
 *
 * Contract: pure, deterministic, never throws on any input string. Results match the Go library byte for
 * byte (checked against vectors produced by the real library, see `../vectors/README.md`). The document is
 * scanned, not parsed: a simple path reads only as far as its answer.
 */

import { get } from "./get.ts";
import { toBool, toFloat, toString } from "./result.ts";
import { toValue } from "./value.ts";
import { emptyRes, exists, type GjsonResult, type Res } from "./types.ts";
import { valid } from "./valid.ts";

export type { GjsonResult, GjsonType } from "./types.ts";

function toPublic(r: Res): GjsonResult {
  return { type: r.type, raw: r.raw, str: r.str, num: r.num, exists: exists(r) };
}

function toInternal(r: GjsonResult): Res {
  return { type: r.type, raw: r.raw, str: r.str, num: r.num, index: 0, indexes: null, at: -1 };
}

/**
 * Looks `path` up in `json` with gjson semantics: `a.b`, `items.0`, `items.#`, `items.#.name`, `*`/`?`
 * wildcards, `\` escapes, `#(...)`/`#(...)#` queries, `|` pipes, `@modifiers`, `!literals`, `[a,b]` and
 * `{a,"k":b}` multipaths, and a `..` prefix for JSON Lines. Malformed JSON gives whatever gjson gives.
 *
 * @example
 * ```ts
 * gjsonGet('{"header":{"Content-Type":["application/json"]}}', "header.Content-Type.0").str
 * // "application/json"
 * resultString(gjsonGet('{"price":12.50}', "price")) // "12.5"
 * gjsonGet('{"a":1}', "b").exists // false
 * ```
 */
export function gjsonGet(json: string, path: string): GjsonResult {
  try {
    return toPublic(get(json, path));
  } catch (e) {
    // Only a path or document nested deeper than the JS stack allows gets here.
    if (e instanceof RangeError) return toPublic(emptyRes());
    throw e;
  }
}

/**
 * gjson `Valid`: whether `json` is one well-formed JSON value (surrounding whitespace allowed).
 *
 * @example
 * ```ts
 * gjsonValid('{"a":[1,2]}') // true
 * gjsonValid("{a:1}") // false
 * ```
 */
export function gjsonValid(json: string): boolean {
  return valid(json);
}

/**
 * gjson `Result.String()`, the text Argo Events uses for a resolved parameter: strings unquoted, integers
 * with their raw text (big integers keep every digit), other numbers as the shortest decimal
 * (`12.50` → `12.5`, `1e3` → `1000`), booleans `true`/`false`, objects and arrays as raw JSON, null and
 * missing values as `""`.
 *
 * @example
 * ```ts
 * resultString(gjsonGet('{"n":1e3}', "n")) // "1000"
 * ```
 */
export function resultString(r: GjsonResult): string {
  return toString(toInternal(r));
}

/**
 * gjson `Result.Bool()`: `true` for True, non-zero numbers, and strings Go's `strconv.ParseBool` reads as
 * true after lowercasing (`"1"`, `"t"`, `"true"`); false otherwise.
 */
export function resultBool(r: GjsonResult): boolean {
  return toBool(toInternal(r));
}

/** gjson `Result.Float()`: numbers as is, True as 1, strings through Go's `ParseFloat` (0 when invalid). */
export function resultFloat(r: GjsonResult): number {
  return toFloat(toInternal(r));
}

/**
 * gjson `Result.Value()` as a native JS value: string, number, boolean, null, plain object or array
 * (duplicate keys keep the first value; numbers are floats, so big integers lose precision as in Go).
 *
 * @example
 * ```ts
 * resultValue(gjsonGet('{"a":{"b":[1,"x"]}}', "a")) // { b: [1, "x"] }
 * ```
 */
export function resultValue(r: GjsonResult): unknown {
  return toValue(toInternal(r));
}
