/**
 * Executes a parsed template the way Go's text/template does (default `missingkey=default`): missing map keys are
 * invalid values that print `<no value>`, nil interfaces only become errors when a field is read through them,
 * literal arguments are converted to the parameter's Go type, and wrong argument types are execution errors.
 *
 * Deterministic apart from the injected clock and sprig's random functions; each call owns its state. Resource limits (output size, steps) are
 * Signalbox additions so a manifest cannot stall the engine.
 */

import type { ControlNode, ListNode, TreeNode } from "./ast.ts";
import { TemplateExecError } from "./errors.ts";
import { Evaluator } from "./exec/evaluate.ts";
import { BREAK, CONTINUE, type ExecOptions, LoopSignal } from "./exec/state.ts";
import { formatValue } from "./format.ts";
import { GoInt, type GoValue, int, isMap, isTrue, sortedKeys } from "./values.ts";

export type { ExecLimits, ExecOptions, FunctionTable } from "./exec/state.ts";

/** Walks statements: text, actions, if/with/range, break/continue. */
class Walker extends Evaluator {
  run(dot: GoValue, root: ListNode): string {
    this.vars = [{ name: "$", value: dot }];
    this.walk(dot, root);
    return this.out;
  }

  // Statements.

  protected walk(dot: GoValue, node: TreeNode): void {
    this.at(node);
    this.step();
    switch (node.type) {
      case "action": {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.write(val === undefined ? "<no value>" : formatValue(val));
        }
        return;
      }
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
      case "if":
      case "with":
        return this.walkIfOrWith(dot, node);
      case "list":
        for (const n of node.nodes) this.walk(dot, n);
        return;
      case "range":
        return this.walkRange(dot, node);
      case "text":
        return this.write(node.text);
    }
  }

  protected walkIfOrWith(dot: GoValue, node: ControlNode): void {
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, node.pipe);
      if (isTrue(val)) this.walk(node.type === "with" ? val : dot, node.list);
      else if (node.elseList) this.walk(dot, node.elseList);
    } finally {
      this.pop(mark);
    }
  }

  protected walkRange(dot: GoValue, r: ControlNode): void {
    this.at(r);
    const mark = this.vars.length;
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const inner = this.vars.length;
      const decl = r.pipe.decl;
      const one = (index: GoValue, elem: GoValue): void => {
        const [d0, d1] = decl;
        if (d0) {
          if (r.pipe.isAssign) this.setVar(d0.ident[0] ?? "", d1 ? index : elem);
          else this.setTopVar(1, elem);
        }
        if (d1) {
          if (r.pipe.isAssign) this.setVar(d1.ident[0] ?? "", elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(inner);
        }
      };
      try {
        if (val instanceof GoInt) {
          if (decl.length > 1) this.errorf(`can't use ${formatValue(val)} to iterate over more than one variable`);
          if (val.value > 0n) {
            for (let i = 0n; i < val.value; i++) {
              this.step();
              one(undefined, new GoInt(val.kind, i));
            }
            return;
          }
        } else if (Array.isArray(val)) {
          if (val.length > 0) {
            val.forEach((item, i) => {
              this.step();
              one(int(i), item);
            });
            return;
          }
        } else if (isMap(val)) {
          const keys = sortedKeys(val);
          if (keys.length > 0) {
            for (const k of keys) {
              this.step();
              one(k, val[k]);
            }
            return;
          }
        } else if (val !== undefined && val !== null) {
          this.errorf(`range can't iterate over ${formatValue(val)}`);
        }
      } catch (e) {
        if (e === BREAK) return;
        throw e;
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } finally {
      this.pop(mark);
    }
  }
}

/** Runs a parsed template against `dot`. Throws only {@link TemplateExecError}. */
export function execute(root: ListNode, dot: GoValue, opts: ExecOptions): string {
  const state = new Walker(opts);
  try {
    return state.run(dot, root);
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    if (e instanceof LoopSignal) throw new TemplateExecError("template: break or continue outside range");
    if (e instanceof RangeError && /call stack|string length|array length/i.test(e.message)) {
      throw new TemplateExecError(`template: ${opts.name}: execution exceeded a resource limit (${e.message})`, {
        code: "TEMPLATE_LIMIT_EXCEEDED",
        cause: e,
      });
    }
    throw new TemplateExecError(
      `template: ${opts.name}: internal error: ${e instanceof Error ? e.message : String(e)}`,
      {
        code: "TEMPLATE_INTERNAL_ERROR",
        cause: e,
      },
    );
  }
}
