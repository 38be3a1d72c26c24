/**
 * sprig v3.3.0 list functions. sprig's plain and `must…` variants fail the same way in a template (a panic in a
 * template function is an execution error), so each pair shares one implementation.
 */

import { def, type FuncDef, GoCallError, num } from "../funcs.ts";
import { deepEqual, type GoValue, isEmpty, kindName, nilSlice, sliceType, typedSlice } from "../values.ts";
import { goInt, toInt64 } from "./cast.ts";

const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** The list behind an `interface{}` argument, or sprig's error for a non-list. */
function asList(v: GoValue, what: string): GoValue[] {
  if (v === undefined || v === null) throw new GoCallError(NIL_DEREF);
  if (!Array.isArray(v)) throw new GoCallError(`Cannot ${what} on type ${kindName(v)}`);
  return v;
}

const toInt = (v: GoValue): number => Number(BigInt.asIntN(64, toInt64(v)));

function sliceList(list: GoValue, indices: GoValue[]): GoValue {
  if (list === undefined || list === null) throw new GoCallError(NIL_DEREF);
  if (!Array.isArray(list)) throw new GoCallError(`list should be type of slice or array but ${kindName(list)}`);
  if (list.length === 0) return null;
  const start = indices.length > 0 ? toInt(indices[0]) : 0;
  const end = indices.length < 2 ? list.length : toInt(indices[1]);
  if (start < 0 || end < start || end > list.length) throw new GoCallError("reflect: slice index out of range");
  return typedSlice(list.slice(start, end), sliceType(list));
}

function concat(lists: GoValue[]): GoValue {
  const out: GoValue[] = [];
  for (const l of lists) {
    if (l === undefined || l === null) throw new GoCallError(NIL_DEREF);
    if (!Array.isArray(l)) throw new GoCallError(`Cannot concat type ${kindName(l)} as list`);
    out.push(...l);
  }
  return out.length === 0 ? nilSlice() : out;
}

function chunk(size: number, list: GoValue): GoValue {
  const l = asList(list, "chunk");
  if (size <= 0) throw new GoCallError("runtime error: makeslice: len out of range");
  const out: GoValue[] = [];
  for (let i = 0; i < l.length; i += size) out.push(l.slice(i, i + size));
  return typedSlice(out, "[][]interface {}");
}

/** sprig's untilStep. */
function untilStep([start, stop, step]: [number, number, number], checkSize: (n: number) => void): number[] {
  const v: number[] = [];
  if (step === 0 || (stop < start && step > 0) || (stop >= start && step < 0)) return v;
  checkSize(Math.floor(Math.abs(stop - start) / Math.abs(step)));
  if (stop < start) for (let i = start; i > stop; i += step) v.push(i);
  else for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

const intSlice = (xs: number[]): GoValue => typedSlice(xs.map(goInt), "[]int");

function seq(params: number[], checkSize: (n: number) => void): string {
  let inc = 1;
  switch (params.length) {
    case 1: {
      const [end = 0] = params;
      if (end < 1) inc = -1;
      return untilStep([1, end + inc, inc], checkSize).join(" ");
    }
    case 2: {
      const [start = 0, end = 0] = params;
      const step = end < start ? -1 : 1;
      return untilStep([start, end + step, step], checkSize).join(" ");
    }
    case 3: {
      const [start = 0, step = 0, end = 0] = params;
      if (end < start) {
        inc = -1;
        if (step > 0) return "";
      }
      return untilStep([start, end + inc, step], checkSize).join(" ");
    }
    default:
      return "";
  }
}

const first = def(["any"], ([l]) => {
  const xs = asList(l, "find first");
  return xs.length === 0 ? null : xs[0];
});
const last = def(["any"], ([l]) => {
  const xs = asList(l, "find last");
  return xs.length === 0 ? null : xs[xs.length - 1];
});
const rest = def(["any"], ([l]) => {
  const xs = asList(l, "find rest");
  return xs.length === 0 ? nilSlice() : xs.slice(1);
});
const initial = def(["any"], ([l]) => {
  const xs = asList(l, "find initial");
  return xs.length === 0 ? nilSlice() : xs.slice(0, -1);
});
const push = def(["any", "any"], ([l, v]) => [...asList(l, "push"), v]);
const prepend = def(["any", "any"], ([l, v]) => [v, ...asList(l, "prepend")]);
const reverse = def(["any"], ([l]) => [...asList(l, "find reverse")].reverse());
const uniq = def(["any"], ([l]) => {
  const out: GoValue[] = [];
  for (const x of asList(l, "find uniq")) if (!out.some((y) => deepEqual(x, y))) out.push(x);
  return out;
});
const without = def(
  ["any"],
  ([l, ...omit]) => asList(l, "find without").filter((x) => !omit.some((o) => deepEqual(x, o))),
  "any",
);
const has = def(["any", "any"], ([needle, hay]) => {
  if (hay === undefined || hay === null) return false;
  if (!Array.isArray(hay)) throw new GoCallError(`Cannot find has on type ${kindName(hay)}`);
  return hay.some((x) => deepEqual(needle, x));
});
const compact = def(["any"], ([l]) => asList(l, "compact").filter((x) => !isEmpty(x)));
const slice = def(["any"], ([l, ...idx]) => sliceList(l, idx), "any");
const chunkFn = def(["int", "any"], ([n, l]) => chunk(num(n), l));

export const LIST_FUNCS: Record<string, FuncDef> = {
  list: def([], (args) => args, "any"),
  tuple: def([], (args) => args, "any"),
  append: push,
  push,
  mustAppend: push,
  mustPush: push,
  prepend,
  mustPrepend: prepend,
  first,
  mustFirst: first,
  last,
  mustLast: last,
  rest,
  mustRest: rest,
  initial,
  mustInitial: initial,
  reverse,
  mustReverse: reverse,
  uniq,
  mustUniq: uniq,
  without,
  mustWithout: without,
  has,
  mustHas: has,
  compact,
  mustCompact: compact,
  slice,
  mustSlice: slice,
  concat: def([], concat, "any"),
  chunk: chunkFn,
  mustChunk: chunkFn,
  until: def(["int"], ([n], ctx) => {
    const count = num(n);
    return intSlice(untilStep([0, count, count < 0 ? -1 : 1], ctx.checkSize));
  }),
  untilStep: def(["int", "int", "int"], ([a, b, c], ctx) =>
    intSlice(untilStep([num(a), num(b), num(c)], ctx.checkSize)),
  ),
  seq: def([], (args, ctx) => seq(args.map(num), ctx.checkSize), "int"),
};
