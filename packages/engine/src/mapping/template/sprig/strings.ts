/**
 * sprig v3.3.0 string functions. Several helpers sprig borrows from goutils (`nospace`, `initials`, `abbrev`,
 * `wrap`) work on UTF-8 bytes rather than runes; those byte-level quirks are reproduced, including the mojibake
 * they produce on non-ASCII input.
 */

import { def, type FuncDef, GoCallError, num, str } from "../funcs.ts";
import { formatValue } from "../format.ts";
import { quote } from "../quote.ts";
import {
  byteChars,
  byteLength,
  goTitle,
  isSpace,
  mapRunes,
  sliceBytes,
  toLowerRune,
  toUpperRune,
  trimCutset,
  trimSpace,
  utf8Decode,
} from "../text.ts";
import { compareStrings, type GoValue, mapSet, newMap, typedSlice } from "../values.ts";
import { strslice, strval } from "./cast.ts";

const outOfRange = (): GoCallError => new GoCallError("runtime error: slice bounds out of range");

/** Go's s[a:b] on bytes, panicking like Go on bad bounds. */
function goSlice(s: string, a: number, b?: number): string {
  const n = byteLength(s);
  const end = b ?? n;
  if (a < 0 || end > n || a > end) throw outOfRange();
  return sliceBytes(s, a, end);
}

function substr(start: number, end: number, s: string): string {
  if (start < 0) return goSlice(s, 0, end);
  if (end < 0 || end > byteLength(s)) return goSlice(s, start);
  return goSlice(s, start, end);
}

function trunc(c: number, s: string): string {
  const n = byteLength(s);
  if (c < 0 && n + c > 0) return sliceBytes(s, n + c);
  if (c >= 0 && n > c) return sliceBytes(s, 0, c);
  return s;
}

/** goutils.AbbreviateFull. */
function abbreviateFull(s: string, offset: number, maxWidth: number): string {
  if (s === "") return "";
  if (maxWidth < 4) return "";
  const n = byteLength(s);
  if (n <= maxWidth) return s;
  let off = Math.min(offset, n);
  if (n - off < maxWidth - 3) off = n - (maxWidth - 3);
  if (off <= 4) return goSlice(s, 0, maxWidth - 3) + "...";
  if (maxWidth < 7) return "";
  if (off + maxWidth - 3 < n) return "..." + abbreviateFull(goSlice(s, off), 0, maxWidth - 3);
  return "..." + goSlice(s, n - (maxWidth - 3));
}

/** goutils.DeleteWhiteSpace: walks bytes, re-encoding every kept byte as a rune. */
function nospace(s: string): string {
  const bytes = byteChars(s);
  const kept = bytes.filter((c) => !isSpace(c.charCodeAt(0)));
  return kept.length === bytes.length ? s : kept.join("");
}

/** goutils.Initials with whitespace delimiters (byte-wise, like nospace). */
function initials(s: string): string {
  let out = "";
  let gap = true;
  for (const c of byteChars(s)) {
    if (isSpace(c.charCodeAt(0))) gap = true;
    else if (gap) {
      out += c;
      gap = false;
    }
  }
  return out;
}

/** goutils.Uncapitalize: lower-cases the first rune of each whitespace-separated word. */
function untitle(s: string): string {
  let next = true;
  let out = "";
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    if (isSpace(r)) {
      next = true;
      out += ch;
    } else if (next) {
      out += String.fromCodePoint(toLowerRune(r));
      next = false;
    } else out += ch;
  }
  return out;
}

/** goutils.WrapCustom over bytes (spaces are ASCII, so cutting at them keeps UTF-8 intact). */
function wrapCustom(
  input: string,
  wrapLength: number,
  { newLine, wrapLongWords }: { newLine: string; wrapLongWords: boolean },
): string {
  if (input === "") return "";
  const nl = newLine === "" ? "\n" : newLine;
  const len = Math.max(wrapLength, 1);
  const b = byteChars(input).join("");
  const nlb = byteChars(nl).join("");
  let offset = 0;
  let out = "";
  while (b.length - offset > len) {
    if (b[offset] === " ") {
      offset++;
      continue;
    }
    const end = len + offset + 1;
    const space = b.slice(offset, end).lastIndexOf(" ");
    if (space >= 0) {
      out += b.slice(offset, offset + space) + nlb;
      offset += space + 1;
    } else if (wrapLongWords) {
      out += b.slice(offset, len + offset) + nlb;
      offset += len;
    } else {
      const idx = b.indexOf(" ", len + offset);
      if (idx < 0) {
        out += b.slice(offset);
        offset = b.length;
      } else {
        out += b.slice(offset, idx) + nlb;
        offset = idx + 1;
      }
    }
  }
  out += b.slice(offset);
  return utf8Decode(Uint8Array.from(out, (c) => c.charCodeAt(0)));
}

/** strings.Replace(s, old, new, -1), inserting around every rune when old is empty. */
function replaceAll(s: string, old: string, repl: string): string {
  if (old !== "") return s.split(old).join(repl);
  return repl + [...s].map((c) => c + repl).join("");
}

