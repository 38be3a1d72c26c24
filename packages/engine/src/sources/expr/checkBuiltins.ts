/**
 * Static checks of builtin calls for the expr checker: predicates with closures (`all(xs, # > 1)`), `get`, builtins
 * with a validator, and builtins with Go overloads (checked argument by argument like expr's `checkArguments`).
 */
import type { Node, NodeOf } from "./ast.ts";
import { overloads, unsupported, validate, validators } from "./builtinTypes.ts";
import { is } from "./checkOperators.ts";
import { T, assignable, typeName, type GoType } from "./types.ts";

export interface Info {
  builtin?: string;
  /** Element type of an array literal whose elements all have one kind. */
  elem?: GoType;
}

export type Result = [GoType, Info];

/** What builtin checking needs from the checker. */
export interface CheckerContext {
  visit(node: Node): Result;
  fail(node: Node, message: string): never;
  withPredicateScope<R>(collection: GoType, vars: Record<string, GoType>, f: () => R): R;
  envType(name: string): GoType | undefined;
}

const predicateNames = new Set([
  "all",
  "none",
  "any",
  "one",
  "filter",
  "map",
  "count",
  "find",
  "findIndex",
  "findLast",
  "findLastIndex",
  "reduce",
]);

/** Type of a builtin call; fails through `c.fail` like every other check. */
export function checkBuiltin(c: CheckerContext, node: NodeOf<"builtin">): Result {
  const { name, args } = node;
  if (unsupported.has(name)) c.fail(node, `builtin ${name}() is not supported by Signalbox`);
  if (predicateNames.has(name)) return predicate(c, node);
  if (name === "get") return get(c, node);
  if (validators[name]) {
    const types = args.map((arg) => c.visit(arg)[0]);
    const result = validate(name, types);
    if ("error" in result) c.fail(node, result.error);
    return [result.type, {}];
  }
  const candidates = overloads[name];
  if (!candidates) return c.fail(node, `unknown builtin ${name}`);
  let lastError: [Node, string] | undefined;
  for (const candidate of candidates) {
    const error = checkArguments(c, { name, params: candidate.params, args, node });
    if (!error) return [candidate.out, {}];
    lastError = error;
  }
  return c.fail(...(lastError ?? [node, `no matching overload for ${name}`]));
}

function checkArguments(
  c: CheckerContext,
  { name, params, args, node }: { name: string; params: GoType[]; args: Node[]; node: Node },
): [Node, string] | undefined {
  if (args.length > params.length) return [node, `too many arguments to call ${name}`];
  if (args.length < params.length) return [node, `not enough arguments to call ${name}`];
  for (const [i, arg] of args.entries()) {
    const [t] = c.visit(arg);
    const want = params[i] as GoType;
    if ((is.float(want) || is.int(want)) && is.int(t)) continue;
    if (t.kind === "nil") continue;
    if (!assignable(t, want) && !is.any(t))
      return [arg, `cannot use ${typeName(t)} as argument (type ${typeName(want)}) to call ${name} `];
  }
  return undefined;
}

function predicate(c: CheckerContext, node: NodeOf<"builtin">): Result {
  const { name, args } = node;
  const [collection] = c.visit(args[0] as Node);
  if (!is.array(collection) && !is.any(collection)) {
    c.fail(args[0] as Node, `builtin ${name} takes only array (got ${typeName(collection)})`);
  }
  const vars: Record<string, GoType> =
    name === "map" ? { index: T.int } : name === "reduce" ? { index: T.int, acc: T.any } : {};
  const [closure] = c.withPredicateScope(collection, vars, () => c.visit(args[1] as Node));
  const out = closure.kind === "func" ? closure.out : T.any;
  if (name === "reduce") {
    if (args[2]) c.visit(args[2]);
    return [out, {}];
  }
  if (name === "map") return [{ kind: "slice", elem: out }, {}];
  if (!is.bool(out) && !is.any(out)) c.fail(args[1] as Node, `predicate should return boolean (got ${typeName(out)})`);
  const elem = collection.kind === "slice" ? collection.elem : T.any;
  switch (name) {
    case "filter":
      return [collection.kind === "slice" ? { kind: "slice", elem } : T.array, {}];
    case "count":
    case "findIndex":
    case "findLastIndex":
      return [T.int, {}];
    case "find":
    case "findLast":
      return [elem, {}];
    default:
      return [T.bool, {}];
  }
}

function get(c: CheckerContext, node: NodeOf<"builtin">): Result {
  if (node.args.length !== 2) c.fail(node, `invalid number of arguments (expected 2, got ${node.args.length})`);
  const [value, prop] = node.args as [Node, Node];
  if (value.kind === "identifier" && value.name === "$env") {
    if (prop.kind === "string") return [c.envType(prop.value) ?? T.nil, {}];
    return [T.any, {}];
  }
  const [t] = c.visit(value);
  if (t.kind === "interface") return [T.any, {}];
  if (t.kind === "slice" || t.kind === "map") {
    const [p] = c.visit(prop);
    const what = t.kind === "slice" ? "slice" : "map";
    if (p.kind === "nil") c.fail(prop, `cannot use nil as ${what} index`);
    if (t.kind === "slice" && !is.int(p) && !is.any(p)) c.fail(prop, `non-integer slice index ${typeName(p)}`);
    if (t.kind === "map" && !assignable(p, t.key) && !is.any(p))
      c.fail(prop, `cannot use ${typeName(p)} to get an element from ${typeName(t)}`);
    return [t.elem, {}];
  }
  return c.fail(value, `type ${typeName(t)} does not support indexing`);
}
