/**
 * gjson's JSON string unescaping, including its lenient handling of broken input. Pure.
 */

function hexVal(s: string, i: number): number {
  let v = 0;
  for (let k = i; k < i + 4; k++) {
    const c = s.charCodeAt(k);
    let d: number;
    if (c >= 48 && c <= 57) d = c - 48;
    else if ((c | 0x20) >= 97 && (c | 0x20) <= 102) d = (c | 0x20) - 87;
    else return 0; // strconv.ParseUint failed: gjson's runeit yields 0
    v = v * 16 + d;
  }
  return v;
}

function runeString(r: number): string {
  if ((r >= 0xd800 && r <= 0xdfff) || r > 0x10ffff) return "\ufffd";
  return String.fromCodePoint(r);
}

/**
 * gjson `unescape`: decodes JSON escapes, stopping (and keeping what it has) at a control character or a bad
 * escape. A high surrogate followed by any `\u` escape consumes it; an invalid pair becomes U+FFFD.
 */
export function unescape(s: string): string {
  let out = "";
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32) return out + s.slice(start, i);
    if (c !== 92) continue;
    out += s.slice(start, i);
    i++;
    if (i >= n) return out;
    switch (s.charCodeAt(i)) {
      case 92:
        out += "\\";
        break;
      case 47:
        out += "/";
        break;
      case 98:
        out += "\b";
        break;
      case 102:
        out += "\f";
        break;
      case 110:
        out += "\n";
        break;
      case 114:
        out += "\r";
        break;
      case 116:
        out += "\t";
        break;
      case 34:
        out += '"';
        break;
      case 117: {
        if (i + 5 > n) return out;
        let r = hexVal(s, i + 1);
        i += 5;
        if (r >= 0xd800 && r < 0xe000 && n - i >= 6 && s.charCodeAt(i) === 92 && s.charCodeAt(i + 1) === 117) {
          const r2 = hexVal(s, i + 2);
          r = r < 0xdc00 && r2 >= 0xdc00 && r2 < 0xe000 ? (((r - 0xd800) << 10) | (r2 - 0xdc00)) + 0x10000 : 0xfffd;
          i += 6;
        }
        out += runeString(r);
        i--;
        break;
      }
      default:
        return out;
    }
    start = i + 1;
  }
  return out + s.slice(start);
}
