/**
 * String helpers that make UTF-16 JS strings behave like Go's UTF-8 byte strings where the difference shows:
 * ordering, byte lengths, whitespace trimming and JSON string encoding. Pure.
 */

/** Go's `a < b` on strings: byte order of the UTF-8 encoding, which is code point order. */
export function lessCodePoints(a: string, b: string): boolean {
  return compareCodePoints(a, b) < 0;
}

/** Three-way compare in code point order (UTF-16 order puts U+E000..U+FFFF after astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates encode code points above U+FFFF: lift them above the rest of the BMP.
    if (x >= 0xd800 && x <= 0xdfff) x += 0x2000;
    else if (x >= 0xe000) x -= 0x800;
    if (y >= 0xd800 && y <= 0xdfff) y += 0x2000;
    else if (y >= 0xe000) y -= 0x800;
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/** Number of bytes the string takes in UTF-8 (a lone surrogate counts as U+FFFD, 3 bytes, as Go would). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2;
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

/** gjson's `trim`: strips bytes <= ' ' from both ends. */
export function trimCtl(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s.charCodeAt(a) <= 32) a++;
  while (b > a && s.charCodeAt(b - 1) <= 32) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

function isGoSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** Go's `strings.TrimSpace` (Unicode White_Space, which differs from JS `trim()` on U+0085 and U+FEFF). */
export function goTrimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isGoSpace(s.charCodeAt(a))) a++;
  while (b > a && isGoSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

const HEX = "0123456789abcdef";

/** `\u00XX`-style escape for a code unit below 0x10000. */
export function hex4(c: number): string {
  return "\\u" + HEX[(c >> 12) & 15] + HEX[(c >> 8) & 15] + HEX[(c >> 4) & 15] + HEX[c & 15];
}

/**
 * gjson's `AppendJSONString` (HTML escaping on): control characters, `"` and `\` escaped, `<`, `>`, `&`,
 * U+2028 and U+2029 written as `\uXXXX`, lone surrogates (invalid UTF-8 in Go) as `\ufffd`.
 */
export function gjsonQuote(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let esc: string;
    if (c < 32) {
      if (c === 8) esc = "\\b";
      else if (c === 12) esc = "\\f";
      else if (c === 10) esc = "\\n";
      else if (c === 13) esc = "\\r";
      else if (c === 9) esc = "\\t";
      else esc = hex4(c);
    } else if (c === 60 || c === 62 || c === 38) esc = hex4(c);
    else if (c === 92) esc = "\\\\";
    else if (c === 34) esc = '\\"';
    else if (c === 0x2028 || c === 0x2029) esc = hex4(c);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        i++;
        continue;
      }
      esc = "\\ufffd";
    } else continue;
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}
