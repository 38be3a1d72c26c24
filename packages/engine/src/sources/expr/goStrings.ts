/**
 * Go `strings`/`encoding` behaviours used by expr builtins, on JavaScript strings: byte offsets, Unicode trimming,
 * per-rune case mapping, `SplitN`/`SplitAfterN`/`Replace` edge cases and standard base64. Pure.
 */
import { typedSlice } from "./goFormat.ts";
import { ExprPanic, byteLength, isAscii } from "./runtime.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function codePoints(s: string): string[] {
  return Array.from(s);
}

/** UTF-8 byte offset of UTF-16 index `i` in `s`. */
export function byteOffset(s: string, i: number): number {
  return i < 0 ? -1 : byteLength(s.slice(0, i));
}

export const isSpace = (ch: string): boolean => /^\p{White_Space}$/u.test(ch);

export function trimFunc(s: string, drop: (ch: string) => boolean): string {
  const chars = codePoints(s);
  let start = 0;
  let end = chars.length;
  while (start < end && drop(chars[start] as string)) start++;
  while (end > start && drop(chars[end - 1] as string)) end--;
  return chars.slice(start, end).join("");
}

/** Go's per-rune (simple) case mapping: a rune whose full mapping is several runes keeps its simple mapping. */
export function mapCase(s: string, upper: boolean): string {
  if (isAscii(s)) return upper ? s.toUpperCase() : s.toLowerCase();
  return codePoints(s)
    .map((ch) => {
      if (!upper && ch === "\u0130") return "i";
      const mapped = upper ? ch.toUpperCase() : ch.toLowerCase();
      return codePoints(mapped).length === 1 ? mapped : ch;
    })
    .join("");
}

/** strings.SplitN / SplitAfterN; `n < 0` means all, `n == 0` gives no parts. */
export function goSplit(s: string, sep: string, { n, after }: { n: number; after: boolean }): string[] {
  if (n === 0) return typedSlice([], "string");
  const limit = n < 0 ? Infinity : n;
  const out: string[] = [];
  if (sep === "") {
    const chars = codePoints(s);
    while (chars.length > 0 && out.length < limit - 1) out.push(chars.shift() as string);
    if (chars.length > 0) out.push(chars.join(""));
    return typedSlice(out, "string");
  }
  let rest = s;
  while (out.length < limit - 1) {
    const i = rest.indexOf(sep);
    if (i < 0) break;
    out.push(rest.slice(0, after ? i + sep.length : i));
    rest = rest.slice(i + sep.length);
  }
  out.push(rest);
  return typedSlice(out, "string");
}

/** strings.Replace with Go's handling of an empty `old` (insert around every rune). */
export function goReplace(s: string, { old, replacement, n }: { old: string; replacement: string; n: number }): string {
  if (old === replacement || n === 0) return s;
  let remaining = n < 0 ? Infinity : n;
  if (old === "") {
    const chars = codePoints(s);
    let out = "";
    for (const ch of chars) {
      if (remaining > 0) {
        out += replacement;
        remaining--;
      }
      out += ch;
    }
    return remaining > 0 ? out + replacement : out;
  }
  let out = "";
  let rest = s;
  while (remaining > 0) {
    const i = rest.indexOf(old);
    if (i < 0) break;
    out += rest.slice(0, i) + replacement;
    rest = rest.slice(i + old.length);
    remaining--;
  }
  return out + rest;
}

/** StdEncoding.DecodeString (CR/LF ignored, padding required), decoded bytes read as UTF-8. */
export function base64Decode(text: string): string {
  const clean = text.replace(/[\r\n]/g, "");
  const valid = clean.length % 4 === 0 && /^[A-Za-z0-9+/]*(={0,2})$/.test(clean) && !/=[^=]/.test(clean);
  if (!valid) {
    const bad = clean.search(/[^A-Za-z0-9+/=]/);
    throw new ExprPanic(`illegal base64 data at input byte ${bad >= 0 ? bad : clean.length}`);
  }
  const binary = atob(clean);
  return decoder.decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

/** StdEncoding.EncodeToString of the UTF-8 bytes. */
export function base64Encode(text: string): string {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}
