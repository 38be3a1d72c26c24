/**
 * Public types of the govaluate port: the compiled expression, compile/evaluate results and the parse error.
 */
import { EngineError } from "../../../errors.ts";
import type { Stage } from "./planner.ts";
import type { Token } from "./tokens.ts";

/** A govaluate expression rejected at compile time; `position` is the code-point offset it points at (-1: none). */
export class GovaluateParseError extends EngineError {
  readonly position: number;
  readonly expression: string;
  constructor(message: string, details: { position: number; expression: string }, options?: { cause?: unknown }) {
    super("VALIDATION", message, options);
    this.name = "GovaluateParseError";
    this.position = details.position;
    this.expression = details.expression;
  }
}

/** A compiled govaluate expression: immutable, safe to share and to evaluate any number of times. */
export interface GovaluateExpression {
  readonly source: string;
  /** The tokens after compile-time optimisation (string regex operands already compiled). */
  readonly tokens: readonly Token[];
  /** Root of the evaluation plan; `null` only for plans with nothing to evaluate. */
  readonly root: Stage | null;
}

export type GovaluateCompileResult =
  { ok: true; expression: GovaluateExpression } | { ok: false; error: GovaluateParseError };

export type GovaluateEvalResult = { ok: true; value: unknown } | { ok: false; error: string };
