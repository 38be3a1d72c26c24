/**
 * govaluate (github.com/Knetic/govaluate at the commit Argo Events pins, v3.0.1-0.20171022003610-9aa49832a739)
 * re-implemented for sensor `exprs` filters (§5.4) and trigger `conditions` (§5.1). Compile once when a Sensor is
 * saved, evaluate per event; evaluation is pure and never throws.
 *
 * @example
 * const compiled = compileGovaluate('a == "b" || c == 10');
 * if (compiled.ok) evaluateGovaluate(compiled.expression, { a: "x", c: 10 }); // { ok: true, value: true }
 *
 * @example
 * const conditions = compileConditions("(dep-a || dep-b) && dep-c", ["dep-a", "dep-b", "dep-c"]);
 * if (conditions.ok) evaluateConditions(conditions.conditions, new Set(["dep-b", "dep-c"])); // true
 */
export { compileGovaluate, evaluateGovaluate, referencedVariables } from "./govaluate.ts";
export { ConditionsError, compileConditions, conditionsHasAnd, evaluateConditions } from "./conditions.ts";
export { GovaluateParseError } from "./types.ts";
export type { GovaluateCompileResult, GovaluateEvalResult, GovaluateExpression } from "./types.ts";
export type { CompiledConditions, ConditionsCompileResult } from "./conditions.ts";
