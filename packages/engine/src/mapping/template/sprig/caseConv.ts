/**
 * Case conversions sprig takes from huandu/xstrings v1.5.0 (`snakecase`, `kebabcase`, `camelcase` =
 * ToPascalCase, `shuffle`) and goutils (`swapcase`). The word-splitting rules are reproduced rune for rune,
 * including their quirks ("HTTPStatus" → "http_status", "Bld4Floor" → "bld4_floor").
 */

import { def, type FuncDef, str } from "../funcs.ts";
import {
  isLetter,
  isLower,
  isNumber,
  isPunct,
  isSpace,
  isTitle,
  isUpper,
  toLowerRune,
  toTitleRune,
  toUpperRune,
} from "../text.ts";

type WordType = "invalid" | "number" | "upper" | "alphabet" | "connector" | "punct" | "other";

const isConnector = (r: number): boolean => r === 0x2d || r === 0x5f || isSpace(r);

/** xstrings' isAlphabet: a letter that is not a CJK ideograph. */
function isAlphabet(r: number): boolean {
  if (!isLetter(r)) return false;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

const RUNE_ERROR = 0xfffd;

/** Splits the next word off `rs` starting at `start`; returns its type and end index. */
function nextWord(rs: readonly number[], start: number): { wt: WordType; end: number } {
  if (start >= rs.length) return { wt: "invalid", end: start };
  // Go skips RuneError runes when classifying (xstrings' nextValidRune).
  const nextValid = (i: number, prev: number): [number, number] => {
    let size = 0;
    for (let j = i; j < rs.length; j++) {
      size++;
      const r = rs[j] ?? RUNE_ERROR;
      if (r !== RUNE_ERROR) return [r, size];
    }
    return [prev, size];
  };
  let offset = start;
  let [r, size] = nextValid(offset, RUNE_ERROR);
  offset += size;
  if (r === RUNE_ERROR) return { wt: "invalid", end: offset };
  const run = (pred: (x: number) => boolean): void => {
    while (offset < rs.length) {
      [r, size] = nextValid(offset, r);
      if (!pred(r)) break;
      offset += size;
    }
  };
  if (isConnector(r)) {
    run(isConnector);
    return { wt: "connector", end: offset };
  }
  if (isPunct(r)) {
    run(isPunct);
    return { wt: "punct", end: offset };
  }
  if (isUpper(r)) {
    if (offset >= rs.length) return { wt: "upper", end: offset };
    [r, size] = nextValid(offset, r);
    if (isUpper(r)) {
      let prevSize = size;
      offset += size;
      while (offset < rs.length) {
        [r, size] = nextValid(offset, r);
        if (!isUpper(r)) break;
        prevSize = size;
        offset += size;
      }
      // "HTTPStatus" splits as "HTTP" + "Status".
      if (offset < rs.length && isAlphabet(r)) offset -= prevSize;
    } else if (isAlphabet(r)) {
      offset += size;
      run((x) => isAlphabet(x) && !isUpper(x));
    }
    return { wt: "upper", end: offset };
  }
  if (isAlphabet(r)) {
    run((x) => isAlphabet(x) && !isUpper(x));
    return { wt: "alphabet", end: offset };
  }
  if (isNumber(r)) {
    run(isNumber);
    return { wt: "number", end: offset };
  }
  run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return { wt: "other", end: offset };
}

function camelCaseToLowerCase(s: string, connector: string): string {
  if (s === "") return "";
  const rs = Array.from(s, (c) => c.codePointAt(0) ?? 0);
  let out = "";
  const lower = (wt: WordType, a: number, b: number): void => {
    const word = rs.slice(a, b);
    if (wt !== "upper" && wt !== "connector") {
      out += String.fromCodePoint(...word);
      return;
    }
    for (const r of word) out += isConnector(r) ? connector : String.fromCodePoint(isUpper(r) ? toLowerRune(r) : r);
  };
  let pos = 0;
  let start = 0;
  const advance = (): WordType => {
    start = pos;
    const w = nextWord(rs, pos);
    pos = w.end;
    return w.wt;
  };
  let wt: WordType = advance();
  while (pos < rs.length) {
    if (wt !== "connector") lower(wt, start, pos);
    const prev = wt;
    const [lastStart, lastEnd] = [start, pos];
    wt = advance();
    if (prev === "number") {
      while (wt === "alphabet" || wt === "number") {
        lower(wt, start, pos);
        wt = advance();
      }
      if (wt !== "invalid" && wt !== "punct" && wt !== "connector") out += connector;
    } else if (prev === "connector") {
      lower(prev, lastStart, lastEnd);
    } else if (prev !== "punct") {
      if (wt !== "number") {
        if (wt !== "connector" && wt !== "punct") out += connector;
        continue;
      }
      if (pos >= rs.length) continue;
      const [numStart, numEnd] = [start, pos];
      wt = advance();
      if (wt !== "alphabet") {
        lower("number", numStart, numEnd);
        if (wt !== "connector" && wt !== "punct") out += connector;
        continue;
      }
      // "HTTP2xx" splits as "HTTP" + "2xx".
      out += connector;
      lower("number", numStart, numEnd);
      while (wt === "alphabet" || wt === "number") {
        lower(wt, start, pos);
        wt = advance();
      }
      if (wt !== "invalid" && wt !== "connector" && wt !== "punct") out += connector;
    }
  }
  lower(wt, start, pos);
  return out;
}

/** xstrings.ToPascalCase. */
function toPascalCase(s: string): string {
  if (s === "") return "";
  const rs = Array.from(s, (c) => c.codePointAt(0) ?? 0);
  let out = "";
  let i = 0;
  let r0 = 0;
  let firstUpper = false;
  let consumed = false;
  while (i < rs.length) {
    r0 = rs[i++] ?? 0;
    consumed = true;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out += String.fromCodePoint(r0);
  }
  if (i >= rs.length) return consumed ? out + String.fromCodePoint(r0) : out;
  while (i < rs.length) {
    const r1 = r0;
    r0 = rs[i++] ?? 0;
    if (isConnector(r0) && isConnector(r1)) {
      out += String.fromCodePoint(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else firstUpper = false;
      }
      out += String.fromCodePoint(r1);
    }
  }
  return out + String.fromCodePoint(r0);
}

/** goutils.SwapCase: word-aware; a lower-case letter that starts a word becomes title case. */
function swapCase(s: string): string {
  let ws = true;
  let out = "";
  for (const c of s) {
    const r = c.codePointAt(0) ?? 0;
    let m = r;
    if (isUpper(r) || isTitle(r)) {
      m = toLowerRune(r);
      ws = false;
    } else if (isLower(r)) {
      m = ws ? toTitleRune(r) : toUpperRune(r);
      ws = false;
    } else ws = isSpace(r);
    out += String.fromCodePoint(m);
  }
  return out;
}

/** xstrings.Shuffle: a random permutation of the runes. */
function shuffle(s: string): string {
  const rs = [...s];
  for (let i = rs.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rs[i], rs[j]] = [rs[j] ?? "", rs[i] ?? ""];
  }
  return rs.join("");
}

export const CASE_FUNCS: Record<string, FuncDef> = {
  snakecase: def(["string"], ([s]) => camelCaseToLowerCase(str(s), "_")),
  kebabcase: def(["string"], ([s]) => camelCaseToLowerCase(str(s), "-")),
  camelcase: def(["string"], ([s]) => toPascalCase(str(s))),
  swapcase: def(["string"], ([s]) => swapCase(str(s))),
  shuffle: def(["string"], ([s]) => shuffle(str(s))),
};
