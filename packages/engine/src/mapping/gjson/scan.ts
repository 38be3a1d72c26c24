/**
 * gjson's lenient lexer: scanners that step over strings, numbers, literals and whole containers without
 * validating. They never throw; on malformed input they stop where gjson stops. Pure.
 *
 * Scanners return the next index and leave their text in the shared `scan` slots, read right after the call.
 */

import { parseGoFloat } from "./number.ts";
import { emptyRes, res, type GjsonType, type Res } from "./types.ts";
import { unescape } from "./unescape.ts";

/** Out-slots of the last scanner call. */
export const scan = { raw: "", esc: false, ok: false };

/** Index of the first `\\` in `json[a:b]`, or -1. Long spans are searched natively. */
function firstBackslash(json: string, a: number, b: number): number {
  if (b - a < 24) {
    for (let k = a; k < b; k++) if (json.charCodeAt(k) === 92) return k;
    return -1;
  }
  const k = json.slice(a, b).indexOf("\\");
  return k < 0 ? -1 : a + k;
}

/**
 * Index of the first `"` at or after `from` that an even run of backslashes precedes (gjson's escape check,
 * counting back while `j > floor`), or -1.
 */
function findQuote(json: string, from: number, floor: number): number {
  for (;;) {
    const q = json.indexOf('"', from);
    if (q < 0) return -1;
    if (json.charCodeAt(q - 1) === 92) {
      let k = 0;
      for (let j = q - 2; j > floor; j--) {
        if (json.charCodeAt(j) !== 92) break;
        k++;
      }
      if (k % 2 === 0) {
        from = q + 1;
        continue;
      }
    }
    return q;
  }
}

/** gjson `parseString`: `i` is just past the opening quote. Sets raw (with quotes), esc, ok. */
export function parseString(json: string, i: number): number {
  const q = json.indexOf('"', i);
  const b = firstBackslash(json, i, q < 0 ? json.length : q);
  const end = b < 0 ? q : findQuote(json, b + 1, 0);
  scan.esc = b >= 0 && end >= 0;
  scan.ok = end >= 0;
  if (end < 0) {
    scan.raw = json.slice(i - 1);
    return json.length;
  }
  scan.raw = json.slice(i - 1, end + 1);
  return end + 1;
}

/** Skips a string body from `i` (just past the opening quote); returns the index of the closing quote or n. */
function skipStringBody(json: string, i: number): number {
  const q = findQuote(json, i, i - 1);
  return q < 0 ? json.length : q;
}

/** gjson `parseSquash`: `json[i]` opens a container; sets raw to the balanced text (or the rest of input). */
export function parseSquash(json: string, i: number): number {
  const s = i;
  const n = json.length;
  let depth = 1;
  for (i++; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 34) {
      i = skipStringBody(json, i + 1);
    } else if (c === 123 || c === 91 || c === 40) {
      depth++;
    } else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth === 0) {
        scan.raw = json.slice(s, i + 1);
        return i + 1;
      }
    }
  }
  scan.raw = json.slice(s);
  return i;
}

/** gjson `squash`: the balanced value at the start of `json` (a container, a `(...)` group or a string). */
export function squash(json: string): string {
  let i = 0;
  let depth = 0;
  if (json.charCodeAt(0) !== 34) {
    i = 1;
    depth = 1;
  }
  const n = json.length;
  for (; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 34) {
      i = skipStringBody(json, i + 1);
      if (depth === 0) return i >= n ? json : json.slice(0, i + 1);
    } else if (c === 123 || c === 91 || c === 40) {
      depth++;
    } else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth === 0) return json.slice(0, i + 1);
    }
  }
  return json;
}

/** gjson `parseNumber`: number text from `i` up to whitespace, `,`, `]` or `}`. Sets raw. */
export function parseNumber(json: string, i: number): number {
  const s = i;
  const n = json.length;
  for (i++; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c <= 32 || c === 44 || c === 93 || c === 125) {
      scan.raw = json.slice(s, i);
      return i;
    }
  }
  scan.raw = json.slice(s);
  return i;
}

