/**
 * Compile and evaluate entry points of the govaluate port; see `index.ts` for the public surface.
 */
import { errorMessage } from "../../../errors.ts";
import { GoPanic, evaluateStage } from "./evaluate.ts";
import { LexError, tokenize } from "./lexer.ts";
import { planStages } from "./planner.ts";
import { TokenKind } from "./tokens.ts";
import {
  GovaluateParseError,
  type GovaluateCompileResult,
  type GovaluateEvalResult,
  type GovaluateExpression,
} from "./types.ts";

/** Compile like `govaluate.NewEvaluableExpression` (no custom functions, as in Argo Events). */
export function compileGovaluate(source: string): GovaluateCompileResult {
  try {
    const tokens = tokenize(source);
    const root = planStages(tokens);
    return { ok: true, expression: Object.freeze({ source, tokens: Object.freeze(tokens), root }) };
  } catch (error) {
    const position = error instanceof LexError ? error.position : -1;
    // Deeply nested input can exhaust the stack; report it as a parse error rather than crash the caller.
    const message = error instanceof RangeError ? "expression is nested too deeply" : errorMessage(error);
    return { ok: false, error: new GovaluateParseError(message, { position, expression: source }, { cause: error }) };
  }
}

/**
 * Evaluate like `EvaluableExpression.Evaluate(parameters)`. Parameters are JSON-shaped values (numbers are float64;
 * a `bigint` is converted, an own property holding `undefined` counts as nil). A missing parameter is an error:
 * "No parameter 'x' found.".
 */
export function evaluateGovaluate(
  expression: GovaluateExpression,
  parameters: Readonly<Record<string, unknown>>,
): GovaluateEvalResult {
  if (!expression.root) return { ok: true, value: null };
  try {
    return { ok: true, value: evaluateStage(expression.root, parameters) };
  } catch (error) {
    if (error instanceof GoPanic) return { ok: false, error: error.message };
    if (error instanceof RangeError) return { ok: false, error: "expression is nested too deeply" };
    return { ok: false, error: `internal error: ${errorMessage(error)}` };
  }
}

/** Variable names the expression reads (govaluate's `Vars()`, duplicates removed, first-use order). */
export function referencedVariables(expression: GovaluateExpression): string[] {
  const names = new Set<string>();
  for (const token of expression.tokens) {
    if (token.kind === TokenKind.VARIABLE && typeof token.value === "string") names.add(token.value);
  }
  return [...names];
}
