/**
 * The one error sjson raises. Its message is the Go library's error text, so logs read the same as Argo's.
 */

import { EngineError } from "../../errors.ts";

/** Why a write was rejected. */
export type SjsonErrorReason =
  /** The path is `""`. */
  | "EMPTY_PATH"
  /** Delete was asked with a path using `|`, `#`, `@`, `*` or `?`. */
  | "COMPLEX_DELETE"
  /** A non-numeric key (other than `-1`) was used on an array. */
  | "NON_NUMERIC_ARRAY_KEY"
  /** The value cannot be marshalled the way Go's encoding/json would (NaN, Infinity, cycles, functions…). */
  | "UNSUPPORTED_VALUE";

/**
 * A rejected sjson write: invalid input, so its `code` is `VALIDATION`. `reason` says which rule was broken;
 * `message` is sjson's own text, e.g. `cannot set array element for non-numeric key 'name'`.
 */
export class SjsonError extends EngineError {
  readonly reason: SjsonErrorReason;

  constructor(reason: SjsonErrorReason, message: string, options?: { cause?: unknown }) {
    super("VALIDATION", message, options);
    this.name = "SjsonError";
    this.reason = reason;
  }
}
