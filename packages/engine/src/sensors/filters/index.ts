/**
 * Sensor dependency filters (§5.4) with Argo Events' exact semantics and an explanation for every verdict.
 *
 * Contract: {@link compileFilters} runs once per sensor start (regexes, numbers, templates, govaluate expressions
 * and Lua are compiled there) and never throws — a filter that cannot compile reports Argo's error on every event
 * it reaches, as Argo does; apply-time validation (`resources/filterChecks.ts`) keeps such filters out. Evaluation
 * is pure, synchronous and never throws; it returns `{ match, reason }`, Argo's error text when the event was
 * rejected by an error, and one {@link FilterVerdict} per filter entry so the explain record shows each one.
 *
 * @example
 * const filters = compileFilters(
 *   { data: [{ path: "body.amount", type: "number", value: ["100"], comparator: ">" }] },
 *   { dependencyIndex: 0 },
 * );
 * filters.evaluate(new FilterEvent(context, bytes), { now: Date.now() });
 * // { match: false, reason: "filtered: data did not match (and)", verdicts: [{ kind: "data",
 * //   path: "spec.dependencies[0].filters.data[0]", value: "12.5", pass: false, reason: "body.amount = 12.5, not > 100" }] }
 */
import type { DependencyFilters } from "../../resources/sensor.ts";
import type { FilterVerdict } from "../explain.ts";
import { combineKinds, type KindResults } from "./combine.ts";
import { compileContextFilter } from "./context.ts";
import { compileDataFilter } from "./data.ts";
import { compileExprsFilter } from "./exprs.ts";
import { compileScriptFilter } from "./script.ts";
import { compileTimeFilter } from "./time.ts";
import {
  logicalOperator,
  type KindResult,
  type CompiledKind,
  type EvaluateOptions,
  type FilterEvent,
  type FilterKind,
  type LogicalOperator,
} from "./types.ts";

export { FilterEvent, logicalOperator } from "./types.ts";
export type { CompiledKind, EvaluateOptions, FilterKind, KindResult, LogicalOperator } from "./types.ts";
export { combineEntries, combineKinds } from "./combine.ts";
export { compileGoRegexp } from "./re2.ts";
export type { GoRegexp, GoRegexpResult } from "./re2.ts";
export { goParseBool, goParseFloat } from "./strconv.ts";
export { loadZone } from "./zone.ts";
export { parseClock } from "./time.ts";
export { compileFilterTemplate } from "./template.ts";

/** How all filters of a dependency judged one event. */
export interface FiltersResult {
  /** Did the event pass? */
  match: boolean;
  /** Why, in one sentence. */
  reason: string;
  /** Argo's error text when an error rejected the event (`data filter error (path 'x' does not exist)`). */
  error?: string;
  /** One verdict per filter entry, in kind order exprs, data, context, time, script. */
  verdicts: FilterVerdict[];
  /** Each configured kind's own result. */
  kinds: { kind: FilterKind; match: boolean; error?: string; reason: string }[];
}

/** Compiled filters of one dependency. */
export interface CompiledFilters {
  readonly operator: LogicalOperator;
  evaluate(event: FilterEvent, options: EvaluateOptions): FiltersResult;
}

/** Options of {@link compileFilters}. */
export interface CompileFiltersOptions {
  /** The dependency's index in `spec.dependencies`, for verdict paths. */
  dependencyIndex: number;
  /** `filtersLogicalOperator` (`""`/absent: and). */
  filtersLogicalOperator?: string;
}

/**
 * Compile a dependency's `filters`. `undefined` filters pass every event (Argo skips filtering); an empty
 * `filters: {}` passes under and and rejects under or, as in Argo.
 */
export function compileFilters(
  filters: DependencyFilters | undefined,
  options: CompileFiltersOptions,
): CompiledFilters {
  const operator = logicalOperator(options.filtersLogicalOperator);
  if (filters === undefined) {
    return { operator, evaluate: () => ({ match: true, reason: "no filters", verdicts: [], kinds: [] }) };
  }
  const base = `spec.dependencies[${options.dependencyIndex}].filters`;
  const kinds: CompiledKind[] = [];
  if (filters.exprs !== undefined) {
    kinds.push(
      compileExprsFilter(filters.exprs, {
        operator: logicalOperator(filters.exprLogicalOperator),
        basePath: `${base}.exprs`,
      }),
    );
  }
  if (filters.data !== undefined) {
    kinds.push(
      compileDataFilter(filters.data, {
        operator: logicalOperator(filters.dataLogicalOperator),
        basePath: `${base}.data`,
      }),
    );
  }
  if (filters.context !== undefined) kinds.push(compileContextFilter(filters.context, `${base}.context`));
  if (filters.time !== undefined) kinds.push(compileTimeFilter(filters.time, `${base}.time`));
  if (filters.script !== undefined && filters.script !== "")
    kinds.push(compileScriptFilter(filters.script, `${base}.script`));
  return {
    operator,
    evaluate(event, evaluateOptions): FiltersResult {
      const results: KindResults = {};
      const evaluated: KindResult[] = [];
      for (const kind of kinds) {
        const result = kind.evaluate(event, evaluateOptions);
        results[kind.kind] = result;
        evaluated.push(result);
      }
      const combined = combineKinds(operator, results);
      return {
        match: combined.match,
        reason: combined.reason,
        ...(combined.error !== undefined ? { error: combined.error } : {}),
        verdicts: evaluated.flatMap((r) => r.verdicts),
        kinds: evaluated.map(({ kind, match, error, reason }) => ({
          kind,
          match,
          reason,
          ...(error !== undefined ? { error } : {}),
        })),
      };
    },
  };
}