/** strings.SplitN; n < 0 means all. An empty separator splits into runes. */
export function splitN(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === "") {
    const rs = [...s];
    if (n < 0 || n >= rs.length) return rs;
    return [...rs.slice(0, n - 1), rs.slice(n - 1).join("")];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

function indexedMap(parts: string[]): GoValue {
  const m = newMap("map[string]string");
  parts.forEach((p, i) => mapSet(m, `_${i}`, p));
  return m;
}

function sortAlpha(list: GoValue): GoValue {
  if (Array.isArray(list)) {
    const items = strslice(list).map(String);
    return typedSlice(items.sort(compareStrings), "[]string");
  }
  return typedSlice([strval(list)], "[]string");
}

function repeat(count: number, s: string, checkSize: (n: number) => void): string {
  if (count < 0) throw new GoCallError("strings: negative Repeat count");
  checkSize(s.length * count);
  return s.repeat(count);
}

export const STRING_FUNCS: Record<string, FuncDef> = {
  hello: def([], () => "Hello!"),
  trim: def(["string"], ([s]) => trimSpace(str(s))),
  trimAll: def(["string", "string"], ([a, b]) => trimCutset(str(b), str(a))),
  trimall: def(["string", "string"], ([a, b]) => trimCutset(str(b), str(a))),
  trimPrefix: def(["string", "string"], ([a, b]) => (str(b).startsWith(str(a)) ? str(b).slice(str(a).length) : str(b))),
  trimSuffix: def(["string", "string"], ([a, b]) =>
    str(a) !== "" && str(b).endsWith(str(a)) ? str(b).slice(0, str(b).length - str(a).length) : str(b),
  ),
  upper: def(["string"], ([s]) => mapRunes(str(s), toUpperRune)),
  lower: def(["string"], ([s]) => mapRunes(str(s), toLowerRune)),
  title: def(["string"], ([s]) => goTitle(str(s))),
  untitle: def(["string"], ([s]) => untitle(str(s))),
  repeat: def(["int", "string"], ([n, s], ctx) => repeat(num(n), str(s), ctx.checkSize)),
  substr: def(["int", "int", "string"], ([a, b, s]) => substr(num(a), num(b), str(s))),
  nospace: def(["string"], ([s]) => nospace(str(s))),
  trunc: def(["int", "string"], ([c, s]) => trunc(num(c), str(s))),
  abbrev: def(["int", "string"], ([w, s]) => (num(w) < 4 ? str(s) : abbreviateFull(str(s), 0, num(w)))),
  abbrevboth: def(["int", "int", "string"], ([l, r, s]) => {
    const left = num(l);
    const right = num(r);
    if (right < 4 || (left > 0 && right < 7)) return str(s);
    return abbreviateFull(str(s), left, right);
  }),
  initials: def(["string"], ([s]) => initials(str(s))),
  wrap: def(["int", "string"], ([l, s]) => wrapCustom(str(s), num(l), { newLine: "", wrapLongWords: false })),
  wrapWith: def(["int", "string", "string"], ([l, sep, s]) =>
    wrapCustom(str(s), num(l), { newLine: str(sep), wrapLongWords: true }),
  ),
  contains: def(["string", "string"], ([sub, s]) => str(s).includes(str(sub))),
  hasPrefix: def(["string", "string"], ([p, s]) => str(s).startsWith(str(p))),
  hasSuffix: def(["string", "string"], ([p, s]) => str(s).endsWith(str(p))),
  quote: def(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map((a) => quote(strval(a)))
        .join(" "),
    "any",
  ),
  squote: def(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map((a) => `'${formatValue(a)}'`)
        .join(" "),
    "any",
  ),
  cat: def(
    [],
    (args) =>
      args
        .filter((a) => a !== null && a !== undefined)
        .map(formatValue)
        .join(" "),
    "any",
  ),
  indent: def(["int", "string"], ([n, s], ctx) => {
    const pad = repeat(num(n), " ", ctx.checkSize);
    return pad + str(s).replaceAll("\n", "\n" + pad);
  }),
  nindent: def(["int", "string"], ([n, s], ctx) => {
    const pad = repeat(num(n), " ", ctx.checkSize);
    return "\n" + pad + str(s).replaceAll("\n", "\n" + pad);
  }),
  replace: def(["string", "string", "string"], ([o, n, s]) => replaceAll(str(s), str(o), str(n))),
  plural: def(["string", "string", "int"], ([one, many, n]) => (num(n) === 1 ? str(one) : str(many))),
  splitList: def(["string", "string"], ([sep, s]) => typedSlice(splitN(str(s), str(sep), -1), "[]string")),
  split: def(["string", "string"], ([sep, s]) => indexedMap(splitN(str(s), str(sep), -1))),
  splitn: def(["string", "int", "string"], ([sep, n, s]) => indexedMap(splitN(str(s), str(sep), num(n)))),
  join: def(["string", "any"], ([sep, v]) => strslice(v).map(String).join(str(sep))),
  sortAlpha: def(["any"], ([v]) => sortAlpha(v)),
  toStrings: def(["any"], ([v]) => strslice(v)),
  toString: def(["any"], ([v]) => strval(v)),
};
