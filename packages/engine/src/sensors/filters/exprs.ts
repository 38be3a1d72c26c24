/**
 * `filters.exprs` (§5.4): each field's gjson path is read from the (transformed) data — missing is an error — and
 * bound to its name with its native JSON type; the entry's govaluate `expr` must then evaluate to `true`. An entry
 * without fields is skipped (Argo's validation rejects it, its evaluation ignores it). Expressions are compiled
 * once; a compile error surfaces when the entry is evaluated, as in Argo. Pure; never throws.
 */
import { gjsonGet, resultValue } from "../../mapping/gjson/index.ts";
import type { DependencyFilters } from "../../resources/sensor.ts";
import { compileGovaluate, evaluateGovaluate, type GovaluateCompileResult } from "./govaluate/index.ts";
import { combineEntries } from "./combine.ts";
import type { CompiledKind, EntryOutcome, FilterEvent, KindResult, LogicalOperator } from "./types.ts";
import type { FilterVerdict } from "../explain.ts";

type ExprFilter = NonNullable<DependencyFilters["exprs"]>[number];

interface CompiledExpr {
  source: string;
  fields: readonly { name: string; path: string }[];
  compiled: GovaluateCompileResult;
}

/** Compile one `exprs` entry: its govaluate expression, once. */
export function compileExprEntry(filter: ExprFilter): CompiledExpr {
  return { source: filter.expr, fields: filter.fields ?? [], compiled: compileGovaluate(filter.expr) };
}

/** Compile `filters.exprs`; `basePath` is `spec.dependencies[i].filters.exprs`. */
export function compileExprsFilter(
  filters: readonly ExprFilter[],
  options: { operator: LogicalOperator; basePath: string },
): CompiledKind {
  const entries = filters.map(compileExprEntry);
  const { operator, basePath } = options;
  return {
    kind: "exprs",
    evaluate(event: FilterEvent): KindResult {
      if (event.text === undefined) {
        const reason = "event has no data: expr filters pass";
        return {
          kind: "exprs",
          match: true,
          reason,
          verdicts: [{ kind: "exprs", path: basePath, pass: true, reason }],
        };
      }
      if (!event.validJson) {
        const error = "expr filter error (event data not valid JSON)";
        return {
          kind: "exprs",
          match: false,
          error,
          reason: error,
          verdicts: [{ kind: "exprs", path: basePath, pass: false, reason: "error: event data not valid JSON" }],
        };
      }
      const json = event.text;
      const outcomes = entries.map((entry) => evaluateExpr(entry, json));
      const combined = combineEntries(operator, outcomes, "expr");
      const verdicts = outcomes.map((outcome, j): FilterVerdict => {
        const path = `${basePath}[${j}]`;
        const value = "value" in outcome && outcome.value !== undefined ? { value: outcome.value } : {};
        switch (outcome.status) {
          case "error":
            return { kind: "exprs", path, ...value, pass: false, reason: `error: ${outcome.message}` };
          case "skip":
            // It neither blocks an and nor satisfies an or.
            return { kind: "exprs", path, pass: operator === "and", reason: outcome.reason };
          default:
            return { kind: "exprs", path, ...value, pass: outcome.status === "pass", reason: outcome.reason };
        }
      });
      const passed = outcomes.filter((o) => o.status === "pass").length;
      const reason =
        combined.error ??
        `${passed} of ${outcomes.length} expr filters matched (${operator}): ${combined.match ? "match" : "no match"}`;
      return {
        kind: "exprs",
        match: combined.match,
        ...(combined.error !== undefined ? { error: combined.error } : {}),
        reason,
        verdicts,
      };
    },
  };
}

/** One entry against the payload `json` (already known to be valid JSON). */
export function evaluateExpr(entry: CompiledExpr, json: string): EntryOutcome {
  const parameters: Record<string, unknown> = {};
  for (const field of entry.fields) {
    const result = gjsonGet(json, field.path);
    if (!result.exists) return { status: "error", message: `path '${field.path}' does not exist` };
    parameters[field.name] = resultValue(result);
  }
  if (entry.fields.length === 0) return { status: "skip", reason: "no fields: entry skipped, as in Argo" };
  const value = describeParameters(parameters);
  if (!entry.compiled.ok) return { status: "error", message: entry.compiled.error.message, value };
  const evaluated = evaluateGovaluate(entry.compiled.expression, parameters);
  if (!evaluated.ok) return { status: "error", message: evaluated.error, value };
  // Argo tests `result == true`: only the boolean true passes.
  if (evaluated.value === true) return { status: "pass", value, reason: `${entry.source} is true with ${value}` };
  return { status: "fail", value, reason: `${entry.source} is ${describeResult(evaluated.value)} with ${value}` };
}

function describeParameters(parameters: Record<string, unknown>): string {
  return Object.entries(parameters)
    .map(([name, value]) => `${name} = ${describeResult(value)}`)
    .join(", ");
}

/** Parameters come from gjson, so they are JSON values; results are whatever govaluate produced. */
function describeResult(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "nil";
  } catch {
    return "(unprintable)";
  }
}
