/**
 * Evaluates a planned govaluate tree against parameters, with govaluate's semantics: every number is a float64,
 * `&&`, `||`, `??`, `?` and `:` short-circuit, operand types are checked at run time with govaluate's messages,
 * `==` is Go's `reflect.DeepEqual`, `in` is Go's interface `==` (so comparing two arrays is a Go panic, reported
 * here as an error), `+` concatenates with `fmt`'s `%v` as soon as one side is a string. Pure and deterministic;
 * throws only {@link GoPanic}, which the public API turns into an error result.
 */
import { compareGoStrings, formatGoV } from "../../../sources/expr/goFormat.ts";
import { floatToInt64, floatToUint64, goPow } from "../../../sources/expr/goMath.ts";
import { GoRegexp } from "./lexer.ts";
import type { OperatorSymbol, Stage } from "./planner.ts";

/** An evaluation failure: govaluate's error (or a Go runtime panic it would hit). */
export class GoPanic extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GoPanic";
  }
}

const formats = {
  logical: "Value '%v' cannot be used with the logical operator '%s', it is not a bool",
  modifier: "Value '%v' cannot be used with the modifier '%s', it is not a number",
  comparator: "Value '%v' cannot be used with the comparator '%s', it is not a number",
  ternary: "Value '%v' cannot be used with the ternary operator '%s', it is not a bool",
  prefix: "Value '%v' cannot be used with the prefix '%s'",
} as const;

const text: Record<OperatorSymbol, string> = {
  EQ: "=",
  NEQ: "!=",
  GT: ">",
  LT: "<",
  GTE: ">=",
  LTE: "<=",
  REQ: "=~",
  NREQ: "!~",
  IN: "in",
  AND: "&&",
  OR: "||",
  PLUS: "+",
  MINUS: "-",
  BITWISE_AND: "&",
  BITWISE_OR: "|",
  BITWISE_XOR: "^",
  BITWISE_LSHIFT: "<<",
  BITWISE_RSHIFT: ">>",
  MULTIPLY: "*",
  DIVIDE: "/",
  MODULUS: "%",
  EXPONENT: "**",
  NEGATE: "-",
  INVERT: "!",
  BITWISE_NOT: "~",
  TERNARY_TRUE: "?",
  TERNARY_FALSE: ":",
  COALESCE: "??",
  SEPARATE: "",
};

const isString = (v: unknown): v is string => typeof v === "string";
const isFloat = (v: unknown): v is number => typeof v === "number";
const isBool = (v: unknown): v is boolean => typeof v === "boolean";

type Check = (v: unknown) => boolean;
interface Checks {
  left?: Check;
  right?: Check;
  combined?: (l: unknown, r: unknown) => boolean;
  format?: string;
}

const numbers: Checks = { left: isFloat, right: isFloat, format: formats.modifier };
const checks: Partial<Record<OperatorSymbol, Checks>> = {
  GT: { combined: (l, r) => (isFloat(l) && isFloat(r)) || (isString(l) && isString(r)), format: formats.comparator },
  REQ: { left: isString, right: (v) => isString(v) || v instanceof GoRegexp, format: formats.comparator },
  AND: { left: isBool, right: isBool, format: formats.logical },
  IN: { right: Array.isArray, format: formats.comparator },
  PLUS: { combined: (l, r) => (isFloat(l) && isFloat(r)) || isString(l) || isString(r), format: formats.modifier },
  MINUS: numbers,
  NEGATE: { right: isFloat, format: formats.prefix },
  INVERT: { right: isBool, format: formats.prefix },
  BITWISE_NOT: { right: isFloat, format: formats.prefix },
  TERNARY_TRUE: { left: isBool, format: formats.ternary },
};
for (const s of ["LT", "GTE", "LTE"] as const) checks[s] = checks.GT;
checks.NREQ = checks.REQ;
checks.OR = checks.AND;
for (const s of [
  "MULTIPLY",
  "DIVIDE",
  "MODULUS",
  "EXPONENT",
  "BITWISE_AND",
  "BITWISE_OR",
  "BITWISE_XOR",
  "BITWISE_LSHIFT",
  "BITWISE_RSHIFT",
] as const) {
  checks[s] = numbers;
}

function typeError(format: string, value: unknown, symbol: OperatorSymbol): GoPanic {
  return new GoPanic(format.replace("%v", formatGoV(value)).replace("%s", text[symbol]));
}

function runChecks(symbol: OperatorSymbol, left: unknown, right: unknown): void {
  const c = checks[symbol];
  if (!c?.format) return;
  if (c.combined) {
    if (!c.combined(left, right)) throw typeError(c.format, left, symbol);
    return;
  }
  if (c.left && !c.left(left)) throw typeError(c.format, left, symbol);
  if (c.right && !c.right(right)) throw typeError(c.format, right, symbol);
}

