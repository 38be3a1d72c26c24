/**
 * The parts of expr's optimizer that change observable results, applied after type checking:
 * - `x in ["a", "b"]` becomes a lookup in a `map[string]struct{}` (so a number on the left is an error, not `false`);
 * - constant folding, including `x and false` → `false` and `x or true` → `true` without evaluating `x`, and a
 *   compile error for `n % 0` with literal operands;
 * - literal ranges (`1..3`) become constants, exempt from the run-time memory budget;
 * - `map(filter(xs, p), f)` maps while filtering (so `#index` in `f` counts the unfiltered elements), and
 *   `filter(xs, p)[0]` / `first(filter(…))` and their `last` forms stop at the first match.
 * Mutates the tree in place.
 */
import type { Node, NodeOf } from "./ast.ts";
import { SourceError } from "./lexer.ts";
import { goPow, wrapInt } from "./goMath.ts";
import { typedSlice } from "./goFormat.ts";
import { ConstSet } from "./runtime.ts";

type Rewrite = (node: Node) => Node;

/** Rebuild children bottom-up with `rewrite`, then rewrite the node itself. */
function walk(node: Node, rewrite: Rewrite): Node {
  const w = (n: Node): Node => walk(n, rewrite);
  switch (node.kind) {
    case "unary":
      node.node = w(node.node);
      break;
    case "binary":
      node.left = w(node.left);
      node.right = w(node.right);
      break;
    case "chain":
    case "closure":
      node.node = w(node.node);
      break;
    case "member":
      node.node = w(node.node);
      node.property = w(node.property);
      break;
    case "slice":
      node.node = w(node.node);
      if (node.from) node.from = w(node.from);
      if (node.to) node.to = w(node.to);
      break;
    case "call":
      node.callee = w(node.callee);
      node.args = node.args.map(w);
      break;
    case "builtin":
      node.args = node.args.map(w);
      break;
    case "let":
      node.value = w(node.value);
      node.expr = w(node.expr);
      break;
    case "conditional":
      node.cond = w(node.cond);
      node.exp1 = w(node.exp1);
      node.exp2 = w(node.exp2);
      break;
    case "array":
      node.nodes = node.nodes.map(w);
      break;
    case "map":
      for (const pair of node.pairs) {
        pair.key = w(pair.key);
        pair.value = w(pair.value);
      }
      break;
    default:
      break;
  }
  return rewrite(node);
}

function inArray(node: Node): Node {
  if (node.kind !== "binary" || node.operator !== "in" || node.right.kind !== "array" || node.right.nodes.length === 0)
    return node;
  const items = node.right.nodes;
  const constant = (keyType: "string" | "int", keys: (string | bigint)[]): Node => ({
    ...node,
    right: { kind: "constant", value: new ConstSet(keyType, new Set(keys)), location: node.right.location },
  });
  if (node.left.type?.kind === "int" && items.every((n): n is NodeOf<"integer"> => n.kind === "integer")) {
    return constant(
      "int",
      items.map((n) => n.value),
    );
  }
  if (items.every((n): n is NodeOf<"string"> => n.kind === "string"))
    return constant(
      "string",
      items.map((n) => n.value),
    );
  return node;
}

let changed = false;

