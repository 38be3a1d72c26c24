/**
 * Trigger `conditions` (§5.1) as the runtime uses them, on top of Argo's translation in
 * `filters/govaluate/conditions.ts`: which dependencies to subscribe, whether to join, and how to evaluate.
 */
import { compileConditions as compileArgoConditions, evaluateConditions } from "./filters/govaluate/conditions.ts";

/** A compiled conditions expression. */
export interface CompiledConditions {
  /** The dependency expression (Argo logs it; stored as the join's `<trigger>/Expression`). */
  source: string;
  /** Dependencies the expression mentions: only these are subscribed. */
  dependencies: string[];
  /** Argo fires at once (no join) when the expression has no `&&`. */
  needsJoin: boolean;
  evaluate(held: ReadonlySet<string>): boolean;
}

/** Compile a trigger's expression; throws the {@link ConditionsError} Argo would fail the trigger with. */
export function compileConditions(conditions: string | undefined, allDependencies: readonly string[]): CompiledConditions {
  const result = compileArgoConditions(conditions, allDependencies);
  if (!result.ok) throw result.error;
  const compiled = result.conditions;
  return {
    source: compiled.expression,
    dependencies: [...compiled.dependencies],
    needsJoin: compiled.hasAnd,
    evaluate: (held) => evaluateConditions(compiled, held),
  };
}

/** Argo's durable consumer name of a (sensor, trigger, dependency): `group-<FNV-1a-32 in decimal>` (§2.2). */
export function durableName(sensor: string, trigger: string, dependency: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(`${sensor}-${trigger}-${dependency}`)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `group-${hash}`;
}
