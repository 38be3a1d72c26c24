/**
 * Trigger `conditions` (spec §5.1), compiled the way Argo Events does it:
 * 1. the conditions text is rewritten into an antonmedv/expr string concatenation (`&&`, `||`, `(`, `)` become
 *    quoted strings, `-` becomes `_`) and evaluated with every dependency name (dashes as underscores) bound to its
 *    real name, which yields the dependency expression with spaces removed, e.g. `(dep-a||dep-b)&&dep-c`;
 *    an unknown name, a `!`, a bare `&`… make this step fail, and the trigger never starts;
 * 2. without `conditions`, the expression is every dependency joined with `&&`;
 * 3. dashes are escaped (`\-`) and the result compiled with govaluate; every variable must be a dependency.
 * Evaluation binds each referenced dependency to "an event is held for it". Pure.
 */
import { EngineError } from "../../../errors.ts";
import { compileWithEnv, evaluateGo } from "../../../sources/expr/index.ts";
import { formatGoV } from "../../../sources/expr/goFormat.ts";
import { T, type GoType } from "../../../sources/expr/types.ts";
import { compileGovaluate, evaluateGovaluate, referencedVariables } from "./govaluate.ts";
import { tokenize } from "./lexer.ts";
import { TokenKind, type Token } from "./tokens.ts";
import type { GovaluateExpression } from "./types.ts";

/** A trigger's conditions that Argo Events would refuse (the trigger fails to start). */
export class ConditionsError extends EngineError {
  /** Which step failed: the expr rewrite, the govaluate compile, or the dependency check. */
  readonly step: "translate" | "compile" | "dependencies";
  constructor(message: string, step: ConditionsError["step"], options?: { cause?: unknown }) {
    super("VALIDATION", message, options);
    this.name = "ConditionsError";
    this.step = step;
  }
}

/** Compiled trigger conditions. */
export interface CompiledConditions {
  /** The dependency expression Argo logs ("Dependency expression for trigger …"). */
  readonly expression: string;
  readonly compiled: GovaluateExpression;
  /** Dependencies the expression references (each one is subscribed), first-use order. */
  readonly dependencies: readonly string[];
  /** Whether the expression has an `&&`: without one, every matching event fires the trigger at once. */
  readonly hasAnd: boolean;
}

export type ConditionsCompileResult =
  { ok: true; conditions: CompiledConditions } | { ok: false; error: ConditionsError };

function translate(conditions: string, dependencyNames: readonly string[]): string {
  const program = conditions
    .replaceAll("&&", ' + "&&" + ')
    .replaceAll("||", ' + "||" + ')
    .replaceAll("-", "_")
    .replaceAll("(", '"("+')
    .replaceAll(")", '+")"');
  const env: Record<string, string> = Object.create(null) as Record<string, string>;
  const types: Record<string, GoType> = Object.create(null) as Record<string, GoType>;
  for (const name of dependencyNames) {
    const key = name.replaceAll("-", "_");
    env[key] = name;
    types[key] = T.string;
  }
  const compiled = compileWithEnv(program, { types, strict: true });
  if (!compiled.ok) throw new ConditionsError(compiled.error.message, "translate", { cause: compiled.error });
  const result = evaluateGo(compiled.expression, env);
  if (!result.ok) throw new ConditionsError(result.error, "translate");
  return formatGoV(result.value).replaceAll('"("', "(").replaceAll('")"', ")");
}

function hasAndToken(tokens: readonly Token[]): boolean {
  return tokens.some((t) => t.kind === TokenKind.LOGICALOP && t.value === "&&");
}

/**
 * Compile a trigger's `conditions` (empty or absent: all dependencies joined with `&&`) against the Sensor's
 * dependency names.
 */
export function compileConditions(
  conditions: string | undefined,
  dependencyNames: readonly string[],
): ConditionsCompileResult {
  try {
    const expression = conditions ? translate(conditions, dependencyNames) : dependencyNames.join("&&");
    const compiled = compileGovaluate(expression.replaceAll("-", "\\-"));
    if (!compiled.ok) throw new ConditionsError(compiled.error.message, "compile", { cause: compiled.error });
    const dependencies = referencedVariables(compiled.expression);
    const known = new Set(dependencyNames);
    for (const name of dependencies) {
      if (!known.has(name)) {
        throw new ConditionsError(
          `Dependency expression and dependency list do not match, ${name} is not found`,
          "dependencies",
        );
      }
    }
    const hasAnd = hasAndToken(compiled.expression.tokens);
    return {
      ok: true,
      conditions: Object.freeze({
        expression,
        compiled: compiled.expression,
        dependencies: Object.freeze(dependencies),
        hasAnd,
      }),
    };
  } catch (error) {
    if (error instanceof ConditionsError) return { ok: false, error };
    return {
      ok: false,
      error: new ConditionsError(error instanceof Error ? error.message : String(error), "compile", { cause: error }),
    };
  }
}

/** True when the conditions hold, given the dependencies that currently have a held event. Errors count as false. */
export function evaluateConditions(compiled: CompiledConditions, held: ReadonlySet<string>): boolean {
  const parameters: Record<string, boolean> = {};
  for (const name of compiled.dependencies) parameters[name] = held.has(name);
  const result = evaluateGovaluate(compiled.compiled, parameters);
  return result.ok && result.value === true;
}

/**
 * Whether a dependency expression contains the `&&` token (Argo's Kafka bus checks tokens, JetStream checks for a
 * `&` character; the two agree on every expression that compiles). Text that does not tokenise falls back to `&&`.
 */
export function conditionsHasAnd(source: string): boolean {
  try {
    return hasAndToken(tokenize(source.replaceAll("-", "\\-")));
  } catch {
    return source.includes("&&");
  }
}
