/**
 * gjson path grammar: splitting one component off a path (object keys, array parts, `#(...)` queries),
 * pipes, and `[...]`/`{...}` multipath selectors. Mirrors gjson's parser quirks on purpose. Pure.
 */

import { parseQuery } from "./query.ts";
import { unescape } from "./unescape.ts";

/** Names of the built-in modifiers (gjson v1.19.0). */
export const MODIFIER_LIST = [
  "pretty",
  "ugly",
  "reverse",
  "this",
  "flatten",
  "join",
  "valid",
  "keys",
  "values",
  "tostr",
  "fromstr",
  "group",
  "dig",
] as const;

export type ModifierName = (typeof MODIFIER_LIST)[number];

/** `a.@name` pipes only when `name` is one of these. */
export const MODIFIER_NAMES: ReadonlySet<string> = new Set(MODIFIER_LIST);

/** Whether `name` is a built-in modifier. */
export function isModifierName(name: string): name is ModifierName {
  return MODIFIER_NAMES.has(name);
}

/** gjson `isDotPiperChar` on `path[at:]`: does `.X` start a modifier, `[` or `{` (and so act as a pipe)? */
function isDotPiperChar(path: string, at: number): boolean {
  const c = path.charCodeAt(at);
  if (c === 64) {
    let i = at + 1;
    for (; i < path.length; i++) {
      const d = path.charCodeAt(i);
      if (d === 46 || d === 124 || d === 58) break;
    }
    return MODIFIER_NAMES.has(path.slice(at + 1, i));
  }
  return c === 91 || c === 123;
}

/** One object-key component of a path. */
export interface ObjectPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  wild: boolean;
  more: boolean;
}

function endAtDot(r: ObjectPath, path: string, i: number): ObjectPath {
  if (i < path.length - 1 && isDotPiperChar(path, i + 1)) {
    r.pipe = path.slice(i + 1);
    r.piped = true;
  } else {
    r.path = path.slice(i + 1);
    r.more = true;
  }
  return r;
}

/** gjson `parseObjectPath`. */
export function parseObjectPath(path: string): ObjectPath {
  const r: ObjectPath = { part: "", path: "", pipe: "", piped: false, wild: false, more: false };
  const n = path.length;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c === 124) {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (c === 46) {
      r.part = path.slice(0, i);
      return endAtDot(r, path, i);
    }
    if (c === 42 || c === 63) {
      r.wild = true;
      continue;
    }
    if (c === 92) {
      // Escape mode: strip the backslashes from the part.
      let epart = path.slice(0, i);
      i++;
      if (i < n) {
        epart += path[i];
        i++;
        for (; i < n; i++) {
          const d = path.charCodeAt(i);
          if (d === 92) {
            i++;
            if (i < n) epart += path[i];
            continue;
          } else if (d === 46) {
            r.part = epart;
            return endAtDot(r, path, i);
          } else if (d === 124) {
            r.part = epart;
            r.pipe = path.slice(i + 1);
            r.piped = true;
            return r;
          } else if (d === 42 || d === 63) {
            r.wild = true;
          }
          epart += path[i];
        }
      }
      r.part = epart;
      return r;
    }
  }
  r.part = path;
  return r;
}

/** One array component of a path: an index, `#`, `#.key`, or a `#(...)` query. */
export interface ArrayPath {
  part: string;
  path: string;
  pipe: string;
  piped: boolean;
  more: boolean;
  alogok: boolean;
  arrch: boolean;
  alogkey: string;
  query: { on: boolean; all: boolean; path: string; op: string; value: string };
}

