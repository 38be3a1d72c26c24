/**
 * Static typing of expr's binary operators (the `BinaryNode` case of expr's checker): which operand types each
 * operator accepts when they are known, `interface{}` operands deferring the check to run time, and constant
 * `matches` patterns compiled (with RE2) at compile time.
 */
import { RE2JS } from "re2js";
import type { NodeOf } from "./ast.ts";
import type { CheckerContext, Result } from "./checkBuiltins.ts";
import { T, assignable, typeName, type GoType } from "./types.ts";

/** Kind tests on static types (expr's isAny, isInteger, …). */
export const is = {
  any: (t: GoType) => t.kind === "interface",
  int: (t: GoType) => t.kind === "int",
  float: (t: GoType) => t.kind === "float64",
  number: (t: GoType) => t.kind === "int" || t.kind === "float64",
  bool: (t: GoType) => t.kind === "bool",
  string: (t: GoType) => t.kind === "string",
  array: (t: GoType) => t.kind === "slice",
  map: (t: GoType) => t.kind === "map",
};

function either(l: GoType, r: GoType, ...fns: ((t: GoType) => boolean)[]): boolean {
  if (is.any(l) && is.any(r)) return true;
  if (is.any(l) && fns.some((f) => f(r))) return true;
  return is.any(r) && fns.some((f) => f(l));
}

function comparable(l: GoType | undefined, r: GoType | undefined): boolean {
  if (!l || !r || l.kind === "nil" || r.kind === "nil") return true;
  return l.kind === r.kind || (is.number(l) && is.number(r)) || is.any(l) || is.any(r);
}

function combined(a: GoType, b: GoType): GoType {
  if (a.kind === b.kind) return a;
  return is.float(a) || is.float(b) ? T.float : T.int;
}

/** Result type of a binary operator, or a compile error like expr's checker gives. */
export function binaryType(c: CheckerContext, node: NodeOf<"binary">): Result {
  const [l] = c.visit(node.left);
  const [r, ri] = c.visit(node.right);
  const ok = (t: GoType): Result => [t, {}];
  switch (node.operator) {
    case "==":
    case "!=":
      if (comparable(l, r)) return ok(T.bool);
      break;
    case "or":
    case "||":
    case "and":
    case "&&":
      if ((is.bool(l) && is.bool(r)) || either(l, r, is.bool)) return ok(T.bool);
      break;
    case "<":
    case ">":
    case ">=":
    case "<=":
      if ((is.number(l) && is.number(r)) || (is.string(l) && is.string(r)) || either(l, r, is.number, is.string))
        return ok(T.bool);
      break;
    case "-":
    case "*":
      if (is.number(l) && is.number(r)) return ok(combined(l, r));
      if (either(l, r, is.number)) return ok(T.any);
      break;
    case "/":
    case "**":
    case "^":
      if ((is.number(l) && is.number(r)) || either(l, r, is.number)) return ok(T.float);
      break;
    case "%":
      if (is.int(l) && is.int(r)) return ok(combined(l, r));
      if (either(l, r, is.int)) return ok(T.any);
      break;
    case "+":
      if (is.number(l) && is.number(r)) return ok(combined(l, r));
      if (is.string(l) && is.string(r)) return ok(T.string);
      if (either(l, r, is.number, is.string)) return ok(T.any);
      break;
    case "in":
      if (is.map(r) && r.kind === "map") {
        if (l.kind === "nil") return ok(T.bool);
        if (!is.any(l) && !assignable(l, r.key))
          c.fail(node, `cannot use ${typeName(l)} as type ${typeName(r.key)} in map key`);
        return ok(T.bool);
      }
      if (r.kind === "slice") {
        if (l.kind === "nil") return ok(T.bool);
        if (!comparable(l, r.elem)) c.fail(node, `cannot use ${typeName(l)} as type ${typeName(r.elem)} in array`);
        if (!comparable(l, ri.elem))
          c.fail(node, `cannot use ${typeName(l)} as type ${typeName(ri.elem as GoType)} in array`);
        return ok(T.bool);
      }
      if (is.any(l) && (is.string(r) || is.array(r) || is.map(r))) return ok(T.bool);
      if (is.any(r)) return ok(T.bool);
      break;
    case "matches":
      if (node.right.kind === "string") {
        try {
          node.regexp = RE2JS.compile(node.right.value);
        } catch (error) {
          c.fail(node, error instanceof Error ? error.message : String(error));
        }
      }
      if ((is.string(l) && is.string(r)) || either(l, r, is.string)) return ok(T.bool);
      break;
    case "contains":
    case "startsWith":
    case "endsWith":
      if ((is.string(l) && is.string(r)) || either(l, r, is.string)) return ok(T.bool);
      break;
    case "..":
      if ((is.int(l) && is.int(r)) || either(l, r, is.int)) return ok({ kind: "slice", elem: T.int });
      break;
    case "??":
      if (l.kind === "nil") return ok(r);
      if (r.kind === "nil") return ok(l);
      return ok(assignable(r, l) ? l : T.any);
    default:
      return c.fail(node, `unknown operator (${node.operator})`);
  }
  return c.fail(node, `invalid operation: ${node.operator} (mismatched types ${typeName(l)} and ${typeName(r)})`);
}
