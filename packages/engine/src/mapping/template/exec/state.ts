/** Execution state shared by the evaluator and the statement walker: output, variables, limits and errors. */

import type { ArgNode, CommandNode, TreeNode } from "../ast.ts";
import { nodeString } from "../ast.ts";
import { TemplateExecError } from "../errors.ts";
import type { CallContext, FuncDef } from "../funcs.ts";
import type { GoValue } from "../values.ts";

/** Looks up functions and methods for the executor. */
export interface FunctionTable {
  fn(name: string): { def: FuncDef; builtin: boolean } | undefined;
  method(receiver: GoValue, name: string): FuncDef | undefined;
}

export interface ExecLimits {
  readonly maxOutputLength: number;
  readonly maxSteps: number;
}

export const MISSING = Symbol("missing");
export type Final = GoValue | typeof MISSING;

/** Thrown to unwind `{{break}}` and `{{continue}}` to the enclosing range (preallocated: no stack capture per use). */
export class LoopSignal extends Error {}
export const BREAK = new LoopSignal("break");
export const CONTINUE = new LoopSignal("continue");

/** What {@link ExecState} needs besides the tree: see `execute`. */
export interface ExecOptions {
  readonly source: string;
  readonly name: string;
  readonly funcs: FunctionTable;
  readonly limits: ExecLimits;
  readonly now: () => Date;
}

export type Node = ArgNode | CommandNode | TreeNode;

export class ExecState {
  out = "";
  protected vars: { name: string; value: GoValue }[] = [];
  protected node: Node | undefined;
  protected steps = 0;
  protected readonly ctx: CallContext;
  protected readonly source: string;
  protected readonly name: string;
  protected readonly funcs: FunctionTable;
  protected readonly limits: ExecLimits;

  constructor(opts: ExecOptions) {
    this.source = opts.source;
    this.name = opts.name;
    this.funcs = opts.funcs;
    this.limits = opts.limits;
    this.ctx = {
      now: opts.now,
      checkSize: (n: number): void => {
        if (n > this.limits.maxOutputLength) this.limit(`result of ${n} characters exceeds the template output limit`);
      },
    };
  }

  // Errors.

  protected at(node: Node): void {
    this.node = node;
  }

  errorf(message: string): never {
    const node = this.node;
    if (!node) throw new TemplateExecError(`template: ${this.name}: ${message}`);
    const before = this.source.slice(0, node.pos);
    const nl = before.lastIndexOf("\n");
    const line = 1 + (before.match(/\n/g)?.length ?? 0);
    const col = nl < 0 ? node.pos : node.pos - nl - 1;
    let context = nodeString(node);
    if (context.length > 20) context = context.slice(0, 20) + "...";
    throw new TemplateExecError(
      `template: ${this.name}:${line}:${col}: executing "${this.name}" at <${context}>: ${message}`,
    );
  }

  protected limit(message: string): never {
    throw new TemplateExecError(`template: ${this.name}: ${message}`, { code: "TEMPLATE_LIMIT_EXCEEDED" });
  }

  protected step(): void {
    if (++this.steps > this.limits.maxSteps) this.limit(`execution exceeded ${this.limits.maxSteps} steps`);
  }

  protected write(s: string): void {
    this.out += s;
    if (this.out.length > this.limits.maxOutputLength) {
      this.limit(`output exceeds ${this.limits.maxOutputLength} characters`);
    }
  }

  // Variables.

  protected push(name: string, value: GoValue): void {
    this.vars.push({ name, value });
  }

  protected pop(mark: number): void {
    this.vars.length = mark;
  }

  protected setVar(name: string, value: GoValue): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) {
        v.value = value;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  protected setTopVar(n: number, value: GoValue): void {
    const v = this.vars[this.vars.length - n];
    if (v) v.value = value;
  }

  protected varValue(name: string): GoValue {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i];
      if (v && v.name === name) return v.value;
    }
    return this.errorf(`undefined variable: ${name}`);
  }
}
