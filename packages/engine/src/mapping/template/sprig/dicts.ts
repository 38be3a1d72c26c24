/**
 * sprig v3.3.0 dictionary functions. `set`, `unset` and `merge` mutate their first argument, as in Go (the
 * executor works on its own copy of the caller's data). Go iterates maps in random order; `keys` and `values`
 * here return key order, which is one of Go's possible outputs.
 */

import { def, type FuncDef, GoCallError, str } from "../funcs.ts";
import { GoTime } from "../time/goTime.ts";
import {
  deepCopy,
  GoInt,
  type GoMap,
  type GoValue,
  isMap,
  isNilContainer,
  mapHas,
  mapSet,
  newMap,
  sortedKeys,
  typedSlice,
  typeName,
} from "../values.ts";
import { strval } from "./cast.ts";

/** mergo's isEmptyValue on an interface{} element (dereferenced). */
function emptyElement(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  if (typeof v === "string") return v.length === 0;
  if (typeof v === "number") return v === 0;
  if (typeof v === "boolean") return !v;
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoTime) return false;
  if (Array.isArray(v)) return v.length === 0;
  return Object.keys(v).length === 0;
}

/** mergo.Merge / MergeWithOverwrite for map[string]interface{} values. */
function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of sortedKeys(src)) {
    const s = src[key];
    const dHas = mapHas(dst, key);
    const d = dHas ? dst[key] : undefined;
    if (s === null || s === undefined) {
      if (overwrite) mapSet(dst, key, null);
      continue;
    }
    if (isMap(s)) {
      if (isMap(d) && !isNilContainer(d)) mergeInto(d, s, overwrite);
    } else if (Array.isArray(s)) {
      let slice: GoValue = d === undefined || d === null ? [] : d;
      if (overwrite || Object.keys(dst).length === 0) slice = s;
      mapSet(dst, key, slice);
    }
    if (dHas && !emptyElement(d) && (Array.isArray(s) || (isMap(s) && isMap(d)))) continue;
    if (overwrite || !dHas || emptyElement(d)) mapSet(dst, key, s);
  }
}

function merge(args: GoValue[], overwrite: boolean): GoValue {
  let dst = args[0] as GoMap;
  for (const src of args.slice(1) as GoMap[]) {
    if (isNilContainer(dst) && !isNilContainer(src)) dst = newMap();
    mergeInto(dst, src, overwrite);
  }
  return dst;
}

function set(d: GoMap, key: string, value: GoValue): GoValue {
  if (isNilContainer(d)) throw new GoCallError("assignment to entry in nil map");
  mapSet(d, key, value);
  return d;
}

function assertMap(v: GoValue): GoMap {
  if (isMap(v) && typeName(v) === "map[string]interface {}") return v;
  const t = v === undefined || v === null ? "nil" : typeName(v);
  throw new GoCallError(`interface conversion: interface {} is ${t}, not map[string]interface {}`);
}

function dig(ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new GoCallError("dig needs at least three arguments");
  let dict = assertMap(ps[ps.length - 1]);
  const dflt = ps[ps.length - 2];
  const keys = ps.slice(0, -2).map((k) => {
    if (typeof k !== "string") {
      throw new GoCallError(
        `interface conversion: interface {} is ${k === undefined || k === null ? "nil" : typeName(k)}, not string`,
      );
    }
    return k;
  });
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] ?? "";
    if (!mapHas(dict, k)) return dflt;
    const step = dict[k];
    if (i === keys.length - 1) return step;
    dict = assertMap(step);
  }
  return dflt;
}

function dict(args: GoValue[]): GoValue {
  const d = newMap();
  for (let i = 0; i < args.length; i += 2) mapSet(d, strval(args[i]), i + 1 < args.length ? args[i + 1] : "");
  return d;
}

const mergeFn = def(["map"], (args) => merge(args, false), "map");
const mergeOverwriteFn = def(["map"], (args) => merge(args, true), "map");
const deepCopyFn = def(["any"], ([v]) => {
  // copystructure cannot copy an untyped nil.
  if (v === undefined || v === null) throw new GoCallError("reflect: call of reflect.Value.Type on zero Value");
  return deepCopy(v);
});

export const DICT_FUNCS: Record<string, FuncDef> = {
  dict: def([], dict, "any"),
  get: def(["map", "string"], ([d, k]) => (mapHas(d as GoMap, str(k)) ? (d as GoMap)[str(k)] : "")),
  set: def(["map", "string", "any"], ([d, k, v]) => set(d as GoMap, str(k), v)),
  unset: def(["map", "string"], ([d, k]) => {
    delete (d as GoMap)[str(k)];
    return d;
  }),
  hasKey: def(["map", "string"], ([d, k]) => mapHas(d as GoMap, str(k))),
  pluck: def(["string"], ([k, ...ds]) => (ds as GoMap[]).filter((d) => mapHas(d, str(k))).map((d) => d[str(k)]), "map"),
  keys: def(
    [],
    (ds) =>
      typedSlice(
        (ds as GoMap[]).flatMap((d) => sortedKeys(d)),
        "[]string",
      ),
    "map",
  ),
  values: def(["map"], ([d]) => sortedKeys(d as GoMap).map((k) => (d as GoMap)[k])),
  pick: def(
    ["map"],
    ([d, ...ks]) => {
      const out = newMap();
      for (const k of ks) if (mapHas(d as GoMap, str(k))) mapSet(out, str(k), (d as GoMap)[str(k)]);
      return out;
    },
    "string",
  ),
  omit: def(
    ["map"],
    ([d, ...ks]) => {
      const drop = new Set(ks.map(str));
      const out = newMap();
      for (const k of Object.keys(d as GoMap)) if (!drop.has(k)) mapSet(out, k, (d as GoMap)[k]);
      return out;
    },
    "string",
  ),
  merge: mergeFn,
  mustMerge: mergeFn,
  mergeOverwrite: mergeOverwriteFn,
  mustMergeOverwrite: mergeOverwriteFn,
  dig: def([], dig, "any"),
  deepCopy: deepCopyFn,
  mustDeepCopy: deepCopyFn,
};
