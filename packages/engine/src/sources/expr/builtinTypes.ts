/**
 * Static signatures of expr's builtins, for the checker: either Go overloads (checked like `checkArguments`) or a
 * validator mirroring the builtin's `Validate` function. Builtins that Signalbox does not implement (dates and
 * durations, grouping, sorting, pairs) are listed so the checker can reject them by name.
 */
import { T, typeName, type GoType } from "./types.ts";

export interface Overload {
  params: GoType[];
  out: GoType;
}

export type Validator = (args: GoType[]) => GoType;

const S = T.string;
const I = T.int;
const A = T.any;
const stringSlice: GoType = { kind: "slice", elem: T.string };
const fn = (params: GoType[], out: GoType): Overload => ({ params, out });

/** Builtins with `Types`: tried in order, the first overload that fits gives the result type. */
export const overloads: Record<string, Overload[]> = {
  type: [fn([A], S)],
  string: [fn([A], S)],
  trim: [fn([S], S), fn([S, S], S)],
  trimPrefix: [fn([S, S], S), fn([S], S)],
  trimSuffix: [fn([S, S], S), fn([S], S)],
  upper: [fn([S], S)],
  lower: [fn([S], S)],
  split: [fn([S, S], stringSlice), fn([S, S, I], stringSlice)],
  splitAfter: [fn([S, S], stringSlice), fn([S, S, I], stringSlice)],
  replace: [fn([S, S, S, I], S), fn([S, S, S], S)],
  repeat: [fn([S, I], S)],
  join: [fn([stringSlice, S], S), fn([T.array, S], S), fn([T.array], S), fn([stringSlice, S], S), fn([stringSlice], S)],
  indexOf: [fn([S, S], I)],
  lastIndexOf: [fn([S, S], I)],
  hasPrefix: [fn([S, S], T.bool)],
  hasSuffix: [fn([S, S], T.bool)],
  toJSON: [fn([A], S)],
  fromJSON: [fn([S], A)],
  toBase64: [fn([S], S)],
  fromBase64: [fn([S], S)],
};

/** Builtins of expr v1.15.5 that this port does not implement; using one is a compile error. */
export const unsupported = new Set(["now", "duration", "date", "groupBy", "toPairs", "fromPairs", "sort", "sortBy"]);

class ValidationFailure extends Error {}

const fail = (message: string): never => {
  throw new ValidationFailure(message);
};

const isNumericKind = (t: GoType | undefined): boolean => t?.kind === "int" || t?.kind === "float64";
const kindOf = (t: GoType | undefined): string => (t ? typeName(t) : "<nil>");

function exactly(n: number, args: GoType[]): void {
  if (args.length !== n) fail(`invalid number of arguments (expected ${n}, got ${args.length})`);
}

function numeric(name: string, out: (arg: GoType) => GoType, label = name): Validator {
  return (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (isNumericKind(a) || a.kind === "interface") return out(a);
    return fail(`invalid argument for ${label} (type ${kindOf(a)})`);
  };
}

function extreme(name: string): Validator {
  return (args) => {
    if (args.length === 0) fail(`not enough arguments to call ${name}`);
    for (const arg of args) {
      if (arg.kind === "interface") return A;
      if (!isNumericKind(arg)) fail(`invalid argument for ${name} (type ${kindOf(arg)})`);
    }
    return args[0] as GoType;
  };
}

function collection(verb: string, out: GoType): Validator {
  return (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (a.kind === "interface" || a.kind === "slice") return out;
    return fail(`cannot ${verb} ${kindOf(a)}`);
  };
}

function element(which: string): Validator {
  return (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (a.kind === "interface") return A;
    if (a.kind === "slice") return a.elem;
    return fail(`cannot get ${which} element from ${kindOf(a)}`);
  };
}

function mapped(verb: string): Validator {
  return (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (a.kind === "interface" || a.kind === "map") return T.array;
    return fail(`cannot get ${verb} from ${kindOf(a)}`);
  };
}

/** Builtins with a `Validate` function. */
export const validators: Record<string, Validator> = {
  len: (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (["slice", "map", "string", "interface"].includes(a.kind)) return I;
    return fail(`invalid argument for len (type ${kindOf(a)})`);
  },
  abs: numeric("abs", (a) => a),
  ceil: numeric("ceil", () => T.float),
  floor: numeric("floor", () => T.float),
  round: numeric("round", () => T.float, "floor"),
  int: (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (isNumericKind(a) || a.kind === "interface" || a.kind === "string") return I;
    return fail(`invalid argument for int (type ${kindOf(a)})`);
  },
  float: (args) => {
    exactly(1, args);
    const a = args[0] as GoType;
    if (isNumericKind(a) || a.kind === "interface" || a.kind === "string") return T.float;
    return fail(`invalid argument for float (type ${kindOf(a)})`);
  },
  max: extreme("max"),
  min: extreme("min"),
  sum: collection("sum", A),
  mean: collection("avg", T.float),
  median: collection("median", T.float),
  first: element("first"),
  last: element("last"),
  take: (args) => {
    exactly(2, args);
    const [a, n] = args as [GoType, GoType];
    if (a.kind !== "interface" && a.kind !== "slice") fail(`cannot take from ${kindOf(a)}`);
    if (n.kind !== "interface" && n.kind !== "int") fail(`cannot take ${kindOf(n)} elements`);
    return a;
  },
  keys: mapped("keys"),
  values: mapped("values"),
};

/** Run a validator; a failure message is returned instead of thrown. */
export function validate(name: string, args: GoType[]): { type: GoType } | { error: string } {
  const validator = validators[name];
  if (!validator) return { type: A };
  try {
    return { type: validator(args) };
  } catch (error) {
    if (error instanceof ValidationFailure) return { error: error.message };
    throw error;
  }
}
