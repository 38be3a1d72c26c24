/**
 * antonmedv/expr v1.15.5 (the version Argo Events pins) re-implemented for EventSource `filter.expression` (§4.3).
 * Compile when the EventSource is saved (syntax and static type errors are rejected with {@link ExprParseError}),
 * evaluate per event; evaluation is pure and never throws.
 *
 * @example
 * const compiled = compileExpr('body.id == 4 && body.name != "Joe"');
 * if (compiled.ok) evaluateSourceFilter(compiled.expression, '{"body":{"id":4,"name":"Ann"}}');
 * // { match: true, reason: "expression is true" }
 */
import { errorMessage } from "../../errors.ts";
import { check, type CheckEnv } from "./checker.ts";
import { sourceFilterEnv, toGoValue } from "./env.ts";
import { formatGoV } from "./goFormat.ts";
import { interpret, toPlain } from "./interpreter.ts";
import { SourceError } from "./lexer.ts";
import { optimize } from "./optimizer.ts";
import { parse } from "./parser.ts";
import { ExprPanic } from "./runtime.ts";
import {
  ExprParseError,
  type CompiledExpr,
  type ExprCompileResult,
  type ExprEvalResult,
  type GoType,
  type SourceFilterOptions,
  type SourceFilterResult,
} from "./types.ts";

export { ExprParseError } from "./types.ts";
export type {
  CompiledExpr,
  ExprCompileResult,
  ExprEvalResult,
  HostFunction,
  SourceFilterOptions,
  SourceFilterResult,
} from "./types.ts";

/** expr's error text: message, 1-based position, and the offending source line with a caret. */
function describe(error: SourceError, source: string): string {
  const loc = error.location;
  if (!loc) return error.message;
  const line = (source.split("\n")[loc.line - 1] ?? "").replaceAll("\t", " ");
  const caret = Array.from(line)
    .slice(0, loc.column)
    .some((ch) => ch.length > 1 || ch.codePointAt(0)! > 0x7f)
    ? ""
    : `\n | ${".".repeat(loc.column)}^`;
  return `${error.message} (${loc.line}:${loc.column + 1})\n | ${line}${caret}`;
}

/** @internal Compile against a static environment (trigger conditions use a typed, strict one). */
export function compileWithEnv(source: string, env: CheckEnv): ExprCompileResult {
  try {
    const tree = parse(source);
    check(tree, env);
    const root = optimize(tree);
    return { ok: true, expression: Object.freeze({ source, root }) };
  } catch (error) {
    const message =
      error instanceof SourceError
        ? describe(error, source)
        : error instanceof RangeError
          ? "expression is nested too deeply"
          : errorMessage(error);
    const loc = error instanceof SourceError ? error.location : null;
    return {
      ok: false,
      error: new ExprParseError(
        message,
        { line: loc?.line ?? 0, column: (loc?.column ?? -1) + 1, expression: source },
        { cause: error },
      ),
    };
  }
}

/** Compile like `expr.Compile(source)` without an environment, as Argo's `expr.Eval` does. */
export function compileExpr(source: string): ExprCompileResult {
  return compileWithEnv(source, { types: {}, strict: false });
}

/** @internal Evaluate with Go-model values in and out (ints are bigint); used by tests and trigger conditions. */
export function evaluateGo(expression: CompiledExpr, env: Record<string, unknown>): ExprEvalResult {
  try {
    return { ok: true, value: interpret(expression.root, env) };
  } catch (error) {
    if (error instanceof ExprPanic) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: "expression is nested too deeply" };
    return { ok: false, error: errorMessage(error) };
  }
}

/**
 * Evaluate against `env` (a `map[string]interface{}`: numbers are float64, a `bigint` is a Go int, functions are
 * callable). The result is plain JS: Go ints come back as numbers.
 */
export function evaluateExpr(expression: CompiledExpr, env: Readonly<Record<string, unknown>>): ExprEvalResult {
  const goEnv = toGoValue(env) as Record<string, unknown>;
  const result = evaluateGo(expression, goEnv);
  return result.ok ? { ok: true, value: toPlain(result.value) } : result;
}

/**
 * An EventSource filter (§4.3). `payload` is the event data: JSON text (string or bytes), or an already-decoded
 * value. It must decode to a JSON object; the expression must return a bool. Anything else, and any evaluation
 * error, drops the event (`match: false`) with the reason Argo would log.
 */
export function evaluateSourceFilter(
  expression: CompiledExpr,
  payload: unknown,
  options: SourceFilterOptions = {},
): SourceFilterResult {
  let env: Record<string, unknown>;
  try {
    env = sourceFilterEnv(payload, options.functions);
  } catch (error) {
    return { match: false, reason: error instanceof ExprPanic ? error.message : errorMessage(error) };
  }
  const result = evaluateGo(expression, env);
  if (!result.ok)
    return { match: false, reason: `unable to evaluate expression '${expression.source}': ${result.error}` };
  if (typeof result.value !== "boolean") {
    return { match: false, reason: `unable to cast expression result '${formatGoV(result.value)}' to bool` };
  }
  return { match: result.value, reason: result.value ? "expression is true" : "expression is false" };
}

export type { GoType };
