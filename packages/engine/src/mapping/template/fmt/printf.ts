/** Go's fmt.Sprintf format-string interpretation: flags, `[n]` argument indexes, `*` widths and error forms. */

import { GoInt, type GoValue, typeName } from "../values.ts";
import { clearFlags } from "./formatter.ts";
import { Printer } from "./printer.ts";

/** A Printer that also interprets format strings. */
export class PrintfPrinter extends Printer {
  private reordered = false;
  private goodArgNum = true;

  /** Parses an explicit argument index `[n]` at format[i]. Returns the new arg number, index and whether found. */
  private argNumber(argNum: number, format: string, i: number): [number, number, boolean] {
    const numArgs = this.numArgs;
    if (format[i] !== "[") return [argNum, i, false];
    this.reordered = true;
    const rest = format.slice(i);
    let index = 0;
    let wid = 1;
    let ok = false;
    if (rest.length >= 3) {
      const close = rest.indexOf("]", 1);
      if (close >= 0) {
        wid = close + 1;
        const [n, isNum, newi] = parseNum(rest, 1, close);
        if (isNum && newi === close) {
          index = n - 1;
          ok = true;
        }
      }
    }
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  private intFromArg(args: readonly GoValue[], argNum: number): [number, boolean, number] {
    if (argNum >= args.length) return [0, false, argNum];
    const a = args[argNum];
    if (!(a instanceof GoInt)) return [0, false, argNum + 1];
    const n = Number(a.value);
    if (n > 1e6 || n < -1e6) return [0, false, argNum + 1];
    return [n, true, argNum + 1];
  }

  /** Go's fmt.Sprintf. */
  private numArgs = 0;

  printf(format: string, args: readonly GoValue[]): void {
    this.numArgs = args.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    let i = 0;
    const end = format.length;
    while (i < end) {
      const pct = format.indexOf("%", i);
      const lasti = i;
      i = pct < 0 ? end : pct;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.f = clearFlags();
      this.goodArgNum = true;
      for (; i < end; i++) {
        const c = format[i];
        if (c === "#") this.f.sharp = true;
        else if (c === "0") this.f.zero = !this.f.minus;
        else if (c === "+") this.f.plus = true;
        else if (c === "-") {
          this.f.minus = true;
          this.f.zero = false;
        } else if (c === " ") this.f.space = true;
        else break;
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i);
      if (format[i] === "*") {
        i++;
        [this.f.wid, this.f.widPresent, argNum] = this.intFromArg(args, argNum);
        if (!this.f.widPresent) this.buf += "%!(BADWIDTH)";
        if (this.f.wid < 0) {
          this.f.wid = -this.f.wid;
          this.f.minus = true;
          this.f.zero = false;
        }
        afterIndex = false;
      } else {
        [this.f.wid, this.f.widPresent, i] = parseNum(format, i, end);
        if (afterIndex && this.f.widPresent) this.goodArgNum = false;
      }
      if (i + 1 <= end && format[i] === ".") {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i);
        if (format[i] === "*") {
          i++;
          [this.f.prec, this.f.precPresent, argNum] = this.intFromArg(args, argNum);
          if (this.f.prec < 0) {
            this.f.prec = 0;
            this.f.precPresent = false;
          }
          if (!this.f.precPresent) this.buf += "%!(BADPREC)";
          afterIndex = false;
        } else {
          [this.f.prec, this.f.precPresent, i] = parseNum(format, i, end);
          if (!this.f.precPresent) {
            this.f.prec = 0;
            this.f.precPresent = true;
          }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i);
      if (i >= end) {
        this.buf += "%!(NOVERB)";
        break;
      }
      const verb = String.fromCodePoint(format.codePointAt(i) ?? 0);
      i += verb.length;
      if (verb === "%") this.buf += "%";
      else if (!this.goodArgNum) this.buf += `%!${verb}(BADINDEX)`;
      else if (argNum >= args.length) this.buf += `%!${verb}(MISSING)`;
      else {
        if (verb === "v" || verb === "w") {
          this.f.sharpV = this.f.sharp;
          this.f.sharp = false;
          this.f.plusV = this.f.plus;
          this.f.plus = false;
        }
        this.printArg(args[argNum], verb);
        argNum++;
      }
    }
    if (!this.reordered && argNum < args.length) {
      this.f = clearFlags();
      this.buf += "%!(EXTRA ";
      args.slice(argNum).forEach((a, k) => {
        if (k > 0) this.buf += ", ";
        if (a === null || a === undefined) this.buf += "<nil>";
        else {
          this.buf += typeName(a) + "=";
          this.printArg(a, "v");
        }
      });
      this.buf += ")";
    }
  }
}

function parseNum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0;
  let isnum = false;
  let i = start;
  for (; i < end && s[i] !== undefined && s[i]! >= "0" && s[i]! <= "9"; i++) {
    if (num > 1e6) return [0, false, end];
    num = num * 10 + Number(s[i]);
    isnum = true;
  }
  return [num, isnum, i];
}
