/**
 * gjson `parseArray`: walks an array (or a JSON Lines stream) from just past its `[`, handling an index,
 * `#` (count), `#.key` (map over elements) and `#(...)`/`#(...)#` queries. The end of input counts as `]`,
 * as in gjson, so truncated arrays still answer.
 */

import { walk, type Ctx } from "./context.ts";
import { resGet } from "./get.ts";
import { parseIndex } from "./number.ts";
import { parseObject } from "./object.ts";
import { parseArrayPath, splitPossiblePipe, type ArrayPath } from "./paths.ts";
import { queryMatches } from "./query.ts";
import { toString } from "./result.ts";
import {
  any,
  fromScan,
  isNumStart,
  parseAny,
  parseLiteral,
  parseNumber,
  parseSquash,
  parseString,
  scan,
} from "./scan.ts";
import { exists, type Res } from "./types.ts";

/** Builds the `#.key` result from the element start positions collected while walking. */
function mapElements(c: Ctx, rp: ArrayPath, alog: number[]): void {
  const sp = splitPossiblePipe(rp.alogkey);
  if (sp !== null) {
    rp.alogkey = sp[0];
    c.pipe = sp[1];
    c.piped = true;
  }
  const json = c.json;
  const n = json.length;
  const indexes: number[] = [];
  let out = "[";
  let k = 0;
  for (const start of alog) {
    let idx = start;
    while (idx < n) {
      const ch = json.charCodeAt(idx);
      if (ch === 32 || ch === 9 || ch === 13 || ch === 10) idx++;
      else break;
    }
    if (idx >= n || json.charCodeAt(idx) === 93) continue;
    parseAny(json, idx);
    if (!any.ok) continue;
    const r = resGet(any.res, rp.alogkey);
    if (!exists(r)) continue;
    if (k > 0) out += ",";
    out += r.raw.length === 0 ? toString(r) : r.raw;
    indexes.push(r.index);
    k++;
  }
  c.value = { type: "JSON", raw: out + "]", str: "", num: 0, index: 0, indexes, at: -1 };
}

/** Returns the index after the walk; `walk.hit` tells whether `c.value` was set by a hit. */
export function parseArray(c: Ctx, i: number, path: string): number {
  const json = c.json;
  const n = json.length;
  const rp = parseArrayPath(path);
  const partidx = rp.arrch ? 0 : parseIndex(rp.part);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let pmatch = false;
  let hit = false;
  let h = 0;
  const alog: number[] = [];
  let multires = "";
  let queryIndexes: number[] | null = null;

  const procQuery = (qval: Res): boolean => {
    if (rp.query.all && multires.length === 0) multires = "[";
    const parentIndex = qval.at >= 0 && qval.at < n ? qval.at : 0;
    let r: Res;
    if (qval.type === "JSON") r = resGet(qval, rp.query.path);
    else {
      if (rp.query.path !== "") return false;
      r = qval;
    }
    if (!queryMatches(rp, r)) return false;
    if (rp.more) {
      const sp = splitPossiblePipe(rp.path);
      if (sp !== null) {
        rp.path = sp[0];
        c.pipe = sp[1];
        c.piped = true;
      }
      r = resGet(qval, rp.path);
    } else r = qval;
    if (!rp.query.all) {
      c.value = r;
      return true;
    }
    const raw = r.raw.length === 0 ? toString(r) : r.raw;
    if (raw !== "") {
      if (multires.length > 1) multires += ",";
      multires += raw;
      (queryIndexes ??= []).push(r.index + parentIndex);
    }
    return false;
  };

  while (i < n + 1) {
    if (!rp.arrch) {
      pmatch = partidx === h;
      hit = pmatch && !rp.more;
    }
    h++;
    if (rp.alogok) alog.push(i);
    for (; i <= n; i++) {
      const ch = i === n ? 93 : json.charCodeAt(i);
      let num = false;
      if (ch === 34) {
        const s = i;
        i = parseString(json, i + 1);
        if (!scan.ok) {
          walk.hit = false;
          return i;
        }
        if (rp.query.on || hit) {
          const v = fromScan("String", s);
          if (rp.query.on) {
            if (procQuery(v)) return found(i);
          } else {
            c.value = v;
            return found(i);
          }
        }
      } else if (ch === 123 || ch === 91) {
        if (pmatch && !hit) {
          i = ch === 123 ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          hit = walk.hit;
          if (hit) return found(i);
        } else {
          const s = i;
          i = parseSquash(json, i);
          if (rp.query.on) {
            if (procQuery(fromScan("JSON", s))) return found(i);
          } else if (hit) {
            c.value = fromScan("JSON", s);
            return found(i);
          }
        }
      } else if (ch === 110 && i + 1 < n && json.charCodeAt(i + 1) !== 117) {
        num = true;
      } else if (ch === 110 || ch === 116 || ch === 102) {
        const s = i;
        i = parseLiteral(json, i);
        const type = ch === 116 ? "True" : ch === 102 ? "False" : "Null";
        if (rp.query.on) {
          if (procQuery(fromScan(type, s))) return found(i);
        } else if (hit) {
          c.value = fromScan(type, s);
          return found(i);
        }
      } else if (isNumStart(ch)) {
        num = true;
      } else if (ch === 93) {
        if (rp.arrch && rp.part === "#") {
          if (rp.alogok) mapElements(c, rp, alog);
          else {
            c.value = { type: "Number", raw: String(h - 1), str: "", num: h - 1, index: 0, indexes: null, at: -1 };
            c.calcd = true;
          }
          return found(i + 1);
        }
        if (!exists(c.value)) {
          if (multires.length > 0) {
            c.value = { type: "JSON", raw: multires + "]", str: "", num: 0, index: 0, indexes: queryIndexes, at: -1 };
          } else if (rp.query.all) {
            c.value = { type: "JSON", raw: "[]", str: "", num: 0, index: 0, indexes: null, at: -1 };
          }
        }
        walk.hit = false;
        return i + 1;
      } else {
        continue;
      }
      if (num) {
        const s = i;
        i = parseNumber(json, i);
        if (rp.query.on) {
          if (procQuery(fromScan("Number", s))) return found(i);
        } else if (hit) {
          c.value = fromScan("Number", s);
          return found(i);
        }
      }
      break;
    }
    if (i > n) break;
  }
  walk.hit = false;
  return i;
}

function found(i: number): number {
  walk.hit = true;
  return i;
}
