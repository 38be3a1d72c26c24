/**
 * gjson `Get`: the entry point of a lookup. Handles leading modifiers (`@name:arg`), literals (`!true`),
 * multipaths (`[a,b]`, `{a,"k":b}`), JSON Lines (`..`), then walks the document and applies a pipe.
 * Pure and allocation-light: a simple path scans the text once and slices the answer out of it.
 */

import { parseArray } from "./array.ts";
import { fillIndex, newCtx } from "./context.ts";
import { MODIFIERS, type ModOut } from "./modifiers.ts";
import { parseObject } from "./object.ts";
import { isModifierName, type ModifierName } from "./paths.ts";
import { parse } from "./result.ts";
import { parseSquash, scan, squash } from "./scan.ts";
import { multipath, parseSubSelectors } from "./selectors.ts";
import { exists, type Res } from "./types.ts";

/** Combines a slice offset inside a slice with the outer slice offset. */
function joinAt(outer: number, inner: number): number {
  return outer >= 0 && inner >= 0 ? outer + inner : -1;
}

/** gjson `Result.Get(path)`: a lookup inside a result's raw text, positions shifted by the result's. */
export function resGet(t: Res, path: string): Res {
  const r = get(t.raw, path);
  if (r.indexes !== null) {
    for (let k = 0; k < r.indexes.length; k++) r.indexes[k] = (r.indexes[k] ?? 0) + t.index;
  } else r.index += t.index;
  r.at = joinAt(t.at, r.at);
  return r;
}

interface Leading {
  /** The path left after the modifier or literal. */
  path: string;
  /** The JSON text it produced. */
  json: string;
  /** Offset of `json` inside the document, or -1 for fresh text. */
  at: number;
}

/** gjson `execStatic`: `!true`, `!"str"`, `!{...}`, `!123` … */
function execStatic(path: string): Leading | null {
  const name = path.slice(1);
  const c = name.charCodeAt(0);
  if (c === 123 || c === 91 || c === 34 || c === 43 || c === 45 || (c >= 48 && c <= 57)) {
    parseSquash(name, 0);
    return { path: name.slice(scan.raw.length), json: scan.raw, at: -1 };
  }
  let rest = "";
  let lit = name;
  for (let i = 1; i < path.length; i++) {
    const d = path.charCodeAt(i);
    if (d === 124 || d === 46) {
      rest = path.slice(i);
      lit = path.slice(1, i);
      break;
    }
  }
  switch (lit.toLowerCase()) {
    case "true":
    case "false":
    case "null":
    case "nan":
    case "inf":
      return { path: rest, json: lit, at: -1 };
    default:
      return null;
  }
}

/** gjson `execModifier`: `@name`, `@name:arg`, `@name:{"json":"arg"}`. Null when `name` is unknown. */
function execModifier(json: string, path: string): Leading | null {
  let name = path.slice(1);
  let rest = "";
  let hasArgs = false;
  for (let i = 1; i < path.length; i++) {
    const c = path.charCodeAt(i);
    if (c === 58) {
      rest = path.slice(i + 1);
      name = path.slice(1, i);
      hasArgs = rest.length > 0;
      break;
    }
    if (c === 124 || c === 46) {
      rest = path.slice(i);
      name = path.slice(1, i);
      break;
    }
  }
  if (!isModifierName(name)) return null;
  let args = "";
  if (hasArgs) {
    let parsed = false;
    const c = rest.charCodeAt(0);
    if ((c === 123 || c === 91 || c === 34) && exists(parse(rest))) {
      args = squash(rest);
      rest = rest.slice(args.length);
      parsed = true;
    }
    if (!parsed) {
      let i = 0;
      for (; i < rest.length; i++) {
        const d = rest.charCodeAt(i);
        if (d === 124) break;
        if (d === 123 || d === 91 || d === 34 || d === 40) i += squash(rest.slice(i)).length - 1;
      }
      args = rest.slice(0, i);
      rest = rest.slice(i);
    }
  }
  const out: ModOut = runModifier(name, json, args);
  return { path: rest, json: out.out, at: out.at };
}

function runModifier(name: ModifierName, json: string, args: string): ModOut {
  try {
    return MODIFIERS[name](json, args);
  } catch (e) {
    // Only a pathological nesting depth can get here (stack overflow): answer "nothing" rather than throw.
    if (e instanceof RangeError) return { out: "", at: -1 };
    throw e;
  }
}

/** gjson `Get(json, path)` with the internal position fields. */
export function get(json: string, path: string): Res {
  if (path.length > 1) {
    const p0 = path.charCodeAt(0);
    if (p0 === 64 || p0 === 33) {
      const m = p0 === 64 ? execModifier(json, path) : execStatic(path);
      if (m !== null) {
        const c = m.path.charCodeAt(0);
        if (c === 124 || c === 46) {
          const r = get(m.json, m.path.slice(1));
          r.index = 0;
          r.indexes = null;
          r.at = joinAt(m.at, r.at);
          return r;
        }
        const r = parse(m.json);
        r.at = joinAt(m.at, r.at);
        return r;
      }
    }
    if (p0 === 91 || p0 === 123) {
      const sub = parseSubSelectors(path);
      // gjson keeps going with whatever followed the selector (or with "" when it did not parse).
      path = sub === null ? "" : sub.rest;
      if (sub !== null) {
        const c = path.charCodeAt(0);
        if (path.length === 0 || c === 124 || c === 46) return multipath(json, p0, sub);
      }
    }
  }
  const c = newCtx(json);
  if (path.length >= 2 && path.charCodeAt(0) === 46 && path.charCodeAt(1) === 46) {
    parseArray(c, 0, path.slice(2));
  } else {
    for (let i = 0; i < json.length; i++) {
      const ch = json.charCodeAt(i);
      if (ch === 123) {
        parseObject(c, i + 1, path);
        break;
      }
      if (ch === 91) {
        parseArray(c, i + 1, path);
        break;
      }
    }
  }
  if (c.piped) {
    const r = resGet(c.value, c.pipe);
    r.index = 0;
    return r;
  }
  if (!c.calcd) fillIndex(json, c.value);
  return c.value;
}
