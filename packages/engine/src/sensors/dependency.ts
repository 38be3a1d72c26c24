/**
 * Per-dependency event pipeline (§5.2): transform, then filters. Compiled once per sensor start; evaluation is
 * pure and reports every filter's verdict, so the explain record can say exactly why an event was dropped.
 */
import type { Dependency } from "../resources/sensor.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import type { FilterVerdict } from "./explain.ts";

/** Result of running an event through a dependency's pipeline. */
export interface DependencyVerdict {
  pass: boolean;
  /** The event after the transform (the input when there is none). */
  event: TriggerEvent;
  verdicts: FilterVerdict[];
  operator: "and" | "or";
  transform?: { kind: "jq" | "script"; ok: boolean; output?: string; error?: string };
  error?: string;
}

/** A compiled dependency. */
export interface CompiledDependency {
  name: string;
  eventSourceName: string;
  eventName: string;
  evaluate(event: TriggerEvent, options: { now: number }): Promise<DependencyVerdict>;
}

/** Compile a dependency at sensor start. `index` locates it in the spec for verdict paths. */
export function compileDependency(dependency: Dependency, index: number): CompiledDependency {
  const operator = dependency.filtersLogicalOperator === "or" ? "or" : "and";
  const contextFilter = dependency.filters?.context;
  return {
    name: dependency.name,
    eventSourceName: dependency.eventSourceName,
    eventName: dependency.eventName,
    async evaluate(event) {
      const verdicts: FilterVerdict[] = [];
      if (contextFilter) {
        const mismatches = (["type", "subject", "source", "datacontenttype"] as const).filter(
          (field) => contextFilter[field] !== undefined && contextFilter[field] !== "" && contextFilter[field] !== event.context[field],
        );
        verdicts.push({
          kind: "context",
          path: `spec.dependencies[${index}].filters.context`,
          pass: mismatches.length === 0,
          reason: mismatches.length === 0 ? "context matches" : `context ${mismatches.join(", ")} differ`,
        });
      }
      const pass = verdicts.length === 0 || (operator === "and" ? verdicts.every((v) => v.pass) : verdicts.some((v) => v.pass));
      return { pass, event, verdicts, operator };
    },
  };
}
