/**
 * expr's static checker. With Argo's `expr.Eval(input, env)` the program is compiled without an environment, so every
 * identifier is `interface{}` and only literals, builtins and operators carry types; that is still enough to reject
 * `"a" + 1`, `42 in ["a"]` or `upper(1)` at compile time, even on a branch that would never run. Trigger conditions
 * are checked against a typed environment (every dependency a string, unknown names rejected). Mutates the AST:
 * writes `type` on each node and pre-compiles constant `matches` patterns. Pure otherwise.
 */
import { builtinNames, type Node, type NodeOf } from "./ast.ts";
import { checkBuiltin, type CheckerContext, type Info, type Result } from "./checkBuiltins.ts";
import { binaryType, is } from "./checkOperators.ts";
import { SourceError } from "./lexer.ts";
import { T, assignable, typeName, type GoType } from "./types.ts";

/** The static environment: `types` of known names; `strict` rejects unknown names (expr.Env), otherwise `any`. */
export interface CheckEnv {
  types: Readonly<Record<string, GoType>>;
  strict: boolean;
}

class Checker implements CheckerContext {
  readonly predicateScopes: { collection: GoType; vars: Record<string, GoType> }[] = [];
  readonly variables: { name: string; type: GoType; info: Info }[] = [];

  constructor(readonly env: CheckEnv) {}

  fail(node: Node, message: string): never {
    throw new SourceError(message, node.location);
  }

  visit(node: Node): Result {
    const [type, info] = this.dispatch(node);
    node.type = type;
    return [type, info];
  }

  dispatch(node: Node): Result {
    switch (node.kind) {
      case "nil":
        return [T.nil, {}];
      case "identifier":
        return this.identifier(node.name, node, true);
      case "integer":
        return [T.int, {}];
      case "float":
        return [T.float, {}];
      case "bool":
        return [T.bool, {}];
      case "string":
        return [T.string, {}];
      case "constant":
        return [T.any, {}];
      case "unary":
        return this.unary(node);
      case "binary":
        return this.binary(node);
      case "chain":
        return this.visit(node.node);
      case "member":
        return this.member(node);
      case "slice":
        return this.slice(node);
      case "call":
        return this.call(node);
      case "builtin":
        return this.builtin(node);
      case "closure": {
        const [t] = this.visit(node.node);
        if (t.kind === "nil") this.fail(node.node, "closure cannot be nil");
        return [{ kind: "func", text: `func(interface {}) ${typeName(t)}`, out: t }, {}];
      }
      case "pointer":
        return this.pointer(node);
      case "let":
        return this.variable(node);
      case "conditional":
        return this.conditional(node);
      case "array":
        return this.array(node);
      case "map":
        for (const pair of node.pairs) {
          this.visit(pair.key);
          this.visit(pair.value);
        }
        return [T.map, {}];
    }
  }

  identifier(name: string, node: Node, strict: boolean): Result {
    for (let i = this.variables.length - 1; i >= 0; i--) {
      const v = this.variables[i];
      if (v?.name === name) return [v.type, v.info];
    }
    if (name === "$env") return [T.map, {}];
    return this.lookupEnv(name, node, strict);
  }

  /** A name from the environment: builtins shadow it (a payload key named `type` is a function here, as in expr). */
  lookupEnv(name: string, node: Node, strict: boolean): Result {
    if (builtinNames.has(name)) return [T.function, { builtin: name }];
    if (Object.hasOwn(this.env.types, name)) return [this.env.types[name] as GoType, {}];
    if (this.env.strict && strict) this.fail(node, `unknown name ${name}`);
    return [T.any, {}];
  }

  unary(node: NodeOf<"unary">): Result {
    const [t] = this.visit(node.node);
    if ((node.operator === "!" || node.operator === "not") && (is.bool(t) || is.any(t))) return [T.bool, {}];
    if ((node.operator === "+" || node.operator === "-") && is.number(t)) return [t, {}];
    if ((node.operator === "+" || node.operator === "-") && is.any(t)) return [T.any, {}];
    return this.fail(node, `invalid operation: ${node.operator} (mismatched type ${typeName(t)})`);
  }

  binary(node: NodeOf<"binary">): Result {
    return binaryType(this, node);
  }

