/**
 * Public and shared types of the expr port: static Go types (what expr's checker reasons about), the compiled
 * program, results, and {@link ExprParseError}.
 */
import { EngineError } from "../../errors.ts";
import type { Node } from "./ast.ts";

/** A static Go type as expr's checker sees it; `nil` is the type of the `nil` literal (Go's nil reflect.Type). */
export type GoType =
  | { kind: "nil" }
  | { kind: "interface" }
  | { kind: "bool" }
  | { kind: "int" }
  | { kind: "float64" }
  | { kind: "string" }
  | { kind: "slice"; elem: GoType }
  | { kind: "map"; key: GoType; elem: GoType }
  | { kind: "func"; text: string; out: GoType };

export const T = {
  nil: { kind: "nil" },
  any: { kind: "interface" },
  bool: { kind: "bool" },
  int: { kind: "int" },
  float: { kind: "float64" },
  string: { kind: "string" },
  array: { kind: "slice", elem: { kind: "interface" } },
  map: { kind: "map", key: { kind: "string" }, elem: { kind: "interface" } },
  function: { kind: "func", text: "func(...interface {}) (interface {}, error)", out: { kind: "interface" } },
} as const satisfies Record<string, GoType>;

/** Go's spelling of a type, as used in expr's error messages. */
export function typeName(t: GoType): string {
  switch (t.kind) {
    case "nil":
      return "<nil>";
    case "interface":
      return "interface {}";
    case "slice":
      return `[]${typeName(t.elem)}`;
    case "map":
      return `map[${typeName(t.key)}]${typeName(t.elem)}`;
    case "func":
      return t.text;
    default:
      return t.kind;
  }
}

/** Structural identity (Go's `==` on reflect.Type for the types that occur here). */
export function sameType(a: GoType, b: GoType): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "slice" && b.kind === "slice") return sameType(a.elem, b.elem);
  if (a.kind === "map" && b.kind === "map") return sameType(a.key, b.key) && sameType(a.elem, b.elem);
  if (a.kind === "func" && b.kind === "func") return a.text === b.text;
  return true;
}

/** Go's `AssignableTo`: identical, or the target is `interface{}`. */
export function assignable(from: GoType, to: GoType): boolean {
  return to.kind === "interface" || sameType(from, to);
}

/** An expr expression rejected at compile time (syntax or static type error), with its 1-based line and column. */
export class ExprParseError extends EngineError {
  readonly line: number;
  readonly column: number;
  readonly expression: string;
  constructor(
    message: string,
    details: { line: number; column: number; expression: string },
    options?: { cause?: unknown },
  ) {
    super("VALIDATION", message, options);
    this.name = "ExprParseError";
    this.line = details.line;
    this.column = details.column;
    this.expression = details.expression;
  }
}

/** A compiled expr expression (checked and optimised AST): immutable, evaluate it any number of times. */
export interface CompiledExpr {
  readonly source: string;
  readonly root: Node;
}

export type ExprCompileResult = { ok: true; expression: CompiledExpr } | { ok: false; error: ExprParseError };

export type ExprEvalResult = { ok: true; value: unknown } | { ok: false; error: string };

/** A function callable from expressions; Go-typed ones check arity and string parameters like `reflect.Call`. */
export type HostFunction = (...args: unknown[]) => unknown;

export interface SourceFilterOptions {
  /**
   * Functions exposed as `sprig.<name>(…)` (the host passes the sprig implementation; `env` and `expandenv` are
   * never exposed). Arguments arrive as plain JS values (ints as numbers); a returned `bigint` is a Go int.
   */
  functions?: Readonly<Record<string, HostFunction>>;
}

export interface SourceFilterResult {
  match: boolean;
  reason: string;
}
