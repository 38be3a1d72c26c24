/**
 * text/template's predefined functions: comparison (`eq` `ne` `lt` `le` `gt` `ge`), `and` `or` `not`, `len`,
 * `index`, `print` `printf` `println`, and the `html` `js` `urlquery` escapers. (`slice` is overridden by sprig,
 * and `call` is not offered: template data never holds functions.) `and`/`or` short-circuit in the executor.
 */

import { def, type FuncDef, GoCallError } from "./funcs.ts";
import { sprint, sprintf, sprintln } from "./format.ts";
import { byteLength, isPrint, utf8Bytes } from "./text.ts";
import { GoTime } from "./time/goTime.ts";
import {
  compareStrings,
  GoInt,
  type GoValue,
  int,
  isMap,
  isNilContainer,
  isTrue,
  mapHas,
  mapType,
  typeName,
} from "./values.ts";

type Kind = "invalid" | "bool" | "int" | "uint" | "float" | "string";

function basicKind(v: GoValue): Kind {
  if (v === undefined || v === null) return "invalid";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "number") return "float";
  if (typeof v === "string") return "string";
  if (v instanceof GoInt) return v.kind === "uint8" || v.kind === "uint64" ? "uint" : "int";
  return "invalid";
}

const nilish = (v: GoValue): v is null | undefined => v === null || v === undefined;

/** reflect Kind name used by eq's non-comparable errors. */
function reflectKind(v: GoValue): string {
  if (nilish(v)) return "invalid";
  if (Array.isArray(v)) return "slice";
  if (isMap(v)) return "map";
  if (v instanceof GoTime) return "struct";
  return basicKind(v);
}

function eq(args: GoValue[]): boolean {
  const [a1, ...rest] = args;
  const arg1 = a1 === null ? undefined : a1;
  if (rest.length === 0) throw new GoCallError("missing argument for comparison");
  const k1 = basicKind(arg1);
  for (const a of rest) {
    const arg = a === null ? undefined : a;
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === "int" && k2 === "uint")
        truth = (arg1 as GoInt).value >= 0n && (arg1 as GoInt).value === (arg as GoInt).value;
      else if (k1 === "uint" && k2 === "int")
        truth = (arg as GoInt).value >= 0n && (arg1 as GoInt).value === (arg as GoInt).value;
      else if (!nilish(arg1) && !nilish(arg)) {
        throw new GoCallError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg)}`);
      }
    } else if (k1 === "int" || k1 === "uint") truth = (arg1 as GoInt).value === (arg as GoInt).value;
    else if (k1 !== "invalid") truth = arg1 === arg;
    else {
      const r1 = reflectKind(arg1);
      const r2 = reflectKind(arg);
      if (r1 !== r2 && r1 !== "invalid" && r2 !== "invalid") {
        throw new GoCallError(
          `non-comparable types ${typeName(arg1)}: ${typeName(arg1)}, ${typeName(arg)}: ${typeName(arg)}`,
        );
      }
      const n1 = nilish(arg1) || ((Array.isArray(arg1) || isMap(arg1)) && isNilContainer(arg1));
      const n2 = nilish(arg) || ((Array.isArray(arg) || isMap(arg)) && isNilContainer(arg));
      if (n1 || n2) truth = n1 === n2;
      else if (arg instanceof GoTime && arg1 instanceof GoTime) {
        truth = arg1.sec === arg.sec && arg1.nsec === arg.nsec && arg1.loc === arg.loc;
      } else throw new GoCallError(`non-comparable type ${typeName(arg)}: ${typeName(arg)}`);
    }
    if (truth) return true;
  }
  return false;
}

function lt(a: GoValue, b: GoValue): boolean {
  const arg1 = a === null ? undefined : a;
  const arg2 = b === null ? undefined : b;
  const k1 = basicKind(arg1);
  const k2 = basicKind(arg2);
  if (k1 === "invalid" || k2 === "invalid") throw new GoCallError("invalid type for comparison");
  if (k1 !== k2) {
    if (k1 === "int" && k2 === "uint") return (arg1 as GoInt).value < (arg2 as GoInt).value;
    if (k1 === "uint" && k2 === "int")
      return (arg2 as GoInt).value >= 0n && (arg1 as GoInt).value < (arg2 as GoInt).value;
    throw new GoCallError(`incompatible types for comparison: ${typeName(arg1)} and ${typeName(arg2)}`);
  }
  switch (k1) {
    case "bool":
      throw new GoCallError("invalid type for comparison");
    case "int":
    case "uint":
      return (arg1 as GoInt).value < (arg2 as GoInt).value;
    case "float":
      return (arg1 as number) < (arg2 as number);
    default:
      return compareStrings(arg1 as string, arg2 as string) < 0;
  }
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq([a, b]);

function length(v: GoValue): GoValue {
  if (v === null) throw new GoCallError("len of nil pointer");
  if (v === undefined) throw new GoCallError("reflect: call of reflect.Value.Type on zero Value");
  if (typeof v === "string") return int(byteLength(v));
  if (Array.isArray(v)) return int(v.length);
  if (isMap(v)) return int(Object.keys(v).length);
  throw new GoCallError(`len of type ${typeName(v)}`);
}

function indexArg(index: GoValue, cap: number): number {
  if (index === undefined || index === null) throw new GoCallError("cannot index slice/array with nil");
  if (!(index instanceof GoInt)) throw new GoCallError(`cannot index slice/array with type ${typeName(index)}`);
  const x = index.value;
  if (x < 0n || x > BigInt(cap)) throw new GoCallError(`index out of range: ${x}`);
  return Number(x);
}

function index(args: GoValue[]): GoValue {
  let item: GoValue = args[0] === null ? undefined : args[0];
  if (item === undefined) throw new GoCallError("index of untyped nil");
  for (const raw of args.slice(1)) {
    const idx = raw === null ? undefined : raw;
    if (item === null || item === undefined) throw new GoCallError("index of nil pointer");
    if (typeof item === "string" || Array.isArray(item)) {
      const bytes: Uint8Array | undefined = typeof item === "string" ? utf8Bytes(item) : undefined;
      const len: number = bytes ? bytes.length : (item as GoValue[]).length;
      const x = indexArg(idx, len);
      if (x === len) throw new GoCallError(`reflect: ${bytes ? "string" : "slice"} index out of range`);
      item = bytes ? new GoInt("uint8", BigInt(bytes[x] ?? 0)) : (item as GoValue[])[x];
    } else if (isMap(item)) {
      if (idx === undefined) throw new GoCallError("value is nil; should be of type string");
      if (typeof idx !== "string") throw new GoCallError(`value has type ${typeName(idx)}; should be string`);
      const m = item;
      item = mapHas(m, idx) ? m[idx] : mapType(m) === "map[string]string" ? "" : null;
    } else {
      throw new GoCallError(`can't index item of type ${typeName(item)}`);
    }
  }
  return item;
}