  member(node: NodeOf<"member">): Result {
    const [base] = this.visit(node.node);
    const [prop] = this.visit(node.property);
    if (node.node.kind === "identifier" && node.node.name === "$env") {
      if (node.property.kind === "string")
        return this.lookupEnv(node.property.value, node, this.env.strict && !node.optional);
      return [T.any, {}];
    }
    if (node.property.kind === "string" && base.kind === "nil")
      this.fail(node, `type <nil> has no field ${node.property.value}`);
    if (base.kind === "interface") return [T.any, {}];
    if (base.kind === "map") {
      if (prop.kind !== "nil" && !assignable(prop, base.key) && !is.any(prop)) {
        this.fail(node.property, `cannot use ${typeName(prop)} to get an element from ${typeName(base)}`);
      }
      return [base.elem, {}];
    }
    if (base.kind === "slice") {
      if (!is.int(prop) && !is.any(prop))
        this.fail(node.property, `array elements can only be selected using an integer (got ${typeName(prop)})`);
      return [base.elem, {}];
    }
    return this.fail(node, `type ${typeName(base)}[${typeName(prop)}] is undefined`);
  }

  slice(node: NodeOf<"slice">): Result {
    const [t] = this.visit(node.node);
    if (!["interface", "string", "slice"].includes(t.kind)) this.fail(node, `cannot slice ${typeName(t)}`);
    for (const bound of [node.from, node.to]) {
      if (!bound) continue;
      const [b] = this.visit(bound);
      if (!is.int(b) && !is.any(b)) this.fail(bound, `non-integer slice index ${typeName(b)}`);
    }
    return [t, {}];
  }

  call(node: NodeOf<"call">): Result {
    const [fn] = this.visit(node.callee);
    const name =
      node.callee.kind === "identifier"
        ? node.callee.name
        : node.callee.kind === "member" && node.callee.property.kind === "string"
          ? node.callee.property.value
          : "function";
    if (fn.kind === "nil") this.fail(node, `${name} is nil; cannot call nil as function`);
    // Arguments of a dynamically typed call are not checked at all (expr returns before visiting them).
    if (fn.kind === "interface") return [T.any, {}];
    if (fn.kind === "func") {
      for (const arg of node.args) this.visit(arg);
      return [T.any, {}];
    }
    return this.fail(node, `${typeName(fn)} is not callable`);
  }

  builtin(node: NodeOf<"builtin">): Result {
    return checkBuiltin(this, node);
  }

  withPredicateScope<R>(collection: GoType, vars: Record<string, GoType>, f: () => R): R {
    this.predicateScopes.push({ collection, vars });
    try {
      return f();
    } finally {
      this.predicateScopes.pop();
    }
  }

  envType(name: string): GoType | undefined {
    return Object.hasOwn(this.env.types, name) ? this.env.types[name] : undefined;
  }

  pointer(node: NodeOf<"pointer">): Result {
    const scope = this.predicateScopes[this.predicateScopes.length - 1];
    if (!scope) return this.fail(node, "cannot use pointer accessor outside closure");
    if (node.name === "") {
      if (scope.collection.kind === "interface") return [T.any, {}];
      if (scope.collection.kind === "slice") return [scope.collection.elem, {}];
      return this.fail(node, `cannot use ${typeName(scope.collection)} as array`);
    }
    const t = scope.vars[node.name];
    if (!t) return this.fail(node, `unknown pointer #${node.name}`);
    return [t, {}];
  }

  variable(node: NodeOf<"let">): Result {
    if (Object.hasOwn(this.env.types, node.name)) this.fail(node, `cannot redeclare ${node.name}`);
    if (builtinNames.has(node.name)) {
      this.fail(node, `cannot redeclare builtin ${node.name}`);
    }
    if (this.variables.some((v) => v.name === node.name)) this.fail(node, `cannot redeclare variable ${node.name}`);
    const [type, info] = this.visit(node.value);
    this.variables.push({ name: node.name, type, info });
    const result = this.visit(node.expr);
    this.variables.pop();
    return result;
  }

  conditional(node: NodeOf<"conditional">): Result {
    const [c] = this.visit(node.cond);
    if (!is.bool(c) && !is.any(c)) this.fail(node.cond, `non-bool expression (type ${typeName(c)}) used as condition`);
    const [t1] = this.visit(node.exp1);
    const [t2] = this.visit(node.exp2);
    if (t1.kind === "nil") return [t2, {}];
    if (t2.kind === "nil") return [t1, {}];
    return [assignable(t1, t2) ? t1 : T.any, {}];
  }

  array(node: NodeOf<"array">): Result {
    let prev: GoType | undefined;
    let same = true;
    for (const [i, item] of node.nodes.entries()) {
      const [t] = this.visit(item);
      if (i > 0 && (t.kind === "nil" || prev?.kind === "nil" || t.kind !== prev?.kind)) same = false;
      prev = t;
    }
    return [T.array, same && prev && prev.kind !== "nil" ? { elem: prev } : {}];
  }
}

/** Type-check `root` in place; throws {@link SourceError} at the first static error. */
export function check(root: Node, env: CheckEnv): GoType {
  return new Checker(env).visit(root)[0];
}
