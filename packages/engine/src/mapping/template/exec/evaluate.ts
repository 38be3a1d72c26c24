/**
 * Expression evaluation with Go's reflection rules: pipelines pass their value as the last argument, literal
 * arguments convert to the parameter's Go type, missing values become zero values only for nil-able parameters,
 * and wrong types are execution errors.
 */

import type {
  ArgNode,
  ChainNode,
  CommandNode,
  FieldNode,
  IdentifierNode,
  NumberNode,
  PipeNode,
  VariableNode,
} from "../ast.ts";
import { nodeString } from "../ast.ts";
import { assignable, canBeNil, type FuncDef, GoCallError, GO_TYPE_NAMES, type ParamType, zeroOf } from "../funcs.ts";
import { GoInt, type GoValue, isMap, isTrue, mapHas, typeName } from "../values.ts";
import { ExecState, type Final, MISSING, type Node } from "./state.ts";

// The evaluator keeps text/template's evaluation signatures (dot, node, args, final, receiver) so each step can be
// checked against Go's exec.go; bundling them into objects would only obscure that correspondence.
/* eslint-disable max-params */
export class Evaluator extends ExecState {
  // Expressions.

  protected evalPipeline(dot: GoValue, pipe: PipeNode): GoValue {
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      // A nil interface{} result is "no value" from here on (Go digs into interface{} results).
      if (value === null) value = undefined;
    }
    const result = value === MISSING ? undefined : value;
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0] ?? "", result);
      else this.push(v.ident[0] ?? "", result);
    }
    return result;
  }

  protected evalCommand(dot: GoValue, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0];
    if (!first) return this.errorf("empty command");
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, first, cmd.args, final);
      case "chain":
        return this.evalChainNode(dot, first, cmd.args, final);
      case "identifier":
        return this.evalFunction(dot, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case "variable":
        return this.evalVariableNode(dot, first, cmd.args, final);
      default:
        break; // literals: handled below
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        return this.errorf("nil is not a command");
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
  }

  protected notAFunction(args: readonly ArgNode[] | null, final: Final): void {
    if (args && (args.length > 1 || final !== MISSING)) {
      this.errorf(`can't give argument to non-function ${args[0] ? nodeString(args[0]) : ""}`);
    }
  }

  protected idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const isHexInt = n.text.length > 2 && n.text[0] === "0" && "xX".includes(n.text[1] ?? "") && !/[pP]/.test(n.text);
    if (n.isFloat && !isHexInt && !n.isChar && /[.eEpP]/.test(n.text)) return n.float64;
    if (n.isInt) return new GoInt("int", n.int64);
    if (n.isUint) return this.errorf(`${n.text} overflows int`);
    return undefined;
  }

  protected evalFieldNode(dot: GoValue, field: FieldNode, args: readonly ArgNode[] | null, final: Final): GoValue {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  protected evalChainNode(dot: GoValue, chain: ChainNode, args: readonly ArgNode[] | null, final: Final): GoValue {
    this.at(chain);
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const base = this.evalArg(dot, undefined, chain.node);
    return this.evalFieldChain(dot, base, chain, chain.field, args, final);
  }

  protected evalVariableNode(dot: GoValue, v: VariableNode, args: readonly ArgNode[] | null, final: Final): GoValue {
    this.at(v);
    const value = this.varValue(v.ident[0] ?? "");
    if (v.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, v, v.ident.slice(1), args, final);
  }

  protected evalFieldChain(
    dot: GoValue,
    receiver: GoValue,
    node: Node,
    ident: readonly string[],
    args: readonly ArgNode[] | null,
    final: Final,
  ): GoValue {
    let r = receiver;
    for (let i = 0; i < ident.length - 1; i++) r = this.evalField(dot, ident[i] ?? "", node, null, MISSING, r);
    return this.evalField(dot, ident[ident.length - 1] ?? "", node, args, final, r);
  }

  protected evalField(
    dot: GoValue,
    name: string,
    node: Node,
    args: readonly ArgNode[] | null,
    final: Final,
    receiver: GoValue,
  ): GoValue {
    if (receiver === undefined) return undefined;
    if (receiver === null) return this.errorf(`nil pointer evaluating interface {}.${name}`);
    const method = this.funcs.method(receiver, name);
    if (method) return this.evalCall(dot, method, false, node, name, args, final);
    const hasArgs = (args?.length ?? 0) > 1 || final !== MISSING;
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${name} is not a method but has arguments`);
      return mapHas(receiver, name) ? receiver[name] : undefined;
    }
    return this.errorf(`can't evaluate field ${name} in type ${typeName(receiver)}`);
  }

  protected evalFunction(
    dot: GoValue,
    node: IdentifierNode,
    cmd: Node,
    args: readonly ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.at(node);
    const f = this.funcs.fn(node.name);
    if (!f) return this.errorf(`${JSON.stringify(node.name)} is not a defined function`);
    return this.evalCall(dot, f.def, f.builtin, cmd, node.name, args, final);
  }

  protected evalCall(
    dot: GoValue,
    fn: FuncDef,
    builtin: boolean,
    node: Node,
    name: string,
    args: readonly ArgNode[] | null,
    final: Final,
  ): GoValue {
    this.step();
    const argNodes = args ? args.slice(1) : [];
    const numIn = argNodes.length + (final !== MISSING ? 1 : 0);
    let numFixed = argNodes.length;
    if (fn.variadic !== undefined) {
      numFixed = fn.params.length;
      if (numIn < numFixed)
        this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${argNodes.length}`);
    } else if (numIn !== fn.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${fn.params.length} got ${numIn}`);
    }
    if (builtin && (name === "and" || name === "or")) {
      let v: GoValue = undefined;
      for (const a of argNodes) {
        v = this.evalArg(dot, "value", a);
        if (isTrue(v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = this.validateType(final, "value");
      return v;
    }
    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < argNodes.length; i++) argv.push(this.evalArg(dot, fn.params[i], argNodes[i]!));
    if (fn.variadic !== undefined)
      for (; i < argNodes.length; i++) argv.push(this.evalArg(dot, fn.variadic, argNodes[i]!));
    if (final !== MISSING) {
      let t = fn.params[fn.params.length - 1];
      if (fn.variadic !== undefined) t = numIn - 1 < numFixed ? fn.params[numIn - 1] : fn.variadic;
      argv.push(this.validateType(final, t));
    }
    try {
      return fn.call(argv, this.ctx);
    } catch (e) {
      if (!(e instanceof GoCallError)) throw e;
      this.at(node);
      return this.errorf(`error calling ${name}: ${e.message}`);
    }
  }

  /** Evaluates an argument for a parameter of type `typ` (undefined: untyped, as for a chain's base). */
  protected evalArg(dot: GoValue, typ: ParamType | undefined, n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case "dot":
        return this.validateType(dot, typ);
      case "nil":
        if (typ !== undefined && canBeNil(typ)) return zeroOf(typ);
        return this.errorf(`cannot assign nil to ${typ ? GO_TYPE_NAMES[typ] : "<nil>"}`);
      case "field":
        return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case "variable":
        return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case "pipe":
        return this.validateType(this.evalPipeline(dot, n), typ);
      case "identifier":
        return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case "chain":
        return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
      default:
        break; // literals: converted per parameter type below
    }
    switch (typ) {
      case "bool":
        if (n.type === "bool") return n.value;
        return this.errorf(`expected bool; found ${nodeString(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return n.float64;
        return this.errorf(`expected float; found ${nodeString(n)}`);
      case "int":
      case "int64":
        if (n.type === "number" && n.isInt) return new GoInt(typ, n.int64);
        return this.errorf(`expected integer; found ${nodeString(n)}`);
      case "string":
        if (n.type === "string") return n.text;
        return this.errorf(`expected string; found ${nodeString(n)}`);
      case "any":
      case "value":
        if (n.type === "bool") return n.value;
        if (n.type === "number") return this.idealConstant(n);
        return n.text;
      default:
        return this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ ? GO_TYPE_NAMES[typ] : "<nil>"}`);
    }
  }

  protected validateType(value: GoValue, typ: ParamType | undefined): GoValue {
    if (value === undefined) {
      if (typ === undefined) return undefined;
      if (canBeNil(typ)) return zeroOf(typ);
      return this.errorf(`invalid value; expected ${GO_TYPE_NAMES[typ]}`);
    }
    if (typ === undefined || typ === "any" || typ === "value") return value;
    if (value === null) return this.errorf(`wrong type for value; expected ${GO_TYPE_NAMES[typ]}; got interface {}`);
    if (!assignable(value, typ)) {
      this.errorf(`wrong type for value; expected ${GO_TYPE_NAMES[typ]}; got ${typeName(value)}`);
    }
    return value;
  }
}