/** Arguments of the escapers: one string as-is, otherwise Sprint with nil shown as `<no value>`. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === "string") return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? "<no value>" : a)));
}

function htmlEscape(s: string): string {
  return s.replace(/[\0"'&<>]/g, (c) =>
    c === "\0"
      ? "\ufffd"
      : c === '"'
        ? "&#34;"
        : c === "'"
          ? "&#39;"
          : c === "&"
            ? "&amp;"
            : c === "<"
              ? "&lt;"
              : "&gt;",
  );
}

function jsEscape(s: string): string {
  let out = "";
  for (const ch of s) {
    const r = ch.codePointAt(0) ?? 0;
    switch (ch) {
      case "\\":
        out += "\\\\";
        continue;
      case "'":
        out += "\\'";
        continue;
      case '"':
        out += '\\"';
        continue;
      case "<":
        out += "\\u003C";
        continue;
      case ">":
        out += "\\u003E";
        continue;
      case "&":
        out += "\\u0026";
        continue;
      case "=":
        out += "\\u003D";
        continue;
    }
    if (r < 0x20) out += "\\u00" + r.toString(16).toUpperCase().padStart(2, "0");
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += "\\u" + r.toString(16).toUpperCase().padStart(4, "0");
  }
  return out;
}

/** net/url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = "";
  for (const b of utf8Bytes(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === " ") out += "+";
    else out += "%" + b.toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}

export const BUILTINS: Record<string, FuncDef> = {
  and: def(["value"], () => undefined, "value"),
  or: def(["value"], () => undefined, "value"),
  not: def(["value"], ([a]) => !isTrue(a)),
  len: def(["value"], ([a]) => length(a)),
  index: def(["value"], index, "value"),
  eq: def(["value"], eq, "value"),
  ne: def(["value", "value"], ([a, b]) => !eq([a, b])),
  lt: def(["value", "value"], ([a, b]) => lt(a, b)),
  le: def(["value", "value"], ([a, b]) => le(a, b)),
  gt: def(["value", "value"], ([a, b]) => !le(a, b)),
  ge: def(["value", "value"], ([a, b]) => !lt(a, b)),
  print: def([], (args) => sprint(args), "any"),
  printf: def(["string"], ([f, ...args]) => sprintf(typeof f === "string" ? f : "", args), "any"),
  println: def([], (args) => sprintln(args), "any"),
  html: def([], (args) => htmlEscape(evalArgs(args)), "any"),
  js: def([], (args) => jsEscape(evalArgs(args)), "any"),
  urlquery: def([], (args) => queryEscape(evalArgs(args)), "any"),
};
