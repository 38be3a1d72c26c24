/**
 * Argo's exact rules for combining filter results (§5.4), kept in one place because the explain record evaluates
 * every entry while the verdict must follow Argo's short-circuit order:
 * - entries (`data`, `exprs`): under `and` the first error or failure decides; under `or` the first pass decides,
 *   errors before it are forgotten, and errors without any pass are reported together;
 * - kinds: under `and` the first error (exprs, data, time, script) rejects the event; under `or` a script error
 *   rejects at once and any other error rejects after all kinds ran, even when a kind passed — Argo's `Filter`
 *   turns every error into `false` (the listener's "passed but with filtering error" branch is unreachable).
 * Pure.
 */
import type { EntryOutcome, FilterKind, KindResult, LogicalOperator } from "./types.ts";

/** Combined result of the entries of one kind. */
export interface EntriesResult {
  match: boolean;
  error?: string;
  /** Index of the entry that decided the result (`undefined`: all entries were needed). */
  decidedBy?: number;
}

/** Combine `data`/`exprs` entries; `label` is `data` or `expr` as in Argo's messages. */
export function combineEntries(
  operator: LogicalOperator,
  outcomes: readonly EntryOutcome[],
  label: "data" | "expr",
): EntriesResult {
  if (operator === "and") {
    for (const [i, outcome] of outcomes.entries()) {
      if (outcome.status === "error")
        return { match: false, error: `${label} filter error (${outcome.message})`, decidedBy: i };
      if (outcome.status === "fail") return { match: false, decidedBy: i };
    }
    return { match: true };
  }
  const errors: string[] = [];
  for (const [i, outcome] of outcomes.entries()) {
    if (outcome.status === "error") errors.push(outcome.message);
    else if (outcome.status === "pass") return { match: true, decidedBy: i };
  }
  if (errors.length > 0) return { match: false, error: `${label} filter errors [${errors.join(" / ")}]` };
  return { match: false };
}

/** Every kind's result, `undefined` for a kind that is not configured. */
export type KindResults = Partial<Record<FilterKind, KindResult>>;

/** The combined verdict of all kinds. */
export interface CombinedResult {
  match: boolean;
  error?: string;
  reason: string;
}

const ORDER: readonly FilterKind[] = ["exprs", "data", "context", "time", "script"];

/** Combine kinds with `filtersLogicalOperator`. */
export function combineKinds(operator: LogicalOperator, results: KindResults): CombinedResult {
  const configured = ORDER.flatMap((kind) => (results[kind] ? [results[kind]] : []));
  if (operator === "and") {
    const failed = configured.find((result) => result.error !== undefined);
    if (failed?.error !== undefined) return { match: false, error: failed.error, reason: `rejected: ${failed.error}` };
    const misses = configured.filter((result) => !result.match).map((result) => result.kind);
    if (misses.length > 0) return { match: false, reason: `filtered: ${list(misses)} did not match (and)` };
    return {
      match: true,
      reason:
        configured.length === 0
          ? "no filters configured"
          : `all of ${list(configured.map((r) => r.kind))} matched (and)`,
    };
  }
  const passed = configured.filter((result) => result.match && result.error === undefined).map((result) => result.kind);
  const script = results.script;
  if (script?.error !== undefined) return { match: false, error: script.error, reason: `rejected: ${script.error}` };
  const errors = configured.flatMap((result) => (result.error !== undefined ? [result.error] : []));
  if (errors.length > 0) {
    const error = errors.join(" / ");
    const despite =
      passed.length > 0 ? ` (${list(passed)} matched, but Argo rejects an event when any filter errors)` : "";
    return { match: false, error, reason: `rejected: ${error}${despite}` };
  }
  if (passed.length > 0) return { match: true, reason: `${list(passed)} matched (or)` };
  return {
    match: false,
    reason:
      configured.length === 0
        ? "filtered: no filter kind configured, and or needs one to match"
        : `filtered: none of ${list(configured.map((r) => r.kind))} matched (or)`,
  };
}

function list(kinds: readonly string[]): string {
  return kinds.join(", ");
}
