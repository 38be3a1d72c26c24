/**
 * sjson writes for Signalbox: a TypeScript port of the behaviour of tidwall/sjson v1.2.5 (on gjson v1.19.0),
 * which Argo Events uses to apply trigger parameters and build payloads (spec §7.3).
 *
 * Contract: pure and deterministic. The output matches the Go library byte for byte, including its
 * leniency with malformed documents; the only throw is {@link SjsonError} for what sjson rejects.
 */

import { valueText } from "./marshal.ts";
import { write } from "./set.ts";

export { SjsonError, type SjsonErrorReason } from "./errors.ts";

/**
 * `sjson.Set(json, path, value)`: writes `value` at `path` and returns the new document. Strings are
 * written quoted, numbers as the shortest decimal, booleans and null as literals, arrays and plain
 * objects as Go's encoding/json would (keys sorted, `<>&` escaped). `undefined` object members are left
 * out, as JSON.stringify does. Missing intermediate objects are created; `json` may be `""`.
 *
 * Path: `a.b.c`, array index `a.0`, `-1` appends, `\.` escapes a dot, a leading `:` forces an object key
 * (`a.:1`). Paths with `#`, `*`, `?`, `|`, `@` replace every value gjson finds there.
 *
 * @throws {SjsonError} on an empty path, a non-numeric key for an array, or a value Go cannot marshal.
 * @example
 * ```ts
 * sjsonSet("", "bucket", "b1") // '{"bucket":"b1"}'
 * sjsonSet('{"a":[1]}', "a.-1", 2) // '{"a":[1,2]}'
 * ```
 */
export function sjsonSet(json: string, path: string, value: unknown): string {
  const { raw, quote } = valueText(value);
  return write(json, path, { raw, quote, del: false });
}

/**
 * `sjson.SetRaw(json, path, rawJson)`: like {@link sjsonSet} but writes `rawJson` verbatim (it is not
 * validated, as in Go).
 *
 * @example
 * ```ts
 * sjsonSetRaw('{"a":1}', "b", '{"c":[true]}') // '{"a":1,"b":{"c":[true]}}'
 * ```
 */
export function sjsonSetRaw(json: string, path: string, rawJson: string): string {
  return write(json, path, { raw: rawJson, quote: false, del: false });
}

/**
 * `sjson.Delete(json, path)`: removes the value at `path` (with its key and one comma). A missing path
 * returns `json` unchanged; `-1` deletes the last array element.
 *
 * @throws {SjsonError} on an empty path or a complex path.
 * @example
 * ```ts
 * sjsonDelete('{"a":1,"b":2}', "a") // '{"b":2}'
 * ```
 */
export function sjsonDelete(json: string, path: string): string {
  return write(json, path, { raw: "", quote: false, del: true });
}
