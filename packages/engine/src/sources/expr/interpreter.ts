/**
 * Evaluates a checked, optimised expr AST with the semantics of expr's VM: `and`/`or` return the deciding operand
 * unchecked, `not`, `?:` and predicates demand real bools, `?.` short-circuits its whole chain, calls evaluate their
 * arguments before the callee, map literals keep the first of duplicate keys, and arrays/maps/ranges draw on a
 * 1e6-element memory budget. Pure and deterministic; throws only {@link ExprPanic}.
 */
import type { Node, NodeOf } from "./ast.ts";
import { builtins } from "./builtins.ts";
import { runPredicate, type PredicateContext, type Scope } from "./predicates.ts";
import { typedSlice } from "./goFormat.ts";
import {
  ExprPanic,
  GoFunc,
  add,
  asBool,
  asString,
  compare,
  divide,
  elementAt,
  equal,
  exponent,
  fetch,
  goTypeOf,
  inOp,
  isMap,
  kindName,
  lengthOf,
  makeRange,
  modulo,
  multiply,
  negate,
  slice,
  subtract,
  toInt,
} from "./runtime.ts";
import { RE2JS } from "re2js";

const MEMORY_BUDGET = 1_000_000;

/** Thrown by `?.` on nil and caught by the enclosing chain (expr's jump to the end of the chain). */
class NilChain extends Error {}

/** Convert a value for a host function: ints become numbers, typed slices plain arrays. */
export function toPlain(value: unknown): unknown {
  if (typeof value === "bigint") return Number(value);
  if (Array.isArray(value)) return value.map(toPlain);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toPlain(v)]));
  return value;
}

class Interpreter implements PredicateContext {
  memory = 0;
  readonly scopes: Scope[] = [];
  readonly variables: { name: string; value: unknown }[] = [];

  constructor(readonly env: Record<string, unknown>) {}

  grow(size: number): void {
    this.memory += size;
    if (this.memory >= MEMORY_BUDGET) throw new ExprPanic("memory budget exceeded");
  }

  run(node: Node): unknown {
    switch (node.kind) {
      case "nil":
        return null;
      case "identifier":
        return this.identifier(node.name);
      case "integer":
      case "float":
      case "bool":
      case "string":
        return node.value;
      case "constant":
        return node.value;
      case "unary": {
        const v = this.run(node.node);
        if (node.operator === "-") return negate(v);
        if (node.operator === "+") return v;
        return !asBool(v);
      }
      case "binary":
        return this.binary(node);
      case "chain":
        try {
          return this.run(node.node);
        } catch (signal) {
          if (signal instanceof NilChain) return null;
          throw signal;
        }
      case "member": {
        const base = this.run(node.node);
        if (node.optional && base === null) throw new NilChain();
        return fetch(base, this.run(node.property));
      }
      case "slice": {
        const value = this.run(node.node);
        const to = node.to ? this.run(node.to) : BigInt(lengthOf(value, "len"));
        const from = node.from ? this.run(node.from) : 0n;
        return slice(value, from, to);
      }
      case "call":
        return this.call(node);
      case "builtin":
        return this.builtin(node);
      case "closure":
        return this.run(node.node);
      case "pointer": {
        const scope = this.scopes[this.scopes.length - 1];
        if (!scope) throw new ExprPanic("cannot use pointer accessor outside closure");
        if (node.name === "index") return BigInt(scope.index);
        if (node.name === "acc") return scope.acc;
        return elementAt(scope.collection, scope.index);
      }
      case "let": {
        this.variables.push({ name: node.name, value: this.run(node.value) });
        try {
          return this.run(node.expr);
        } finally {
          this.variables.pop();
        }
      }
      case "conditional":
        return asBool(this.run(node.cond)) ? this.run(node.exp1) : this.run(node.exp2);
      case "array": {
        const items = node.nodes.map((n) => this.run(n));
        this.grow(items.length);
        return items;
      }
      case "map": {
        const entries = node.pairs.map((pair) => [this.run(pair.key), this.run(pair.value)] as const);
        this.grow(entries.length);
        const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (const [key, value] of entries.reverse()) out[asString(key)] = value;
        return out;
      }
    }
  }