/** Go's `reflect.DeepEqual` on JSON-shaped values. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === null || a === undefined || b === null || b === undefined) {
    return (a === null || a === undefined) && (b === null || b === undefined);
  }
  if (typeof a !== "object" || typeof b !== "object") return a === b;
  if (a instanceof GoRegexp || b instanceof GoRegexp) {
    return a instanceof GoRegexp && b instanceof GoRegexp && a.source === b.source;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => deepEqual(item, b[i]));
  }
  const ka = Object.keys(a);
  const rb = b as Record<string, unknown>;
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => Object.hasOwn(rb, k) && deepEqual((a as Record<string, unknown>)[k], rb[k]));
}

/** Go's `==` on two `interface{}` values: comparing two slices or two maps panics. */
function interfaceEqual(a: unknown, b: unknown): boolean {
  if (a === null || b === null) return a === b;
  if (Array.isArray(a) && Array.isArray(b))
    throw new GoPanic("runtime error: comparing uncomparable type []interface {}");
  if (typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    if (a instanceof GoRegexp || b instanceof GoRegexp) return a === b;
    throw new GoPanic("runtime error: comparing uncomparable type map[string]interface {}");
  }
  return a === b;
}

function compare(l: unknown, r: unknown): number {
  if (isString(l) && isString(r)) return compareGoStrings(l, r);
  const x = l as number;
  const y = r as number;
  return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
}

function regexMatch(left: unknown, right: unknown): boolean {
  let pattern: GoRegexp;
  if (right instanceof GoRegexp) pattern = right;
  else {
    try {
      pattern = new GoRegexp(right as string);
    } catch (error) {
      throw new GoPanic(
        `Unable to compile regexp pattern '${formatGoV(right)}': ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return pattern.test(left as string);
}

function apply(symbol: OperatorSymbol, l: unknown, r: unknown): unknown {
  const i64 = (v: unknown): bigint => floatToInt64(v as number);
  switch (symbol) {
    case "EQ":
      return deepEqual(l, r);
    case "NEQ":
      return !deepEqual(l, r);
    case "GT":
      return compare(l, r) > 0;
    case "LT":
      return compare(l, r) < 0;
    case "GTE":
      return compare(l, r) >= 0;
    case "LTE":
      return compare(l, r) <= 0;
    case "REQ":
      return regexMatch(l, r);
    case "NREQ":
      return !regexMatch(l, r);
    case "IN":
      return (r as unknown[]).some((item) => interfaceEqual(l, item));
    case "AND":
      return l === true && r === true;
    case "OR":
      return l === true || r === true;
    case "PLUS":
      return isString(l) || isString(r) ? formatGoV(l) + formatGoV(r) : (l as number) + (r as number);
    case "MINUS":
      return (l as number) - (r as number);
    case "MULTIPLY":
      return (l as number) * (r as number);
    case "DIVIDE":
      return (l as number) / (r as number);
    case "MODULUS":
      return (l as number) % (r as number);
    case "EXPONENT":
      return goPow(l as number, r as number);
    case "BITWISE_AND":
      return Number(BigInt.asIntN(64, i64(l) & i64(r)));
    case "BITWISE_OR":
      return Number(BigInt.asIntN(64, i64(l) | i64(r)));
    case "BITWISE_XOR":
      return Number(BigInt.asIntN(64, i64(l) ^ i64(r)));
    case "BITWISE_LSHIFT": {
      const n = floatToUint64(r as number);
      return n >= 64n ? 0 : Number(BigInt.asUintN(64, floatToUint64(l as number) << n));
    }
    case "BITWISE_RSHIFT": {
      const n = floatToUint64(r as number);
      return n >= 64n ? 0 : Number(floatToUint64(l as number) >> n);
    }
    case "NEGATE":
      return -(r as number);
    case "INVERT":
      return !(r as boolean);
    case "BITWISE_NOT":
      return Number(~i64(r));
    case "TERNARY_TRUE":
      return l ? r : null;
    case "TERNARY_FALSE":
    case "COALESCE":
      return l !== null ? l : r;
    case "SEPARATE":
      return Array.isArray(l) ? [...(l as unknown[]), r] : [l, r];
  }
}

function parameter(parameters: Readonly<Record<string, unknown>>, name: string): unknown {
  if (!Object.hasOwn(parameters, name)) throw new GoPanic(`No parameter '${name}' found.`);
  const value = parameters[name];
  if (value === undefined) return null;
  return typeof value === "bigint" ? Number(value) : value;
}

const SKIPPED = Symbol("short-circuit");

/** Evaluate a stage tree; throws {@link GoPanic} on any govaluate evaluation error. */
export function evaluateStage(stage: Stage, parameters: Readonly<Record<string, unknown>>): unknown {
  const op = stage.op;
  const left = stage.left ? evaluateStage(stage.left, parameters) : null;
  let skip = false;
  switch (op.symbol) {
    case "AND":
      if (left === false) return false;
      break;
    case "OR":
      if (left === true) return true;
      break;
    case "COALESCE":
      if (left !== null) return left;
      break;
    case "TERNARY_TRUE":
      skip = left === false;
      break;
    case "TERNARY_FALSE":
      skip = left !== null;
      break;
    default:
      break;
  }
  const right: unknown = skip ? SKIPPED : stage.right ? evaluateStage(stage.right, parameters) : null;
  switch (op.symbol) {
    case "VALUE":
      return parameter(parameters, op.name);
    case "LITERAL":
      return op.value;
    case "NOOP":
      return right;
    case "ACCESS": {
      const [head = "", field = ""] = op.path;
      parameter(parameters, head);
      // Parameters are JSON values and never Go structs, so every field or method access fails.
      throw new GoPanic(`Unable to access '${field}', '${head}' is not a struct`);
    }
    default:
      runChecks(op.symbol, left, right);
      return apply(op.symbol, left, right);
  }
}
