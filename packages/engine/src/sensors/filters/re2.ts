/**
 * Go `regexp` (RE2 syntax) for `type: string` data filters (§5.4), through `re2js`: the same grammar and errors as
 * Go (`(?i)`, `\z`, `(?P<n>…)` work; backreferences and lookaround are rejected), linear-time matching, and
 * unanchored like `regexp.Match`. Compile once when the sensor starts, match per event. Pure.
 */
import { RE2JS, RE2JSSyntaxException } from "re2js";

/** A compiled Go regular expression. */
export interface GoRegexp {
  readonly source: string;
  /** `regexp.MatchString`: does the pattern match anywhere in `input`? */
  test(input: string): boolean;
}

export type GoRegexpResult = { ok: true; regexp: GoRegexp } | { ok: false; error: string };

/** `regexp.Compile`: the error text is Go's (`error parsing regexp: invalid escape sequence: \`\\1\``). */
export function compileGoRegexp(source: string): GoRegexpResult {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(source);
  } catch (error) {
    // Go always prints the offending text, even when it is empty (a trailing backslash): re2js drops it then.
    if (error instanceof RE2JSSyntaxException)
      return { ok: false, error: `error parsing regexp: ${error.error}: \`${error.input ?? ""}\`` };
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  return { ok: true, regexp: { source, test: (input) => compiled.test(input) } };
}
