/**
 * Go's fmt printing for the template value model: `%v` for template output (maps print as `map[a:1 b:2]` with
 * sorted keys, slices as `[1 2]`, float64 like strconv's shortest 'g'), plus every verb, flag, width, precision
 * and error form (`%!d(string=x)`, `%!v(MISSING)`, `%!(EXTRA …)`) that `printf` can reach. See fmt/.
 */

import { Printer } from "./fmt/printer.ts";
import { PrintfPrinter } from "./fmt/printf.ts";
import type { GoValue } from "./values.ts";

export { stringer } from "./fmt/printer.ts";

/** fmt.Sprint: operands joined with a space when neither side is a string. */
export function sprint(args: readonly GoValue[]): string {
  const p = new Printer();
  let prevString = false;
  args.forEach((a, i) => {
    const isString = typeof a === "string";
    if (i > 0 && !isString && !prevString) p.buf += " ";
    p.printArg(a, "v");
    prevString = isString;
  });
  return p.buf;
}

/** fmt.Sprintln. */
export function sprintln(args: readonly GoValue[]): string {
  const p = new Printer();
  args.forEach((a, i) => {
    if (i > 0) p.buf += " ";
    p.printArg(a, "v");
  });
  return p.buf + "\n";
}

/** fmt.Sprintf. */
export function sprintf(format: string, args: readonly GoValue[]): string {
  const p = new PrintfPrinter();
  p.printf(format, args);
  return p.buf;
}

/** `%v` of one value. */
export function formatValue(v: GoValue): string {
  return sprint([v]);
}