function fold(node: Node): Node {
  const at = node.location;
  const int = (value: bigint): Node => {
    changed = true;
    return { kind: "integer", value: wrapInt(value), location: at, type: { kind: "int" } };
  };
  const float = (value: number): Node => {
    changed = true;
    return { kind: "float", value, location: at, type: { kind: "float64" } };
  };
  const bool = (value: boolean): Node => {
    changed = true;
    return { kind: "bool", value, location: at };
  };
  const replace = (next: Node): Node => {
    changed = true;
    return next;
  };
  if (node.kind === "unary") {
    const n = node.node;
    if (node.operator === "-" && n.kind === "integer") return int(-n.value);
    if (node.operator === "-" && n.kind === "float") return float(-n.value);
    if (node.operator === "+" && (n.kind === "integer" || n.kind === "float")) return replace({ ...n, location: at });
    if ((node.operator === "!" || node.operator === "not") && n.kind === "bool") return bool(!n.value);
    return node;
  }
  if (node.kind === "array") {
    if (node.nodes.length === 0 || !node.nodes.every((n) => ["integer", "float", "string", "bool"].includes(n.kind)))
      return node;
    // Constants are shared by every evaluation, so they are frozen.
    const value = Object.freeze(node.nodes.map((n) => (n as { value: unknown }).value));
    return replace({ kind: "constant", value, location: at });
  }
  if (node.kind !== "binary") return node;
  const { left: l, right: r, operator: op } = node;
  const num = (n: Node): bigint | number | undefined =>
    n.kind === "integer" || n.kind === "float" ? n.value : undefined;
  const a = num(l);
  const b = num(r);
  if (a !== undefined && b !== undefined && ["+", "-", "*", "/", "**", "^"].includes(op)) {
    if (typeof a === "bigint" && typeof b === "bigint" && op !== "/" && op !== "**" && op !== "^") {
      return int(op === "+" ? a + b : op === "-" ? a - b : a * b);
    }
    const [x, y] = [Number(a), Number(b)];
    return float(op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : goPow(x, y));
  }
  if (op === "+" && l.kind === "string" && r.kind === "string")
    return replace({ kind: "string", value: l.value + r.value, location: at, type: { kind: "string" } });
  if (op === "%" && l.kind === "integer" && r.kind === "integer") {
    if (r.value === 0n) throw new SourceError("integer divide by zero", at);
    return int(l.value % r.value);
  }
  const lb = l.kind === "bool" ? l.value : undefined;
  const rb = r.kind === "bool" ? r.value : undefined;
  if (op === "and" || op === "&&") {
    if (lb === true) return replace(r);
    if (rb === true) return replace(l);
    if (lb === false || rb === false) return bool(false);
  }
  if (op === "or" || op === "||") {
    if (lb === false) return replace(r);
    if (rb === false) return replace(l);
    if (lb === true || rb === true) return bool(true);
  }
  if (op === "==") {
    if (l.kind === "integer" && r.kind === "integer") return bool(l.value === r.value);
    if (l.kind === "string" && r.kind === "string") return bool(l.value === r.value);
    if (lb !== undefined && rb !== undefined) return bool(lb === rb);
  }
  return node;
}

function constRange(node: Node): Node {
  if (node.kind !== "binary" || node.operator !== ".." || node.left.kind !== "integer" || node.right.kind !== "integer")
    return node;
  const size = node.right.value - node.left.value + 1n;
  if (size > 1_000_000n) return node;
  const values: bigint[] = [];
  for (let i = node.left.value; i <= node.right.value; i++) values.push(i);
  return { kind: "constant", value: Object.freeze(typedSlice(values, "int")), location: node.location };
}

function filterMap(node: Node): Node {
  if (node.kind !== "builtin" || node.name !== "map" || node.args.length !== 2) return node;
  const [source, closure] = node.args as [Node, Node];
  if (closure.kind !== "closure" || source.kind !== "builtin" || source.name !== "filter" || source.map) return node;
  return { kind: "builtin", name: "filter", args: source.args, map: closure.node, location: node.location };
}

function filterEnds(node: Node): Node {
  const isFilter = (n: Node | undefined): n is NodeOf<"builtin"> =>
    n?.kind === "builtin" && n.name === "filter" && n.args.length === 2;
  if (node.kind === "member" && !node.optional && node.property.kind === "integer" && isFilter(node.node)) {
    const last = node.property.value === -1n;
    if (node.property.value === 0n || last) {
      const map = node.node.map;
      return {
        kind: "builtin",
        name: last ? "findLast" : "find",
        args: node.node.args,
        throws: true,
        ...(map ? { map } : {}),
        location: node.location,
      };
    }
  }
  if (
    node.kind === "builtin" &&
    (node.name === "first" || node.name === "last") &&
    node.args.length === 1 &&
    isFilter(node.args[0])
  ) {
    const map = node.args[0].map;
    return {
      kind: "builtin",
      name: node.name === "first" ? "find" : "findLast",
      args: node.args[0].args,
      throws: false,
      ...(map ? { map } : {}),
      location: node.location,
    };
  }
  return node;
}

/** Apply the result-changing optimisations to a checked tree; throws {@link SourceError} for `n % 0`. */
export function optimize(root: Node): Node {
  let node = walk(root, inArray);
  for (let limit = 1000; limit >= 0; limit--) {
    changed = false;
    node = walk(node, fold);
    if (!changed) break;
  }
  node = walk(node, constRange);
  node = walk(node, filterMap);
  return walk(node, filterEnds);
}
