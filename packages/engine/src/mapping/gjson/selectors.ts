/**
 * Multipaths: `[p1,p2]` builds an array and `{p1,"name":p2}` an object from several lookups on the same
 * document. Members that do not exist are left out; unnamed object members are named after the last
 * component of their path. Pure.
 */

import { get, resGet } from "./get.ts";
import { toString } from "./result.ts";
import { gjsonQuote } from "./text.ts";
import { exists, type Res } from "./types.ts";
import { valid } from "./valid.ts";

/** One selector of a multipath: an optional output name and its path. */
export interface SubSelector {
  name: string;
  path: string;
}

/** gjson `parseSubSelectors` for `[p1,p2]` or `{"k":p1,p2}`. `rest` is the path after the closing bracket. */
export function parseSubSelectors(path: string): { sels: SubSelector[]; rest: string } | null {
  const sels: SubSelector[] = [];
  let modifier = 0;
  let depth = 1;
  let colon = 0;
  let start = 1;
  const n = path.length;
  const push = (i: number): void => {
    if (colon === 0) sels.push({ name: "", path: path.slice(start, i) });
    else sels.push({ name: path.slice(start, colon), path: path.slice(colon + 1, i) });
    colon = 0;
    modifier = 0;
    start = i + 1;
  };
  for (let i = 1; i < n; i++) {
    const c = path.charCodeAt(i);
    switch (c) {
      case 92:
        i++;
        break;
      case 64:
        if (modifier === 0 && i > 0) {
          const p = path.charCodeAt(i - 1);
          if (p === 46 || p === 124) modifier = i;
        }
        break;
      case 58:
        if (modifier === 0 && colon === 0 && depth === 1) colon = i;
        break;
      case 44:
        if (depth === 1) push(i);
        break;
      case 34:
        for (i++; i < n; i++) {
          const d = path.charCodeAt(i);
          if (d === 92) i++;
          else if (d === 34) break;
        }
        break;
      case 91:
      case 40:
      case 123:
        depth++;
        break;
      case 93:
      case 41:
      case 125:
        depth--;
        if (depth === 0) {
          push(i);
          return { sels, rest: path.slice(i + 1) };
        }
        break;
    }
  }
  return null;
}

/** gjson `nameOfLast`: the last `.`/`|` component (escaped separators do not count). */
export function nameOfLast(path: string): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const c = path.charCodeAt(i);
    if (c === 124 || c === 46) {
      if (i > 0 && path.charCodeAt(i - 1) === 92) continue;
      return path.slice(i + 1);
    }
  }
  return path;
}

/** gjson `isSimpleName`: usable as an implicit multipath key. */
export function isSimpleName(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    const c = component.charCodeAt(i);
    if (c < 32) return false;
    switch (c) {
      case 91:
      case 93:
      case 123:
      case 125:
      case 40:
      case 41:
      case 35:
      case 124:
      case 33:
        return false;
    }
  }
  return true;
}

/** Builds the `[...]`/`{...}` result of a multipath; `rest` is what followed the closing bracket. */
export function multipath(json: string, kind: number, sub: { sels: SubSelector[]; rest: string }): Res {
  const { sels, rest } = sub;
  let b = kind === 91 ? "[" : "{";
  let n = 0;
  for (const sub of sels) {
    const r = get(json, sub.path);
    if (!exists(r)) continue;
    if (n > 0) b += ",";
    if (kind === 123) {
      if (sub.name.length > 0) {
        b += sub.name.charCodeAt(0) === 34 && valid(sub.name) ? sub.name : gjsonQuote(sub.name);
      } else {
        const last = nameOfLast(sub.path);
        b += gjsonQuote(isSimpleName(last) ? last : "_");
      }
      b += ":";
    }
    let raw = r.raw;
    if (raw.length === 0) {
      raw = toString(r);
      if (raw.length === 0) raw = "null";
    }
    b += raw;
    n++;
  }
  b += kind === 91 ? "]" : "}";
  let res: Res = { type: "JSON", raw: b, str: "", num: 0, index: 0, indexes: null, at: -1 };
  if (rest.length > 0) res = resGet(res, rest.slice(1));
  res.index = 0;
  return res;
}
