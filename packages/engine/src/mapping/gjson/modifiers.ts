/**
 * gjson's built-in modifiers (`@this`, `@reverse`, …, `@dig`), written from their documented and observed
 * behaviour in v1.19.0, including what each returns for input of the wrong shape. Pure.
 *
 * Each returns its output text and, when that text is the input itself (or a slice of it), the offset of
 * that slice, so positions survive the way gjson's pointer-based `Index` does.
 */

import { resGet } from "./get.ts";
import type { ModifierName } from "./paths.ts";
import { DEFAULT_PRETTY, prettyJson, uglyJson, type PrettyOptions } from "./pretty.ts";
import { forEach, parse, toBool, toInt, toString } from "./result.ts";
import { gjsonQuote, goTrimSpace, trimCtl } from "./text.ts";
import { exists, type Res } from "./types.ts";
import { valid } from "./valid.ts";

/** A modifier's output: the text, and its offset in the input when it is a slice of it (else -1). */
export interface ModOut {
  out: string;
  at: number;
}

type Modifier = (json: string, arg: string) => ModOut;

const same = (json: string): ModOut => ({ out: json, at: 0 });
const fresh = (out: string): ModOut => ({ out, at: -1 });

const isArray = (r: Res): boolean => r.type === "JSON" && r.raw.charCodeAt(0) === 91;
const isObject = (r: Res): boolean => r.type === "JSON" && r.raw.charCodeAt(0) === 123;

/** Keeps only the whitespace of s when it holds anything else (gjson's `cleanWS`). */
function cleanWS(s: string): string {
  let other = false;
  let ws = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) ws += s[i];
    else other = true;
  }
  return other ? ws : s;
}

/** Reads `{"name":value}` options from a modifier argument. */
function eachOption(arg: string, fn: (key: string, value: Res) => void): void {
  if (arg === "") return;
  forEach(parse(arg), (k, v) => {
    fn(toString(k), v);
    return true;
  });
}

/** gjson `unwrap`: trims and drops the first and last character of a container. */
function unwrap(json: string): string {
  const t = trimCtl(json);
  const c = t.charCodeAt(0);
  return t.length >= 2 && (c === 91 || c === 123) ? t.slice(1, -1) : t;
}

function pretty(json: string, arg: string): ModOut {
  const opts: PrettyOptions = { ...DEFAULT_PRETTY };
  eachOption(arg, (key, v) => {
    if (key === "sortKeys") opts.sortKeys = toBool(v);
    else if (key === "indent") opts.indent = cleanWS(toString(v));
    else if (key === "prefix") opts.prefix = cleanWS(toString(v));
    else if (key === "width") opts.width = toInt(v);
  });
  return fresh(prettyJson(json, opts));
}

function reverse(json: string): ModOut {
  const res = parse(json);
  if (isArray(res)) {
    const values: string[] = [];
    forEach(res, (_, v) => (values.push(v.raw), true));
    return fresh("[" + values.reverse().join(",") + "]");
  }
  if (isObject(res)) {
    const members: string[] = [];
    forEach(res, (k, v) => (members.push(k.raw + ":" + v.raw), true));
    return fresh("{" + members.reverse().join(",") + "}");
  }
  return same(json);
}

function flattenText(json: string, deep: boolean, arg: string): ModOut {
  const res = parse(json);
  if (!isArray(res)) return same(json);
  const parts: string[] = [];
  forEach(res, (_, v) => {
    let raw = v.raw;
    if (isArray(v)) raw = unwrap(deep ? flattenText(v.raw, deep, arg).out : v.raw);
    raw = goTrimSpace(raw);
    if (raw.length > 0) parts.push(raw);
    return true;
  });
  return fresh("[" + parts.join(",") + "]");
}

function flatten(json: string, arg: string): ModOut {
  let deep = false;
  eachOption(arg, (key, v) => {
    if (key === "deep") deep = toBool(v);
  });
  return flattenText(json, deep, arg);
}

function join(json: string, arg: string): ModOut {
  const res = parse(json);
  if (!isArray(res)) return same(json);
  let preserve = false;
  eachOption(arg, (key, v) => {
    if (key === "preserve") preserve = toBool(v);
  });
  const parts: string[] = [];
  if (preserve) {
    forEach(res, (_, v) => {
      if (isObject(v)) parts.push(unwrap(v.raw));
      return true;
    });
    return fresh("{" + parts.join(",") + "}");
  }
  const keys: Res[] = [];
  const values = new Map<string, Res>();
  forEach(res, (_, v) => {
    if (!isObject(v)) return true;
    forEach(v, (k, kv) => {
      const name = toString(k);
      if (!values.has(name)) keys.push(k);
      values.set(name, kv);
      return true;
    });
    return true;
  });
  for (const k of keys) parts.push(k.raw + ":" + (values.get(toString(k))?.raw ?? ""));
  return fresh("{" + parts.join(",") + "}");
}

function keys(json: string): ModOut {
  const v = parse(json);
  if (!exists(v)) return fresh("[]");
  const obj = isObject(v);
  const parts: string[] = [];
  forEach(v, (k) => (parts.push(obj ? k.raw : "null"), true));
  return fresh("[" + parts.join(",") + "]");
}

function values(json: string): ModOut {
  const v = parse(json);
  if (!exists(v)) return fresh("[]");
  if (isArray(v)) return same(json);
  const parts: string[] = [];
  forEach(v, (_, value) => (parts.push(value.raw), true));
  return fresh("[" + parts.join(",") + "]");
}

function fromstr(json: string): ModOut {
  if (!valid(json)) return fresh("");
  const r = parse(json);
  const out = toString(r);
  // String() hands back a slice of the input for plain strings, integers and containers.
  if (r.type === "String" && out.length === r.raw.length - 2) return { out, at: r.at + 1 };
  if ((r.type === "Number" || r.type === "JSON") && out === r.raw) return { out, at: r.at };
  return fresh(out);
}

function group(json: string): ModOut {
  const res = parse(json);
  if (!isObject(res)) return fresh("");
  const all: string[] = [];
  forEach(res, (k, v) => {
    if (!isArray(v)) return true;
    let idx = 0;
    forEach(v, (_, item) => {
      all[idx] = (all[idx] ?? "") + "," + k.raw + ":" + item.raw;
      idx++;
      return true;
    });
    return true;
  });
  return fresh("[" + all.map((item) => "{" + item.slice(1) + "}").join(",") + "]");
}

function descend(all: string[], parent: Res, path: string): void {
  const r = resGet(parent, path);
  if (exists(r)) all.push(r.raw);
  if (parent.type === "JSON") {
    const c = parent.raw.charCodeAt(0);
    if (c === 91 || c === 123) {
      forEach(parent, (_, v) => {
        descend(all, v, path);
        return true;
      });
    }
  }
}

function dig(json: string, arg: string): ModOut {
  const all: string[] = [];
  descend(all, parse(json), arg);
  return fresh("[" + all.join(",") + "]");
}

/** The registry; typed by name so a missing modifier is a compile error. */
export const MODIFIERS: Record<ModifierName, Modifier> = {
  pretty,
  ugly: (json) => fresh(uglyJson(json)),
  reverse,
  this: same,
  flatten,
  join,
  valid: (json) => (valid(json) ? same(json) : fresh("")),
  keys,
  values,
  tostr: (json) => fresh(gjsonQuote(json)),
  fromstr,
  group,
  dig,
};
