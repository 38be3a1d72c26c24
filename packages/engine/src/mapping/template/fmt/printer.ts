/**
 * The dispatching half of Go's fmt (print.go): which formatting each value type gets for each verb, Stringer
 * handling, container printing (`map[a:1 b:2]` with sorted keys, `[1 2]`) and the `%!verb(type=value)` forms.
 */

import { quoteRune } from "../quote.ts";
import {
  GoInt,
  GoObject,
  type GoValue,
  isMap,
  isNilContainer,
  mapType,
  sliceType,
  sortedKeys,
  typeName,
} from "../values.ts";
import { Formatter, validRune } from "./formatter.ts";

const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
const DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** The `String()` of values that implement fmt.Stringer. */
export function stringer(v: GoValue): string | undefined {
  if (v instanceof GoObject) return v.toString();
  if (v instanceof GoInt) {
    const i = Number(v.value);
    if (v.kind === "time.Month") return MONTHS[i - 1] ?? `%!Month(${i})`;
    if (v.kind === "time.Weekday") return DAYS[i] ?? `%!Weekday(${i})`;
  }
  return undefined;
}

const isNil = (v: GoValue): v is null | undefined => v === null || v === undefined;
const isUnsigned = (v: GoInt): boolean => v.kind === "uint8" || v.kind === "uint64";

/** A single fmt print operation (Go's `pp`). */
export class Printer extends Formatter {
  protected arg: GoValue = undefined;
  protected value: GoValue = undefined;
  protected erroring = false;

  protected badVerb(verb: string): void {
    this.erroring = true;
    this.buf += `%!${verb}(`;
    if (!isNil(this.arg)) {
      this.buf += typeName(this.arg) + "=";
      this.printArg(this.arg, "v");
    } else if (!isNil(this.value)) {
      this.buf += typeName(this.value) + "=";
      this.printValue(this.value, "v", 0);
    } else this.buf += "<nil>";
    this.buf += ")";
    this.erroring = false;
  }

  protected fmtBool(v: boolean, verb: string): void {
    if (verb === "t" || verb === "v") this.pad(v ? "true" : "false");
    else this.badVerb(verb);
  }

  protected fmtNumber(v: number, verb: string): void {
    switch (verb) {
      case "v":
        return this.fmtFloat(v, "g", -1);
      case "g":
      case "G":
      case "b":
      case "x":
      case "X":
        return this.fmtFloat(v, verb, -1);
      case "f":
      case "e":
      case "E":
        return this.fmtFloat(v, verb, 6);
      case "F":
        return this.fmtFloat(v, "f", 6);
      default:
        return this.badVerb(verb);
    }
  }

  protected fmtInt(v: GoInt, verb: string): void {
    switch (verb) {
      case "v":
        if (this.f.sharpV && isUnsigned(v)) {
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.fmtInteger(v.value, 16, "v");
          this.f.sharp = sharp;
        } else this.fmtInteger(v.value, 10, verb);
        return;
      case "d":
        return this.fmtInteger(v.value, 10, verb);
      case "b":
        return this.fmtInteger(v.value, 2, verb);
      case "o":
      case "O":
        return this.fmtInteger(v.value, 8, verb);
      case "x":
      case "X":
        return this.fmtInteger(v.value, 16, verb);
      case "c":
        return this.pad(String.fromCodePoint(validRune(v.value)));
      case "q":
        return this.pad(quoteRune(validRune(v.value), this.f.plus));
      case "U":
        return this.fmtUnicode(v.value);
      default:
        return this.badVerb(verb);
    }
  }

  protected fmtString(v: string, verb: string): void {
    switch (verb) {
      case "v":
        if (this.f.sharpV) this.fmtQ(v);
        else this.pad(this.truncate(v));
        return;
      case "s":
        return this.pad(this.truncate(v));
      case "x":
      case "X":
        return this.fmtSbx(v, verb === "X");
      case "q":
        return this.fmtQ(v);
      default:
        return this.badVerb(verb);
    }
  }

  protected handleMethods(verb: string): boolean {
    if (this.erroring) return false;
    if (verb === "w") {
      // %w is only meaningful in fmt.Errorf.
      this.badVerb(verb);
      return true;
    }
    if (this.f.sharpV) return false;
    if (!"vsxXq".includes(verb)) return false;
    const s = stringer(this.arg);
    if (s === undefined) return false;
    this.fmtString(s, verb);
    return true;
  }

  /** Prints one operand (Go's printArg). `undefined` and `null` are a nil interface. */
  printArg(arg: GoValue, verb: string): void {
    this.arg = arg;
    this.value = undefined;
    if (isNil(arg)) {
      if (verb === "T" || verb === "v") this.pad("<nil>");
      else this.badVerb(verb);
      return;
    }
    if (verb === "T") return this.pad(this.truncate(typeName(arg)));
    if (verb === "p") return this.badVerb(verb);
    if (typeof arg === "boolean") return this.fmtBool(arg, verb);
    if (typeof arg === "number") return this.fmtNumber(arg, verb);
    if (typeof arg === "string") return this.fmtString(arg, verb);
    if (arg instanceof GoInt && stringer(arg) === undefined) return this.fmtInt(arg, verb);
    if (this.handleMethods(verb)) return;
    this.printValue(arg, verb, 0);
  }

  protected printValue(value: GoValue, verb: string, depth: number): void {
    if (depth > 0 && !isNil(value)) {
      this.arg = value;
      if (this.handleMethods(verb)) return;
    }
    this.arg = undefined;
    this.value = value;
    if (isNil(value)) {
      this.buf += this.f.sharpV ? "interface {}(nil)" : "<nil>";
    } else if (typeof value === "boolean") this.fmtBool(value, verb);
    else if (typeof value === "number") this.fmtNumber(value, verb);
    else if (typeof value === "string") this.fmtString(value, verb);
    else if (value instanceof GoInt) this.fmtInt(value, verb);
    else if (value instanceof GoObject) this.buf += `{${value.toString()}}`;
    else if (Array.isArray(value)) {
      if (this.f.sharpV) {
        this.buf += sliceType(value);
        if (isNilContainer(value)) {
          this.buf += "(nil)";
          return;
        }
        this.buf += "{";
      } else this.buf += "[";
      value.forEach((item, i) => {
        if (i > 0) this.buf += this.f.sharpV ? ", " : " ";
        this.printValue(item, verb, depth + 1);
      });
      this.buf += this.f.sharpV ? "}" : "]";
    } else if (isMap(value)) {
      if (this.f.sharpV) {
        this.buf += mapType(value);
        if (isNilContainer(value)) {
          this.buf += "(nil)";
          return;
        }
        this.buf += "{";
      } else this.buf += "map[";
      sortedKeys(value).forEach((k, i) => {
        if (i > 0) this.buf += this.f.sharpV ? ", " : " ";
        this.printValue(k, verb, depth + 1);
        this.buf += ":";
        this.printValue(value[k], verb, depth + 1);
      });
      this.buf += this.f.sharpV ? "}" : "]";
    }
  }

  // Printf.
}