/** gjson `parseLiteral`: a run of lowercase letters from `i`. Sets raw. */
export function parseLiteral(json: string, i: number): number {
  const s = i;
  const n = json.length;
  for (i++; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c < 97 || c > 122) {
      scan.raw = json.slice(s, i);
      return i;
    }
  }
  scan.raw = json.slice(s);
  return i;
}

/** gjson `tonum` on `json[i:]`: like parseNumber, but `:` does not end it either. Returns the end. */
export function tonumEnd(json: string, i: number): number {
  const n = json.length;
  for (let k = i + 1; k < n; k++) {
    const c = json.charCodeAt(k);
    if (c <= 45) {
      if (c <= 32 || c === 44) return k;
    } else if (c === 93 || c === 125) return k;
  }
  return n;
}

/** gjson `tolit` on `json[i:]`. Returns the end. */
export function tolitEnd(json: string, i: number): number {
  const n = json.length;
  for (let k = i + 1; k < n; k++) {
    const c = json.charCodeAt(k);
    if (c < 97 || c > 122) return k;
  }
  return n;
}

/** gjson `tostr` on `json[i:]` (`json[i]` is the quote). Sets raw and returns the unescaped string. */
export function tostr(json: string, i: number): string {
  const q = json.indexOf('"', i + 1);
  const b = firstBackslash(json, i + 1, q < 0 ? json.length : q);
  if (b < 0) {
    scan.raw = q < 0 ? json.slice(i) : json.slice(i, q + 1);
    return q < 0 ? json.slice(i + 1) : json.slice(i + 1, q);
  }
  const end = findQuote(json, b + 1, i);
  scan.raw = end < 0 ? json.slice(i) : json.slice(i, end + 1);
  return unescape(json.slice(i + 1, end < 0 ? json.length : end));
}

/**
 * The value the last scanner call read, at offset `at`, as a result: strings decoded (using `scan.esc`),
 * numbers parsed.
 */
export function fromScan(type: GjsonType, at: number): Res {
  const raw = scan.raw;
  const r = res(type, raw, at);
  if (type === "String") r.str = scan.esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1);
  else if (type === "Number") r.num = parseGoFloat(raw);
  return r;
}

/** Out-slot of {@link parseAny}. */
export const any = { res: emptyRes(), ok: false };

/** gjson `parseAny` (with hit): the next value from `i`, skipping anything that cannot start one. */
export function parseAny(json: string, i: number): number {
  const n = json.length;
  for (; i < n; i++) {
    const c = json.charCodeAt(i);
    if (c === 123 || c === 91) {
      const s = i;
      i = parseSquash(json, i);
      any.res = res("JSON", scan.raw, s);
      any.res.index = s;
      any.ok = true;
      return i;
    }
    if (c <= 32) continue;
    let num = false;
    if (c === 34) {
      const s = i;
      i = parseString(json, i + 1);
      if (!scan.ok) {
        any.res = emptyRes();
        any.ok = false;
        return i;
      }
      const raw = scan.raw;
      const str = scan.esc ? unescape(raw.slice(1, -1)) : raw.slice(1, -1);
      any.res = res("String", raw, s);
      any.res.str = str;
      any.ok = true;
      return i;
    }
    if (c === 110 && i + 1 < n && json.charCodeAt(i + 1) !== 117) num = true;
    else if (c === 110 || c === 116 || c === 102) {
      const s = i;
      i = parseLiteral(json, i);
      const type = c === 116 ? "True" : c === 102 ? "False" : "Null";
      any.res = res(type, scan.raw, s);
      any.ok = true;
      return i;
    } else if (isNumStart(c)) num = true;
    if (num) {
      const s = i;
      i = parseNumber(json, i);
      any.res = res("Number", scan.raw, s);
      any.res.num = parseGoFloat(scan.raw);
      any.ok = true;
      return i;
    }
  }
  any.res = emptyRes();
  any.ok = false;
  return i;
}

/** Characters gjson treats as the start of a number: `+ - 0-9 i I N`. */
export function isNumStart(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 45 || c === 43 || c === 105 || c === 73 || c === 78;
}
