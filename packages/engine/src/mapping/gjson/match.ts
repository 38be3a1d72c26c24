/**
 * The wildcard matcher gjson uses for `*`/`?` keys and the `%` query operator (tidwall/match semantics):
 * `*` matches any run, `?` one character (a Unicode code point), `\` escapes. Work is capped at 10000 steps
 * per UTF-8 byte of the subject, after which the match fails, as gjson's `matchLimit` does. Pure.
 */

import { utf8Length } from "./text.ts";

const NO_MATCH = 0;
const MATCH = 1;
const STOP = 2;

/** Per-call state: subject, pattern, the step counter and the lazily computed byte length of the subject. */
interface Budget {
  str: string;
  pat: string;
  count: number;
  bytes: number;
}

/** A window `[si, se)` of the subject and `[pi, pe)` of the pattern; nothing is copied while backtracking. */
interface Span {
  si: number;
  se: number;
  pi: number;
  pe: number;
}

function cpLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
    const d = s.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}

function cpLenBack(s: string, end: number): number {
  const c = s.charCodeAt(end - 1);
  if (c >= 0xdc00 && c <= 0xdfff && end >= 2) {
    const h = s.charCodeAt(end - 2);
    if (h >= 0xd800 && h <= 0xdbff) return 2;
  }
  return 1;
}

function overBudget(b: Budget): boolean {
  // UTF-8 length >= UTF-16 length, so the cheap bound is checked first.
  if (b.count <= b.str.length * 10000) return false;
  if (b.bytes < 0) b.bytes = utf8Length(b.str);
  return b.count > b.bytes * 10000;
}

/** Match the subject window against the pattern window (tidwall/match `match`). */
function run(b: Budget, span: Span): number {
  if (overBudget(b)) return STOP;
  b.count++;
  const { str, pat } = b;
  let { si, se, pi, pe } = span;
  while (pi < pe) {
    let wild = false;
    let ps = cpLen(pat, pi);
    let pc = pat.codePointAt(pi) ?? 0;
    const ss = si < se ? cpLen(str, si) : 0;
    const sc = si < se ? (str.codePointAt(si) ?? 0) : 0;
    if (pc === 63) {
      if (ss === 0) return NO_MATCH;
    } else if (pc === 42) {
      while (pe - pi > 1 && pat.charCodeAt(pi + 1) === 42) pi++;
      if (pe - pi === 1) return MATCH;
      // Match and trim the literal suffix after the last star.
      let ok = true;
      while (se > si && pe - pi > 1) {
        let pcs = cpLenBack(pat, pe);
        const lpc = pat.codePointAt(pe - pcs) ?? 0;
        let esc = false;
        for (let k = 0; ; k++) {
          if (pat.charCodeAt(pe - pcs - k - 1) !== 92) {
            if ((k & 1) === 1) {
              esc = true;
              pcs++;
            }
            break;
          }
        }
        if (lpc === 42 && !esc) break;
        const scs = cpLenBack(str, se);
        const lsc = str.codePointAt(se - scs) ?? 0;
        if (!((lpc === 63 && !esc) || lpc === lsc)) {
          ok = false;
          break;
        }
        se -= scs;
        pe -= pcs;
      }
      if (!ok) return NO_MATCH;
      if (pe - pi === 1) return MATCH;
      const r = run(b, { si, se, pi: pi + 1, pe });
      if (r !== NO_MATCH) return r;
      if (si >= se) return NO_MATCH;
      wild = true;
    } else {
      if (ss === 0) return NO_MATCH;
      if (pc === 92) {
        pi += ps;
        if (pi >= pe) return NO_MATCH;
        ps = cpLen(pat, pi);
        pc = pat.codePointAt(pi) ?? 0;
      }
      if (sc !== pc) return NO_MATCH;
    }
    si += ss;
    if (!wild) pi += ps;
  }
  return si >= se ? MATCH : NO_MATCH;
}

/** gjson's `matchLimit(str, pattern)` (tidwall/match `MatchLimit` with a 10000 complexity factor). */
export function matchLimit(str: string, pattern: string): boolean {
  if (pattern === "*") return true;
  const b: Budget = { str, pat: pattern, count: 0, bytes: -1 };
  return run(b, { si: 0, se: str.length, pi: 0, pe: pattern.length }) === MATCH;
}
