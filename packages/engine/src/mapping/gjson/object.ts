/**
 * gjson `parseObject`: walks an object from just past its `{`, matching one key component of the path and
 * descending into the value. Scans, never builds a tree; tolerant of malformed input exactly as gjson is.
 */

import { parseArray } from "./array.ts";
import { walk, type Ctx } from "./context.ts";
import { matchLimit } from "./match.ts";
import { parseObjectPath } from "./paths.ts";
import { fromScan, isNumStart, parseLiteral, parseNumber, parseSquash, parseString, scan } from "./scan.ts";
import { unescape } from "./unescape.ts";

/** Returns the index after the walk; `walk.hit` tells whether `c.value` was set. */
export function parseObject(c: Ctx, i: number, path: string): number {
  const json = c.json;
  const n = json.length;
  const rp = parseObjectPath(path);
  if (!rp.more && rp.piped) {
    c.pipe = rp.pipe;
    c.piped = true;
  }
  let ok = false;
  let key = "";
  let kesc = false;
  while (i < n) {
    for (; i < n; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 34) {
        i = parseString(json, i + 1);
        key = scan.raw.slice(1, scan.ok ? -1 : undefined);
        kesc = scan.esc;
        ok = scan.ok;
        break;
      }
      if (ch === 125) {
        walk.hit = false;
        return i + 1;
      }
    }
    if (!ok) {
      walk.hit = false;
      return i;
    }
    const k = kesc ? unescape(key) : key;
    const pmatch = rp.wild ? matchLimit(k, rp.part) : rp.part === k;
    let hit = pmatch && !rp.more;
    for (; i < n; i++) {
      const ch = json.charCodeAt(i);
      let num = false;
      if (ch === 34) {
        const s = i;
        i = parseString(json, i + 1);
        if (!scan.ok) {
          walk.hit = false;
          return i;
        }
        ok = true;
        if (hit) {
          c.value = fromScan("String", s);
          walk.hit = true;
          return i;
        }
      } else if (ch === 123 || ch === 91) {
        if (pmatch && !hit) {
          i = ch === 123 ? parseObject(c, i + 1, rp.path) : parseArray(c, i + 1, rp.path);
          hit = walk.hit;
          if (hit) return i;
        } else {
          const s = i;
          i = parseSquash(json, i);
          if (hit) {
            c.value = fromScan("JSON", s);
            walk.hit = true;
            return i;
          }
        }
      } else if (ch === 110 && i + 1 < n && json.charCodeAt(i + 1) !== 117) {
        num = true;
      } else if (ch === 110 || ch === 116 || ch === 102) {
        const s = i;
        i = parseLiteral(json, i);
        if (hit) {
          c.value = fromScan(ch === 116 ? "True" : ch === 102 ? "False" : "Null", s);
          walk.hit = true;
          return i;
        }
      } else if (isNumStart(ch)) {
        num = true;
      } else {
        continue;
      }
      if (num) {
        const s = i;
        i = parseNumber(json, i);
        if (hit) {
          c.value = fromScan("Number", s);
          walk.hit = true;
          return i;
        }
      }
      break;
    }
  }
  walk.hit = false;
  return i;
}
