/**
 * Per-dependency event pipeline (§5.2): transform (§5.5), then filters (§5.4), with Argo Events' exact semantics.
 * Compiled once per sensor start — regexes, templates, govaluate expressions and Lua are never recompiled per
 * event. Evaluation reports every filter entry's verdict, so the explain record says exactly why an event was
 * dropped, and never throws: a failing transform or filter is a verdict with `error`.
 */
import type { TriggerEvent } from "../mapping/events.ts";
import type { Dependency } from "../resources/sensor.ts";
import type { FilterVerdict } from "./explain.ts";
import { compileFilters, FilterEvent, type FilterKind } from "./filters/index.ts";
import {
  compileLua,
  runJqTransform,
  runLuaTransform,
  type LuaCompileResult,
  type TransformResult,
} from "./transform/index.ts";

/** Result of running an event through a dependency's pipeline. */
export interface DependencyVerdict {
  pass: boolean;
  /** The event after the transform (the input when there is none or the transform failed). */
  event: TriggerEvent;
  verdicts: FilterVerdict[];
  operator: "and" | "or";
  transform?: { kind: "jq" | "script"; ok: boolean; output?: string; error?: string };
  /** Why the event was rejected by an error: the transform's, or Argo's filter error text. */
  error?: string;
  /** One sentence: why the event passed or not. */
  reason: string;
  /** Each configured filter kind's own result (empty without filters or when the transform failed). */
  kinds: { kind: FilterKind; match: boolean; error?: string; reason: string }[];
}

/** A compiled dependency. */
export interface CompiledDependency {
  name: string;
  eventSourceName: string;
  eventName: string;
  evaluate(event: TriggerEvent, options: { now: number }): Promise<DependencyVerdict>;
}

type Transform = (data: Uint8Array) => Promise<TransformResult>;

/**
 * Compile a dependency at sensor start. `index` locates it in the spec for verdict paths.
 *
 * @example
 * const dep = compileDependency({ name: "d", eventSourceName: "es", eventName: "e",
 *   filters: { data: [{ path: "body.amount", type: "number", comparator: ">", value: ["100"] }] } }, 0);
 * const verdict = await dep.evaluate(event, { now: Date.now() });
 * verdict.pass; // false
 * verdict.verdicts[0]?.reason; // "body.amount = 12.5, not > 100"
 */
export function compileDependency(dependency: Dependency, index: number): CompiledDependency {
  const filters = compileFilters(dependency.filters, {
    dependencyIndex: index,
    filtersLogicalOperator: dependency.filtersLogicalOperator,
  });
  const operator = filters.operator;
  const transform = compileTransform(dependency.transform);
  return {
    name: dependency.name,
    eventSourceName: dependency.eventSourceName,
    eventName: dependency.eventName,
    async evaluate(input, { now }) {
      let event = input;
      let transformVerdict: DependencyVerdict["transform"];
      // Argo leaves an event without data untouched (jq and Lua are not run).
      if (transform && input.data.length > 0) {
        const result = await transform.run(input.data);
        if (!result.ok) {
          const error = `transform (${transform.kind}) failed: ${result.error}`;
          return {
            pass: false,
            event: input,
            verdicts: [],
            operator,
            transform: { kind: transform.kind, ok: false, error: result.error },
            error,
            reason: `dropped: ${error}`,
            kinds: [],
          };
        }
        if (result.changed) {
          // cloudevents' SetData(ApplicationJSON, …): the content type becomes application/json.
          event = {
            context: { ...input.context, datacontenttype: "application/json" },
            data: new TextEncoder().encode(result.json),
          };
          transformVerdict = { kind: transform.kind, ok: true, output: result.json };
        } else {
          transformVerdict = { kind: transform.kind, ok: true };
        }
      }
      const judged = filters.evaluate(new FilterEvent(event.context, event.data), { now });
      return {
        pass: judged.match,
        event,
        verdicts: judged.verdicts,
        operator,
        ...(transformVerdict ? { transform: transformVerdict } : {}),
        ...(judged.error !== undefined ? { error: judged.error } : {}),
        reason: judged.reason,
        kinds: judged.kinds,
      };
    },
  };
}

/** jq first, then script; only one runs (§5.5). */
function compileTransform(transform: Dependency["transform"]): { kind: "jq" | "script"; run: Transform } | undefined {
  if (transform?.jq !== undefined && transform.jq !== "") {
    const program = transform.jq;
    return { kind: "jq", run: (data) => runJqTransform(program, data) };
  }
  if (transform?.script !== undefined && transform.script !== "") {
    const compiled: LuaCompileResult = compileLua(transform.script);
    return {
      kind: "script",
      run: (data) =>
        Promise.resolve(compiled.ok ? runLuaTransform(compiled.script, data) : { ok: false, error: compiled.error }),
    };
  }
  return undefined;
}
