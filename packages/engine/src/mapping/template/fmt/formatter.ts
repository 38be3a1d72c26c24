/**
 * The primitive half of Go's fmt (format.go): flags, width, precision and padding, and the formatting of integers,
 * floats, strings and runes. {@link Printer} dispatches values to these.
 */

import { formatFloat, formatFloatBinary, formatFloatHex } from "../floatFormat.ts";
import { canBackquote, quote } from "../quote.ts";
import { utf8Bytes } from "../text.ts";

export interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

export const clearFlags = (): Flags => ({
  plus: false,
  minus: false,
  sharp: false,
  space: false,
  zero: false,
  plusV: false,
  sharpV: false,
  wid: 0,
  widPresent: false,
  prec: 0,
  precPresent: false,
});

export const runeCount = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

/** Go's fmt struct: the output buffer and the current verb's flags. */
export class Formatter {
  buf = "";
  f: Flags = clearFlags();
  // Padding.

  protected writePadding(n: number): void {
    if (n > 0) this.buf += (this.f.zero && !this.f.minus ? "0" : " ").repeat(n);
  }

  protected pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (!this.f.minus) {
      this.writePadding(width);
      this.buf += s;
    } else {
      this.buf += s;
      this.writePadding(width);
    }
  }

  protected truncate(s: string): string {
    if (!this.f.precPresent) return s;
    return [...s].slice(0, this.f.prec).join("");
  }

  // Primitive formatters (Go's fmt type).

  protected fmtInteger(value: bigint, base: number, verb: string): void {
    const upper = verb === "X";
    const negative = value < 0n;
    let u = negative ? -value : value;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.writePadding(this.f.wid);
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && !this.f.minus && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let digits = u.toString(base);
    if (upper) digits = digits.toUpperCase();
    u = 0n;
    if (digits.length < prec) digits = "0".repeat(prec - digits.length) + digits;
    if (this.f.sharp) {
      if (base === 2) digits = "0b" + digits;
      else if (base === 8 && !digits.startsWith("0")) digits = "0" + digits;
      else if (base === 16) digits = (upper ? "0X" : "0x") + digits;
    }
    if (verb === "O") digits = "0o" + digits;
    if (negative) digits = "-" + digits;
    else if (this.f.plus) digits = "+" + digits;
    else if (this.f.space) digits = " " + digits;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(digits);
    this.f.zero = oldZero;
  }

  protected fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.f.precPresent && this.f.prec > 4) prec = this.f.prec;
    let s = "U+" + BigInt.asUintN(64, u).toString(16).toUpperCase().padStart(prec, "0");
    const r = Number(u);
    if (this.f.sharp && u >= 0n && u <= 0x10ffffn && !(r >= 0xd800 && r <= 0xdfff) && isPrintable(r)) {
      s += ` '${String.fromCodePoint(r)}'`;
    }
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  protected fmtFloat(v: number, verb: "e" | "E" | "f" | "g" | "G" | "b" | "x" | "X", prec: number): void {
    if (this.f.precPresent) prec = this.f.prec;
    let num =
      verb === "b"
        ? formatFloatBinary(v)
        : verb === "x" || verb === "X"
          ? formatFloatHex(v, prec, verb === "X")
          : formatFloat(v, verb, prec);
    if (num[0] !== "-" && num[0] !== "+") num = "+" + num;
    if (this.f.space && num[0] === "+" && !this.f.plus) num = " " + num.slice(1);
    if (num[1] === "I" || num[1] === "N") {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === "N" && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && verb !== "b") num = this.sharpFloat(num, verb, prec);
    if (this.f.plus || num[0] !== "+") {
      if (this.f.zero && !this.f.minus && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.f.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  /** The `#` flag on floats: always a decimal point, and %g keeps its trailing zeros. */
  protected sharpFloat(signed: string, verb: string, prec: number): string {
    let digits = 0;
    if (verb === "g" || verb === "G" || verb === "x") digits = prec === -1 ? 6 : prec;
    let num = signed;
    let tail = "";
    let hasPoint = false;
    let sawNonzero = false;
    for (let i = 1; i < num.length; i++) {
      const c = num[i];
      if (c === ".") hasPoint = true;
      else if (c === "p" || c === "P" || ((c === "e" || c === "E") && verb !== "x" && verb !== "X")) {
        tail = num.slice(i);
        num = num.slice(0, i);
        break;
      } else {
        if (c !== "0") sawNonzero = true;
        if (sawNonzero) digits--;
      }
    }
    if (!hasPoint) {
      if (num.length === 2 && num[1] === "0") digits--;
      num += ".";
    }
    if (digits > 0) num += "0".repeat(digits);
    return num + tail;
  }

  protected fmtSbx(s: string, upper: boolean): void {
    const digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    const b = utf8Bytes(s);
    let length = b.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) width += 2;
    } else {
      if (this.f.widPresent) this.writePadding(this.f.wid);
      return;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.writePadding(this.f.wid - width);
    const prefix = upper ? "0X" : "0x";
    if (this.f.sharp) this.buf += prefix;
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) {
        this.buf += " ";
        if (this.f.sharp) this.buf += prefix;
      }
      const c = b[i] ?? 0;
      this.buf += (digits[c >> 4] ?? "") + (digits[c & 15] ?? "");
    }
    if (this.f.widPresent && this.f.wid > width && this.f.minus) this.writePadding(this.f.wid - width);
  }

  protected fmtQ(s: string): void {
    const t = this.truncate(s);
    if (this.f.sharp && canBackquote(t)) this.pad("`" + t + "`");
    else this.pad(quote(t, this.f.plus));
  }

  // Verb dispatch per type (Go's pp).
}

export function validRune(v: bigint): number {
  if (v < 0n || v > 0x10ffffn) return 0xfffd;
  const r = Number(v);
  return r >= 0xd800 && r <= 0xdfff ? 0xfffd : r;
}

const rePrintable = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;
export function isPrintable(r: number): boolean {
  return rePrintable.test(String.fromCodePoint(r));
}
