/**
 * expr's predicate builtins, evaluated like the loops expr compiles them to: `all`/`none`/`any` stop early, `one`,
 * `count` and `filter` demand a bool from every predicate call (`filter` then `map` are fused by the optimizer, and
 * `filter(…)[0]` becomes a lazy `find`), `#`, `#index` and `#acc` read the innermost scope. Pure.
 */
import type { Node, NodeOf } from "./ast.ts";
import { ExprPanic, asBool, elementAt, lengthOf } from "./runtime.ts";

/** One loop over a collection. */
export interface Scope {
  collection: unknown;
  index: number;
  acc: unknown;
}

/** What predicates need from the interpreter. */
export interface PredicateContext {
  readonly scopes: Scope[];
  run(node: Node): unknown;
  grow(size: number): void;
}

/** Evaluate a predicate builtin (`all`, `filter`, `map`, `find`, `reduce`…) the way expr's compiled loops do. */
export function runPredicate(ctx: PredicateContext, node: NodeOf<"builtin">): unknown {
  const [source, closure, initial] = node.args as [Node, Node, Node | undefined];
  const collection = ctx.run(source);
  const length = lengthOf(collection, "reflect");
  const scope: Scope = { collection, index: 0, acc: null };
  ctx.scopes.push(scope);
  try {
    const test = (): boolean => asBool(ctx.run(closure));
    const current = (): unknown => (node.map ? ctx.run(node.map) : elementAt(collection, scope.index));
    switch (node.name) {
      case "all":
      case "none":
      case "any":
      case "one":
      case "count":
      case "filter": {
        let count = 0;
        const kept: unknown[] = [];
        for (; scope.index < length; scope.index++) {
          const ok = test();
          if (node.name === "all" && !ok) return false;
          if (node.name === "none" && ok) return false;
          if (node.name === "any" && ok) return true;
          if (ok) {
            count++;
            if (node.name === "filter") kept.push(current());
          }
        }
        if (node.name === "all" || node.name === "none") return true;
        if (node.name === "any") return false;
        if (node.name === "one") return count === 1;
        if (node.name === "count") return BigInt(count);
        ctx.grow(kept.length);
        return kept;
      }
      case "map": {
        const out: unknown[] = [];
        for (; scope.index < length; scope.index++) out.push(ctx.run(closure));
        ctx.grow(length);
        return out;
      }
      case "find":
      case "findIndex":
      case "findLast":
      case "findLastIndex": {
        const backwards = node.name === "findLast" || node.name === "findLastIndex";
        for (
          scope.index = backwards ? length - 1 : 0;
          backwards ? scope.index >= 0 : scope.index < length;
          scope.index += backwards ? -1 : 1
        ) {
          if (test()) return node.name.endsWith("Index") ? BigInt(scope.index) : current();
        }
        if (node.throws) throw new ExprPanic("reflect: slice index out of range");
        return null;
      }
      case "reduce": {
        if (initial) scope.acc = ctx.run(initial);
        else {
          scope.acc = elementAt(collection, 0);
          scope.index = 1;
        }
        for (; scope.index < length; scope.index++) scope.acc = ctx.run(closure);
        return scope.acc;
      }
      default:
        throw new ExprPanic(`unknown builtin ${node.name}`);
    }
  } finally {
    ctx.scopes.pop();
  }
}
