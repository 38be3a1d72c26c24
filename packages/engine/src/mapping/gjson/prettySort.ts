/**
 * pretty's `sortKeys`: reorders the members just written for one object, comparing keys by decoded string
 * and, for equal keys, values by JSON type, then number or string value. Stable, like Go's `sort.Stable`.
 */

import { parseGoFloat } from "./number.ts";
import { compareCodePoints, goTrimSpace, utf8Length } from "./text.ts";

/** Offsets of one member: key in the input, whole `key: value` text in the output. */
export interface Pair {
  kstart: number;
  kend: number;
  vstart: number;
  vend: number;
}

/** The part of the output buffer sorting needs. */
export interface SortBuf {
  parts: string[];
  ulen: number;
  blen: number;
  text(): string;
}

function jtype(v: string): number {
  if (v.length === 0) return 0;
  switch (v.charCodeAt(0)) {
    case 34:
      return 3;
    case 102:
      return 1;
    case 116:
      return 4;
    case 110:
      return 0;
    case 91:
    case 123:
      return 5;
    default:
      return 2;
  }
}

/** Go's JSON decoder turns unpaired surrogate escapes into U+FFFD; JSON.parse keeps them. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** pretty's `parsestr`: the string's content, decoded with encoding/json when it has escapes. */
function parseStr(s: string): string {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) {
      try {
        const v: unknown = JSON.parse(s);
        return typeof v === "string" ? v.replace(LONE_SURROGATE, "\ufffd") : "";
      } catch {
        return "";
      }
    }
    if (c === 34) return s.slice(1, i);
  }
  return "";
}

function less(a: string, b: string): boolean {
  const t1 = jtype(a);
  const t2 = jtype(b);
  if (t1 !== t2) return t1 < t2;
  if (t1 === 3) return compareCodePoints(parseStr(a), parseStr(b)) < 0;
  if (t1 === 2) return parseGoFloat(a) < parseGoFloat(b);
  return compareCodePoints(a, b) < 0;
}

export function sortPairs(json: string, buf: SortBuf, pairs: Pair[]): void {
  const first = pairs[0];
  if (first === undefined) return;
  const whole = buf.text();
  const items = pairs.map((p, idx) => {
    const k = json.slice(p.kstart, p.kend);
    let v = goTrimSpace(whole.slice(p.vstart, p.vend));
    if (v.length >= k.length + 1) v = goTrimSpace(v.slice(k.length + 1));
    return { p, idx, k, v };
  });
  items.sort((x, y) => {
    if (less(x.k, y.k)) return -1;
    if (less(y.k, x.k)) return 1;
    return less(x.v, y.v) ? -1 : less(y.v, x.v) ? 1 : 0;
  });
  if (items.every((it, idx) => it.idx === idx)) return;
  const out = whole.slice(0, first.vstart) + items.map((it) => whole.slice(it.p.vstart, it.p.vend)).join(",\n");
  buf.parts = [out];
  buf.ulen = out.length;
  buf.blen = utf8Length(out);
}