  identifier(name: string): unknown {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      const v = this.variables[i];
      if (v?.name === name) return v.value;
    }
    if (name === "$env") return this.env;
    return Object.hasOwn(this.env, name) ? (this.env[name] ?? null) : null;
  }

  binary(node: NodeOf<"binary">): unknown {
    const op = node.operator;
    if (op === "or" || op === "||") {
      const l = this.run(node.left);
      return asBool(l) ? l : this.run(node.right);
    }
    if (op === "and" || op === "&&") {
      const l = this.run(node.left);
      return asBool(l) ? this.run(node.right) : l;
    }
    if (op === "??") {
      const l = this.run(node.left);
      return l !== null ? l : this.run(node.right);
    }
    const l = this.run(node.left);
    if (op === "matches" && node.regexp instanceof RE2JS) return node.regexp.test(asString(l));
    const r = this.run(node.right);
    switch (op) {
      case "==":
        return equal(l, r);
      case "!=":
        return !equal(l, r);
      case "<":
        return compare(l, r, op) < 0;
      case ">":
        return compare(l, r, op) > 0;
      case "<=":
        return compare(l, r, op) <= 0;
      case ">=":
        return compare(l, r, op) >= 0;
      case "+":
        return add(l, r);
      case "-":
        return subtract(l, r);
      case "*":
        return multiply(l, r);
      case "/":
        return divide(l, r);
      case "%":
        return modulo(l, r);
      case "**":
      case "^":
        return exponent(l, r);
      case "in":
        return inOp(l, r);
      case "matches": {
        let re: RE2JS;
        try {
          re = RE2JS.compile(asString(r));
        } catch (error) {
          if (error instanceof ExprPanic) throw error;
          throw new ExprPanic(error instanceof Error ? error.message : String(error));
        }
        return re.test(asString(l));
      }
      case "contains":
        return asString(l).includes(asString(r));
      case "startsWith":
        return asString(l).startsWith(asString(r));
      case "endsWith":
        return asString(l).endsWith(asString(r));
      case "..": {
        const [min, max] = [toInt(l), toInt(r)];
        const size = max - min + 1n;
        this.grow(size > 0n ? Number(size) : 0);
        return makeRange(min, max);
      }
      default:
        throw new ExprPanic(`unknown operator (${op})`);
    }
  }

  call(node: NodeOf<"call">): unknown {
    const args = node.args.map((arg) => this.run(arg));
    const fn = this.run(node.callee);
    if (fn instanceof GoFunc) {
      if (fn.params !== "variadic") {
        if (args.length < fn.params.length) throw new ExprPanic("reflect: Call with too few input arguments");
        if (args.length > fn.params.length) throw new ExprPanic("reflect: Call with too many input arguments");
        fn.params.forEach((param, i) => {
          const arg = args[i] ?? null;
          if (param === "string" && typeof arg !== "string") {
            throw new ExprPanic(`reflect: Call using ${arg === null ? "interface {}" : goTypeOf(arg)} as type string`);
          }
        });
      }
      return fn.impl(...args);
    }
    if (typeof fn === "function") {
      const result: unknown = (fn as (...a: unknown[]) => unknown)(...args.map(toPlain));
      return result === undefined ? null : result;
    }
    if (fn === null) throw new ExprPanic("reflect: call of reflect.Value.Call on zero Value");
    throw new ExprPanic(`reflect: call of reflect.Value.Call on ${kindName(fn)} Value`);
  }

  builtin(node: NodeOf<"builtin">): unknown {
    const impl = builtins[node.name];
    if (impl) return impl(node.args.map((arg) => this.run(arg)));
    return runPredicate(this, node);
  }
}

/** Evaluate `root` against `env` (a `map[string]interface{}` of Go-model values); throws {@link ExprPanic}. */
export function interpret(root: Node, env: Record<string, unknown>): unknown {
  return new Interpreter(env).run(root);
}

export { typedSlice };