/** gjson `parseArrayPath`. */
export function parseArrayPath(path: string): ArrayPath {
  const r: ArrayPath = {
    part: "",
    path: "",
    pipe: "",
    piped: false,
    more: false,
    alogok: false,
    arrch: false,
    alogkey: "",
    query: { on: false, all: false, path: "", op: "", value: "" },
  };
  const n = path.length;
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c === 124) {
      r.part = path.slice(0, i);
      r.pipe = path.slice(i + 1);
      r.piped = true;
      return r;
    }
    if (c === 46) {
      r.part = path.slice(0, i);
      if (!r.arrch && i < n - 1 && isDotPiperChar(path, i + 1)) {
        r.pipe = path.slice(i + 1);
        r.piped = true;
      } else {
        r.path = path.slice(i + 1);
        r.more = true;
      }
      return r;
    }
    if (c === 35) {
      r.arrch = true;
      if (i === 0 && n > 1) {
        const d = path.charCodeAt(1);
        if (d === 46) {
          r.alogok = true;
          r.alogkey = path.slice(2);
          r.path = path.slice(0, 1);
        } else if (d === 91 || d === 40) {
          r.query.on = true;
          const q = parseQuery(path.slice(i));
          if (q === null) break; // bad query: the whole path is the part
          let value = q.value;
          if (value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34) {
            value = value.slice(1, -1);
            if (q.vesc) value = unescape(value);
          }
          r.query.path = q.path;
          r.query.op = q.op;
          r.query.value = value;
          i = q.end - 1;
          if (i + 1 < n && path.charCodeAt(i + 1) === 35) r.query.all = true;
        }
      }
      continue;
    }
  }
  r.part = path;
  r.path = "";
  return r;
}

/** gjson `splitPossiblePipe`: the first top-level `|` of a path, outside `.#(...)` selectors. */
export function splitPossiblePipe(path: string): [left: string, right: string] | null {
  const n = path.length;
  if (path.indexOf("|") < 0) return null;
  if (n > 0 && path.charCodeAt(0) === 123) {
    const squashed = squashLen(path, 1);
    if (squashed < n - 1) {
      const left = path.slice(0, squashed + 1);
      if (path.charCodeAt(left.length) === 124) return [left, path.slice(left.length + 1)];
    }
    return null;
  }
  for (let i = 0; i < n; i++) {
    const c = path.charCodeAt(i);
    if (c === 92) {
      i++;
    } else if (c === 46) {
      if (i === n - 1) return null;
      if (path.charCodeAt(i + 1) === 35) {
        i += 2;
        if (i === n) return null;
        const b = path.charCodeAt(i);
        if (b === 91 || b === 40) {
          const start = b;
          const end = b === 91 ? 93 : 41;
          let depth = 1;
          for (i++; i < n; i++) {
            const d = path.charCodeAt(i);
            if (d === 92) {
              i++;
            } else if (d === start) {
              depth++;
            } else if (d === end) {
              depth--;
              if (depth === 0) break;
            } else if (d === 34) {
              for (i++; i < n; i++) {
                const e = path.charCodeAt(i);
                if (e === 92) i++;
                else if (e === 34) break;
              }
            }
          }
        }
      }
    } else if (c === 124) {
      return [path.slice(0, i), path.slice(i + 1)];
    }
  }
  return null;
}

/** Length of gjson `squash(s[from:])` without slicing. */
function squashLen(s: string, from: number): number {
  const n = s.length;
  let i = from;
  let depth = 0;
  if (s.charCodeAt(from) !== 34) {
    i = from + 1;
    depth = 1;
  }
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 34) {
      const s2 = ++i;
      for (; i < n; i++) {
        if (s.charCodeAt(i) !== 34) continue;
        if (s.charCodeAt(i - 1) === 92) {
          let k = 0;
          for (let j = i - 2; j > s2 - 1; j--) {
            if (s.charCodeAt(j) !== 92) break;
            k++;
          }
          if (k % 2 === 0) continue;
        }
        break;
      }
      if (depth === 0) return i >= n ? n - from : i + 1 - from;
    } else if (c === 123 || c === 91 || c === 40) {
      depth++;
    } else if (c === 125 || c === 93 || c === 41) {
      depth--;
      if (depth === 0) return i + 1 - from;
    }
  }
  return n - from;
}
