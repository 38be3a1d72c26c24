/** strconv.Quote and friends, as fmt's %q and sprig's `quote` use them. */

import { isPrint } from "./text.ts";

const HEX = "0123456789abcdef";

function escapeRune(r: number, quote: number, asciiOnly: boolean): string {
  if (r === quote || r === 0x5c) return "\\" + String.fromCodePoint(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 7:
      return "\\a";
    case 8:
      return "\\b";
    case 12:
      return "\\f";
    case 10:
      return "\\n";
    case 13:
      return "\\r";
    case 9:
      return "\\t";
    case 11:
      return "\\v";
  }
  if (r < 0x20 || r === 0x7f) return "\\x" + HEX[r >> 4] + HEX[r & 15];
  if (r < 0x10000) return "\\u" + r.toString(16).padStart(4, "0");
  return "\\U" + r.toString(16).padStart(8, "0");
}

/** strconv.Quote (or QuoteToASCII). */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const c of s) {
    let r = c.codePointAt(0) ?? 0;
    if (r >= 0xd800 && r <= 0xdfff) r = 0xfffd;
    out += escapeRune(r, 0x22, asciiOnly);
  }
  return out + '"';
}

/** strconv.QuoteRune (or QuoteRuneToASCII). */
export function quoteRune(r: number, asciiOnly = false): string {
  const v = r < 0 || r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) ? 0xfffd : r;
  return "'" + escapeRune(v, 0x27, asciiOnly) + "'";
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const c of s) {
    const r = c.codePointAt(0) ?? 0;
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f || r === 0xfeff) return false;
  }
  return true;
}
