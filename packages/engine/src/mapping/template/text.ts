/**
 * Go string semantics on JS strings: Go strings are UTF-8 bytes, JS strings UTF-16. Length, indexing and slicing
 * go through the UTF-8 encoding; rune-level predicates and case mapping follow Go's `unicode` package (simple,
 * one-rune case mappings, not JavaScript's full mappings such as ß → SS).
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: false });

export function utf8Bytes(s: string): Uint8Array {
  return encoder.encode(s);
}

export function utf8Decode(b: Uint8Array): string {
  return decoder.decode(b);
}

/** `len(s)` in Go. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** `s[start:end]` in Go (byte offsets). Cutting inside a rune yields U+FFFD, where Go would keep raw bytes. */
export function sliceBytes(s: string, start: number, end?: number): string {
  if (isAscii(s)) return s.slice(start, end);
  return utf8Decode(utf8Bytes(s).subarray(start, end));
}

export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

/** Code points of a string (Go's `[]rune(s)`). */
export function runes(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

function fromRunes(rs: readonly number[]): string {
  let s = "";
  for (const r of rs) s += String.fromCodePoint(r);
  return s;
}

/** unicode.IsSpace. */
export function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  return (
    r === 0x1680 ||
    (r >= 0x2000 && r <= 0x200a) ||
    r === 0x2028 ||
    r === 0x2029 ||
    r === 0x202f ||
    r === 0x205f ||
    r === 0x3000
  );
}

const reUpper = /^\p{Lu}$/u;
const reLower = /^\p{Ll}$/u;
const reTitle = /^\p{Lt}$/u;
const reLetter = /^\p{L}$/u;
const reDigit = /^\p{Nd}$/u;
const reNumber = /^\p{N}$/u;
const rePunct = /^\p{P}$/u;
const rePrint = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

const ch = (r: number): string => String.fromCodePoint(r);
export const isUpper = (r: number): boolean => reUpper.test(ch(r));
export const isLower = (r: number): boolean => reLower.test(ch(r));
export const isTitle = (r: number): boolean => reTitle.test(ch(r));
export const isLetter = (r: number): boolean => reLetter.test(ch(r));
export const isDigit = (r: number): boolean => reDigit.test(ch(r));
export const isNumber = (r: number): boolean => reNumber.test(ch(r));
export const isPunct = (r: number): boolean => rePunct.test(ch(r));
/** unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export const isPrint = (r: number): boolean => rePrint.test(ch(r));

/** unicode.ToUpper (simple mapping). */
export function toUpperRune(r: number): number {
  if (r < 0x80) return r >= 0x61 && r <= 0x7a ? r - 32 : r;
  return single(ch(r).toUpperCase(), r);
}

/** unicode.ToLower (simple mapping). */
export function toLowerRune(r: number): number {
  if (r < 0x80) return r >= 0x41 && r <= 0x5a ? r + 32 : r;
  if (r === 0x130) return 0x69;
  return single(ch(r).toLowerCase(), r);
}

const titleSpecial: Record<number, number> = {
  0x1c4: 0x1c5,
  0x1c5: 0x1c5,
  0x1c6: 0x1c5,
  0x1c7: 0x1c8,
  0x1c8: 0x1c8,
  0x1c9: 0x1c8,
  0x1ca: 0x1cb,
  0x1cb: 0x1cb,
  0x1cc: 0x1cb,
  0x1f1: 0x1f2,
  0x1f2: 0x1f2,
  0x1f3: 0x1f2,
};

/** unicode.ToTitle (simple mapping). */
export function toTitleRune(r: number): number {
  return titleSpecial[r] ?? toUpperRune(r);
}

function single(mapped: string, fallback: number): number {
  const cp = mapped.codePointAt(0);
  return cp !== undefined && mapped.length === String.fromCodePoint(cp).length ? cp : fallback;
}

export function mapRunes(s: string, f: (r: number) => number): string {
  let out = "";
  for (const c of s) out += String.fromCodePoint(f(c.codePointAt(0) ?? 0));
  return out;
}

/** strings.TrimSpace. */
export function trimSpace(s: string): string {
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && isSpace(rs[a] ?? 0)) a++;
  while (b > a && isSpace(rs[b - 1] ?? 0)) b--;
  return fromRunes(rs.slice(a, b));
}

/** strings.Trim(s, cutset): removes leading and trailing runes contained in cutset. */
export function trimCutset(s: string, cutset: string): string {
  if (s === "" || cutset === "") return s;
  const set = new Set(runes(cutset));
  const rs = runes(s);
  let a = 0;
  let b = rs.length;
  while (a < b && set.has(rs[a] ?? -1)) a++;
  while (b > a && set.has(rs[b - 1] ?? -1)) b--;
  return fromRunes(rs.slice(a, b));
}

/** strings.Title: upper-cases the first letter of each word (deprecated in Go, still what sprig uses). */
export function goTitle(s: string): string {
  let prev = 0x20;
  let out = "";
  for (const c of s) {
    const r = c.codePointAt(0) ?? 0;
    out += String.fromCodePoint(isTitleSeparator(prev) ? toTitleRune(r) : r);
    prev = r;
  }
  return out;
}

function isTitleSeparator(r: number): boolean {
  if (r <= 0x7f) {
    if ((r >= 0x30 && r <= 0x39) || (r >= 0x61 && r <= 0x7a) || (r >= 0x41 && r <= 0x5a) || r === 0x5f) return false;
    return true;
  }
  if (isLetter(r) || isDigit(r)) return false;
  return isSpace(r);
}

/**
 * The Latin-1 view of a string's UTF-8 bytes: one char per byte. Some helpers sprig uses (goutils
 * `DeleteWhiteSpace`, `Initials`) walk bytes and re-encode each byte as a rune; this reproduces their output.
 */
export function byteChars(s: string): string[] {
  return Array.from(utf8Bytes(s), (b) => String.fromCharCode(b));
}
