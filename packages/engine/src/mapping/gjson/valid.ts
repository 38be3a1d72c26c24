/**
 * gjson `Valid`: strict RFC 8259 check (UTF-8 is not checked, like gjson). Iterative, so deeply nested
 * input cannot overflow the JS stack. Pure.
 */

function isWs(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHex(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 97 && (c | 0x20) <= 102);
}

/** String body from just past the quote; returns the index after the closing quote or -1. */
function validString(s: string, i: number): number {
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32) return -1;
    if (c === 34) return i + 1;
    if (c !== 92) continue;
    i++;
    if (i === n) return -1;
    switch (s.charCodeAt(i)) {
      case 34:
      case 92:
      case 47:
      case 98:
      case 102:
      case 110:
      case 114:
      case 116:
        break;
      case 117:
        for (let k = 0; k < 4; k++) {
          i++;
          if (i >= n || !isHex(s.charCodeAt(i))) return -1;
        }
        break;
      default:
        return -1;
    }
  }
  return -1;
}

function validNumber(s: string, i: number): number {
  const n = s.length;
  if (s.charCodeAt(i) === 45) {
    i++;
    if (i === n || !isDigit(s.charCodeAt(i))) return -1;
  }
  if (s.charCodeAt(i) === 48) i++;
  else while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === n) return i;
  if (s.charCodeAt(i) === 46) {
    i++;
    if (i === n || !isDigit(s.charCodeAt(i))) return -1;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  if (i === n) return i;
  if ((s.charCodeAt(i) | 0x20) === 101) {
    i++;
    if (i === n) return -1;
    if (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45) i++;
    if (i === n || !isDigit(s.charCodeAt(i))) return -1;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
  }
  return i;
}

function validScalar(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c === 34) return validString(s, i + 1);
  if (c === 45 || isDigit(c)) return validNumber(s, i);
  const word = c === 116 ? "true" : c === 102 ? "false" : c === 110 ? "null" : "";
  if (word === "" || !s.startsWith(word, i)) return -1;
  return i + word.length;
}

/** An object key at `i` (a quote) followed by `:`; returns the index after the colon or -1. */
function validKey(s: string, i: number): number {
  i = validString(s, i + 1);
  if (i < 0) return -1;
  while (i < s.length && isWs(s.charCodeAt(i))) i++;
  return i < s.length && s.charCodeAt(i) === 58 ? i + 1 : -1;
}

/** gjson `Valid(json)`. */
export function valid(s: string): boolean {
  const n = s.length;
  const stack: number[] = [];
  let i = 0;
  for (;;) {
    while (i < n && isWs(s.charCodeAt(i))) i++;
    if (i >= n) return false;
    const c = s.charCodeAt(i);
    if (c === 123 || c === 91) {
      i++;
      while (i < n && isWs(s.charCodeAt(i))) i++;
      if (i >= n) return false;
      const d = s.charCodeAt(i);
      if (d === c + 2) {
        i++;
      } else if (c === 91) {
        stack.push(93);
        continue;
      } else if (d === 34) {
        i = validKey(s, i);
        if (i < 0) return false;
        stack.push(125);
        continue;
      } else return false;
    } else {
      i = validScalar(s, i);
      if (i < 0) return false;
    }
    // A value just ended: close containers or move to the next element.
    for (;;) {
      while (i < n && isWs(s.charCodeAt(i))) i++;
      const top = stack[stack.length - 1];
      if (top === undefined) return i === n;
      if (i >= n) return false;
      const d = s.charCodeAt(i);
      if (d === top) {
        stack.pop();
        i++;
        continue;
      }
      if (d !== 44) return false;
      i++;
      if (top === 125) {
        while (i < n && isWs(s.charCodeAt(i))) i++;
        if (i >= n || s.charCodeAt(i) !== 34) return false;
        i = validKey(s, i);
        if (i < 0) return false;
      }
      break;
    }
  }
}
