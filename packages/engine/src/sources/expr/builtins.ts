/**
 * Run-time behaviour of expr's builtins (the ones this port supports), following expr v1.15.5 and the Go `strings`
 * functions they wrap: byte offsets for `indexOf`, Go's `Split`/`Replace` edge cases, `int()` truncation, `string()`
 * as `%v`. Each receives already-evaluated arguments and throws {@link ExprPanic} where Go panics or errors. Pure.
 */
import { formatGoV, goJsonMarshal, sliceElem, typedSlice } from "./goFormat.ts";
import { floatToInt64, wrapInt } from "./goMath.ts";
import { goJsonParse } from "./goJson.ts";
import { base64Decode, base64Encode, byteOffset, goReplace, goSplit, isSpace, mapCase, trimFunc } from "./goStrings.ts";
import {
  ExprPanic,
  GoFunc,
  asString,
  compare,
  fetch,
  goTypeOf,
  isFloat,
  isInt,
  isMap,
  kindName,
  lengthOf,
  toInt,
} from "./runtime.ts";

/** Go's strconv.ParseFloat (decimal, inf/infinity/nan, hex floats); `undefined` when it would fail. */
export function goParseFloat(input: string): number | undefined {
  // Underscores are allowed only between digits (or right after a base prefix), and then ignored.
  if (input.includes("_") && !/^[+-]?(0[xX]_?)?[0-9a-fA-F.pP+_-]*$/.test(input)) return undefined;
  if (input.includes("_") && /(^|[^0-9a-fA-FxX])_|_($|[^0-9a-fA-F])|__/.test(input)) return undefined;
  const text = input.replaceAll("_", "");
  if (/^[+-]?(inf|infinity)$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) {
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(text);
  if (hex && `${hex[2] ?? ""}${hex[3] ?? ""}` !== "") {
    const digits = `${hex[2] ?? ""}${hex[3] ?? ""}`;
    const value = Number(BigInt(`0x${digits}`)) * 2 ** (Number(hex[4]) - 4 * (hex[3] ?? "").length);
    if (!Number.isFinite(value)) return undefined;
    return hex[1] === "-" ? -value : value;
  }
  return undefined;
}

/** `builtin.Int` (also Argo's `asInt`). */
export function builtinInt(x: unknown): bigint {
  if (isInt(x)) return x;
  if (isFloat(x)) return floatToInt64(x);
  if (typeof x === "string") {
    const m = /^([+-]?)(\d+)$/.exec(x);
    const value = m ? BigInt(x) : undefined;
    if (value === undefined || value > 0x7fffffffffffffffn || value < -0x8000000000000000n) {
      throw new ExprPanic(`invalid operation: int(${x})`);
    }
    return value;
  }
  throw new ExprPanic(`invalid operation: int(${goTypeOf(x)})`);
}

/** `builtin.Float` (also Argo's `asFloat`). */
export function builtinFloat(x: unknown): number {
  if (isFloat(x)) return x;
  if (isInt(x)) return Number(x);
  if (typeof x === "string") {
    const value = goParseFloat(x);
    if (value === undefined) throw new ExprPanic(`invalid operation: float(${x})`);
    return value;
  }
  throw new ExprPanic(`invalid operation: float(${goTypeOf(x)})`);
}

function goRound(x: number): number {
  if (!Number.isFinite(x)) return x;
  const t = Math.trunc(x);
  return Math.abs(x - t) >= 0.5 ? t + Math.sign(x) : t;
}

function rounding(name: string, f: (x: number) => number): (x: unknown) => unknown {
  return (x) => {
    if (isFloat(x)) return f(x);
    if (isInt(x)) return Number(x);
    throw new ExprPanic(`invalid argument for ${name} (type ${goTypeOf(x)})`);
  };
}

function typeOf(arg: unknown): string {
  if (arg === null || arg === undefined) return "nil";
  switch (kindName(arg)) {
    case "bool":
      return "bool";
    case "int":
      return "int";
    case "float64":
      return "float";
    case "string":
      return "string";
    case "slice":
      return "array";
    case "map":
      return "map";
    case "func":
      return "func";
    default:
      return "unknown";
  }
}

/** The kind reflect reports for an element of a collection being summed. */
function elementKind(v: unknown): string {
  return v === null || v === undefined ? "interface" : kindName(v);
}

function numbersOf(verb: string, arg: unknown): unknown[] {
  if (!Array.isArray(arg))
    throw new ExprPanic(`cannot ${verb} ${arg === null || arg === undefined ? "invalid" : kindName(arg)}`);
  for (const item of arg)
    if (!isInt(item) && !isFloat(item)) throw new ExprPanic(`cannot ${verb} ${elementKind(item)}`);
  return arg;
}

function sum(arg: unknown): unknown {
  const items = numbersOf("sum", arg);
  let total = 0n;
  let i = 0;
  for (; i < items.length && isInt(items[i]); i++) total = wrapInt(total + (items[i] as bigint));
  if (i === items.length) return total;
  let f = Number(total);
  for (; i < items.length; i++) f += Number(items[i]);
  return f;
}

function median(arg: unknown): number {
  const items = numbersOf("median", arg)
    .map(Number)
    .sort((a, b) => a - b);
  if (items.length === 0) return 0;
  const mid = items.length >> 1;
  return items.length % 2 === 0 ? ((items[mid - 1] as number) + (items[mid] as number)) / 2 : (items[mid] as number);
}

function join(args: unknown[]): string {
  const [list, glue = ""] = args;
  if (!Array.isArray(list) || (sliceElem(list) !== "any" && sliceElem(list) !== "string")) {
    const t = list === null || list === undefined ? "<nil>" : goTypeOf(list);
    throw new ExprPanic(`invalid argument for join (type ${t})`);
  }
  return list.map((item) => asString(item)).join(asString(glue));
}

function recovering(f: () => unknown): unknown {
  try {
    return f();
  } catch (error) {
    if (error instanceof ExprPanic) return null;
    throw error;
  }
}

function take(list: unknown, n: unknown): unknown {
  if (!Array.isArray(list))
    throw new ExprPanic(`cannot take from ${list === null || list === undefined ? "invalid" : kindName(list)}`);
  if (!isInt(n)) throw new ExprPanic(`cannot take ${n === null || n === undefined ? "invalid" : kindName(n)} elements`);
  if (n > BigInt(list.length)) return list;
  if (n < 0n) throw new ExprPanic("reflect: slice index out of range");
  const part = list.slice(0, Number(n));
  const elem = sliceElem(list);
  return elem === "any" ? part : typedSlice(part, elem);
}

function mapPart(list: unknown, which: "keys" | "values"): unknown[] {
  if (!isMap(list))
    throw new ExprPanic(`cannot get ${which} from ${list === null || list === undefined ? "invalid" : kindName(list)}`);
  return which === "keys" ? Object.keys(list) : Object.values(list).map((v) => v ?? null);
}

function extreme(args: unknown[], larger: boolean): unknown {
  let best: unknown = null;
  for (const arg of args) {
    if (best === null || (larger ? compare(best, arg, "<") < 0 : compare(best, arg, ">") > 0)) best = arg;
  }
  return best;
}

type Impl = (args: unknown[]) => unknown;
const one =
  (f: (x: unknown) => unknown): Impl =>
  (args) =>
    f(args[0] ?? null);
const str = (args: unknown[], i: number): string => asString(args[i] ?? null);

/** Implementations by builtin name (predicates are evaluated by the interpreter). */
export const builtins: Record<string, Impl> = {
  len: one((x) => BigInt(lengthOf(x, "len"))),
  type: one(typeOf),
  abs: one((x) => {
    if (isInt(x)) return x < 0n ? wrapInt(-x) : x;
    if (isFloat(x)) return x < 0 ? -x : x;
    throw new ExprPanic(`invalid argument for abs (type ${goTypeOf(x)})`);
  }),
  ceil: one(rounding("ceil", Math.ceil)),
  floor: one(rounding("floor", Math.floor)),
  round: one(rounding("round", goRound)),
  int: one(builtinInt),
  float: one(builtinFloat),
  string: one((x) => formatGoV(x)),
  trim: (args) =>
    args.length === 1 ? trimFunc(str(args, 0), isSpace) : trimFunc(str(args, 0), (ch) => str(args, 1).includes(ch)),
  trimPrefix: (args) => {
    const [s, p] = [str(args, 0), args.length === 2 ? str(args, 1) : " "];
    return s.startsWith(p) ? s.slice(p.length) : s;
  },
  trimSuffix: (args) => {
    const [s, p] = [str(args, 0), args.length === 2 ? str(args, 1) : " "];
    return p !== "" && s.endsWith(p) ? s.slice(0, s.length - p.length) : s;
  },
  upper: one((x) => mapCase(asString(x), true)),
  lower: one((x) => mapCase(asString(x), false)),
  split: (args) =>
    goSplit(str(args, 0), str(args, 1), { n: args.length === 3 ? Number(toInt(args[2] ?? null)) : -1, after: false }),
  splitAfter: (args) =>
    goSplit(str(args, 0), str(args, 1), { n: args.length === 3 ? Number(toInt(args[2] ?? null)) : -1, after: true }),
  replace: (args) =>
    goReplace(str(args, 0), {
      old: str(args, 1),
      replacement: str(args, 2),
      n: args.length === 4 ? Number(toInt(args[3] ?? null)) : -1,
    }),
  repeat: (args) => {
    const n = toInt(args[1] ?? null);
    if (n > 1_000_000n) throw new ExprPanic("memory budget exceeded");
    if (n < 0n) throw new ExprPanic("strings: negative Repeat count");
    return str(args, 0).repeat(Number(n));
  },
  join,
  indexOf: (args) => BigInt(byteOffset(str(args, 0), str(args, 0).indexOf(str(args, 1)))),
  lastIndexOf: (args) => BigInt(byteOffset(str(args, 0), str(args, 0).lastIndexOf(str(args, 1)))),
  hasPrefix: (args) => str(args, 0).startsWith(str(args, 1)),
  hasSuffix: (args) => str(args, 0).endsWith(str(args, 1)),
  max: (args) => extreme(args, true),
  min: (args) => extreme(args, false),
  sum: one(sum),
  mean: one((x) => {
    const items = numbersOf("mean", x);
    return items.length === 0 ? 0 : items.reduce<number>((acc, v) => acc + Number(v), 0) / items.length;
  }),
  median: one(median),
  toJSON: one((x) => {
    try {
      return goJsonMarshal(x, "  ");
    } catch (error) {
      throw new ExprPanic(error instanceof Error ? error.message : String(error));
    }
  }),
  fromJSON: one((x) => goJsonParse(asString(x))),
  toBase64: one((x) => base64Encode(asString(x))),
  fromBase64: one((x) => base64Decode(asString(x))),
  first: one((x) => recovering(() => fetch(x, 0n))),
  last: one((x) => recovering(() => fetch(x, -1n))),
  get: (args) => recovering(() => fetch(args[0] ?? null, args[1] ?? null)),
  take: (args) => take(args[0] ?? null, args[1] ?? null),
  keys: one((x) => mapPart(x, "keys")),
  values: one((x) => mapPart(x, "values")),
};

/** Argo Events' `asInt` and `asFloat`: expr's `int`/`float` builtins exposed as env functions. */
export const asInt = new GoFunc("asInt", ["any"], (x) => builtinInt(x));
export const asFloat = new GoFunc("asFloat", ["any"], (x) => builtinFloat(x));
