/**
 * sprig v3.3.0 regular-expression functions with Go RE2 semantics (re2js, not JavaScript RegExp), and Go's
 * iteration rules: an empty match right after a previous match is skipped, `$1`/`${name}` expansion follows
 * regexp.Expand (`$1x` names group "1x"), and Split drops the empty leading piece of a zero-width first match.
 */

import { RE2JS } from "re2js";

import { def, type FuncDef, GoCallError, num, str } from "../funcs.ts";
import { isDigit, isLetter } from "../text.ts";
import { nilSlice, typedSlice } from "../values.ts";

const cache = new Map<string, RE2JS | Error>();

function compile(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (re === undefined) {
    try {
      re = RE2JS.compile(pattern);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      re = new GoCallError(message);
      // Go accepts repeated group names (the first one wins in expansions); re2js does not.
      if (message.includes("duplicate capture group name")) {
        try {
          re = RE2JS.compile(renameDuplicateGroups(pattern));
        } catch {
          // keep the original error
        }
      }
    }
    if (cache.size > 500) cache.clear();
    cache.set(pattern, re);
  }
  if (re instanceof Error) throw re;
  return re;
}

/** Renames the second and later `(?P<n>` / `(?<n>` groups of the same name so re2js accepts the pattern. */
function renameDuplicateGroups(pattern: string): string {
  const seen = new Set<string>();
  let out = "";
  let inClass = false;
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i];
    if (c === "\\") {
      if (pattern[i + 1] === "Q") {
        const end = pattern.indexOf("\\E", i + 2);
        const stop = end < 0 ? pattern.length : end + 2;
        out += pattern.slice(i, stop);
        i = stop;
      } else {
        out += pattern.slice(i, i + 2);
        i += 2;
      }
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      let j = i + 1;
      if (pattern[j] === "^") j++;
      if (pattern[j] === "]") j++;
      out += pattern.slice(i, j);
      i = j;
      continue;
    }
    const m = /^\(\?P?<([A-Za-z0-9_]+)>/.exec(pattern.slice(i));
    if (m) {
      const name = m[1] ?? "";
      let unique = name;
      for (let k = 1; seen.has(unique); k++) unique = `${name}_${k}`;
      seen.add(unique);
      out += m[0].replace(`<${name}>`, `<${unique}>`);
      i += m[0].length;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Match positions: [start, end] of the match, then of each group (-1 when unset). */
type Match = number[];

function execAt(re: RE2JS, s: string, pos: number): Match | undefined {
  const m = re.matcher(s);
  if (!m.find(pos)) return undefined;
  const out: number[] = [];
  for (let g = 0; g <= m.groupCount(); g++) out.push(m.start(g), m.end(g));
  return out;
}

const runeWidth = (s: string, i: number): number => ((s.codePointAt(i) ?? 0) > 0xffff ? 2 : 1);

/** regexp's allMatches: up to n matches (n < 0: all). */
function allMatches(re: RE2JS, s: string, n: number): Match[] {
  const limit = n < 0 ? s.length + 1 : n;
  const out: Match[] = [];
  let pos = 0;
  let prevEnd = -1;
  while (out.length < limit && pos <= s.length) {
    const m = execAt(re, s, pos);
    if (!m) break;
    const [start = 0, end = 0] = m;
    let accept = true;
    if (end === pos) {
      if (start === prevEnd) accept = false;
      pos += pos < s.length ? runeWidth(s, pos) : 1;
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

function findAll(pattern: string, s: string, n: number): string[] | undefined {
  const re = compile(pattern);
  if (n === 0) return undefined;
  const ms = allMatches(re, s, n);
  if (ms.length === 0) return undefined;
  return ms.map(([a = 0, b = 0]) => s.slice(a, b));
}

/** regexp.Expand over one match. */
function expand(re: RE2JS, template: string, { s, m }: { s: string; m: Match }): string {
  const names = re.namedGroups();
  let out = "";
  let t = template;
  for (;;) {
    const i = t.indexOf("$");
    if (i < 0) break;
    out += t.slice(0, i);
    t = t.slice(i + 1);
    if (t.startsWith("$")) {
      out += "$";
      t = t.slice(1);
      continue;
    }
    const brace = t.startsWith("{");
    let j = brace ? 1 : 0;
    while (j < t.length) {
      const r = t.codePointAt(j) ?? 0;
      if (!(isLetter(r) || isDigit(r) || r === 0x5f)) break;
      j += r > 0xffff ? 2 : 1;
    }
    const name = t.slice(brace ? 1 : 0, j);
    if (name === "" || (brace && t[j] !== "}")) {
      out += "$";
      continue;
    }
    t = t.slice(brace ? j + 1 : j);
    let group = -1;
    if (/^\d+$/.test(name) && !(name.length > 1 && name.startsWith("0")) && name.length < 9) group = Number(name);
    else if (!/^\d+$/.test(name)) group = names[name] ?? -1;
    const a = m[2 * group];
    const b = m[2 * group + 1];
    if (group >= 0 && a !== undefined && b !== undefined && a >= 0) out += s.slice(a, b);
  }
  return out + t;
}

function replaceAll(pattern: string, s: string, repl: (m: Match) => string): string {
  const re = compile(pattern);
  let out = "";
  let lastEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    const m = execAt(re, s, searchPos);
    if (!m) break;
    const [start = 0, end = 0] = m;
    out += s.slice(lastEnd, start);
    if (end > lastEnd || start === 0) out += repl(m);
    lastEnd = end;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 0;
    if (searchPos + width > end) searchPos += width;
    else if (searchPos + 1 > end) searchPos++;
    else searchPos = end;
  }
  return out + s.slice(lastEnd);
}

function split(pattern: string, s: string, n: number): string[] | undefined {
  const re = compile(pattern);
  if (n === 0) return undefined;
  if (pattern.length > 0 && s.length === 0) return [""];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const [a = 0, b = 0] of allMatches(re, s, n)) {
    if (n > 0 && out.length >= n - 1) break;
    end = a;
    if (b !== 0) out.push(s.slice(beg, end));
    beg = b;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

const strings = (xs: string[] | undefined): ReturnType<typeof typedSlice> =>
  xs === undefined ? nilSlice("[]string") : typedSlice(xs, "[]string");

function matchOrFalse(pattern: string, s: string): boolean {
  try {
    return compile(pattern).matcher(s).find(0);
  } catch (e) {
    if (e instanceof GoCallError) return false;
    throw e;
  }
}

const findAllFn = def(["string", "string", "int"], ([r, s, n]) => strings(findAll(str(r), str(s), num(n))));
const findFn = def(["string", "string"], ([r, s]) => {
  const m = execAt(compile(str(r)), str(s), 0);
  return m ? str(s).slice(m[0], m[1]) : "";
});
const replaceFn = def(["string", "string", "string"], ([r, s, t]) =>
  replaceAll(str(r), str(s), (m) => expand(compile(str(r)), str(t), { s: str(s), m })),
);
const replaceLiteralFn = def(["string", "string", "string"], ([r, s, t]) => replaceAll(str(r), str(s), () => str(t)));
const splitFn = def(["string", "string", "int"], ([r, s, n]) => strings(split(str(r), str(s), num(n))));

export const REGEX_FUNCS: Record<string, FuncDef> = {
  regexMatch: def(["string", "string"], ([r, s]) => matchOrFalse(str(r), str(s))),
  mustRegexMatch: def(["string", "string"], ([r, s]) => compile(str(r)).matcher(str(s)).find(0)),
  regexFindAll: findAllFn,
  mustRegexFindAll: findAllFn,
  regexFind: findFn,
  mustRegexFind: findFn,
  regexReplaceAll: replaceFn,
  mustRegexReplaceAll: replaceFn,
  regexReplaceAllLiteral: replaceLiteralFn,
  mustRegexReplaceAllLiteral: replaceLiteralFn,
  regexSplit: splitFn,
  mustRegexSplit: splitFn,
  regexQuoteMeta: def(["string"], ([s]) => str(s).replace(/[\\.+*?()|[\]{}^$]/g, "\\$&")),
};
