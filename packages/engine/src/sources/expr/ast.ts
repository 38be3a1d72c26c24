/**
 * AST of the expr language (antonmedv/expr v1.15.5 node kinds). Nodes are plain objects; the checker writes each
 * node's static type into `type`, and the optimizer replaces subtrees. After compilation the tree is frozen.
 */
import type { Location } from "./lexer.ts";
import type { GoType } from "./types.ts";

interface Base {
  location: Location;
  type?: GoType;
}

export type Node =
  | (Base & { kind: "nil" })
  | (Base & { kind: "identifier"; name: string })
  | (Base & { kind: "integer"; value: bigint })
  | (Base & { kind: "float"; value: number })
  | (Base & { kind: "bool"; value: boolean })
  | (Base & { kind: "string"; value: string })
  | (Base & { kind: "constant"; value: unknown })
  | (Base & { kind: "unary"; operator: string; node: Node })
  | (Base & { kind: "binary"; operator: string; left: Node; right: Node; regexp?: unknown })
  | (Base & { kind: "chain"; node: Node })
  | (Base & { kind: "member"; node: Node; property: Node; optional: boolean })
  | (Base & { kind: "slice"; node: Node; from: Node | null; to: Node | null })
  | (Base & { kind: "call"; callee: Node; args: Node[] })
  | (Base & { kind: "builtin"; name: string; args: Node[]; throws?: boolean; map?: Node })
  | (Base & { kind: "closure"; node: Node })
  | (Base & { kind: "pointer"; name: string })
  | (Base & { kind: "let"; name: string; value: Node; expr: Node })
  | (Base & { kind: "conditional"; cond: Node; exp1: Node; exp2: Node })
  | (Base & { kind: "array"; nodes: Node[] })
  | (Base & { kind: "map"; pairs: Pair[] });

export interface Pair {
  key: Node;
  value: Node;
}

export type NodeOf<K extends Node["kind"]> = Extract<Node, { kind: K }>;

/** Predicates and their closure arity, as the expr parser knows them. */
export const predicates: Record<string, number> = {
  all: 2,
  none: 2,
  any: 2,
  one: 2,
  filter: 2,
  map: 2,
  count: 2,
  find: 2,
  findIndex: 2,
  findLast: 2,
  findLastIndex: 2,
  groupBy: 2,
  reduce: 3,
};

/** Every builtin name of expr v1.15.5 (a call to one of these parses as a builtin, not a function call). */
export const builtinNames = new Set([
  ...Object.keys(predicates),
  "len",
  "type",
  "abs",
  "ceil",
  "floor",
  "round",
  "int",
  "float",
  "string",
  "trim",
  "trimPrefix",
  "trimSuffix",
  "upper",
  "lower",
  "split",
  "splitAfter",
  "replace",
  "repeat",
  "join",
  "indexOf",
  "lastIndexOf",
  "hasPrefix",
  "hasSuffix",
  "max",
  "min",
  "sum",
  "mean",
  "median",
  "toJSON",
  "fromJSON",
  "toBase64",
  "fromBase64",
  "now",
  "duration",
  "date",
  "first",
  "last",
  "get",
  "take",
  "keys",
  "values",
  "toPairs",
  "fromPairs",
  "sort",
  "sortBy",
]);
