/**
 * Apply-time checks of a dependency's transform and filters (§5.4, §5.5). Argo Events accepts most broken
 * filters and then errors on every event; Signalbox compiles each one when the Sensor is applied and reports every
 * problem with its path, e.g. `spec.dependencies[0].filters.data[1].value[0]`: bad regexes, numbers and booleans in
 * `value`, templates (syntax, unsupported functions), govaluate expressions, jq and Lua syntax, unknown data types
 * and comparators, bad time zones and clock times — plus the rules Argo's own validation enforces (expr filters
 * need fields, values must be non-empty, a time window's stop must differ from its start).
 *
 * Pure and deterministic (jq's syntax check runs synchronously in a helper worker, see `sensors/filters/jqCheck.ts`).
 */
import type { FieldIssue } from "../errors.ts";
import {
  compileGoRegexp,
  compileFilterTemplate,
  goParseBool,
  goParseFloat,
  loadZone,
  parseClock,
} from "../sensors/filters/index.ts";
import { compileGovaluate } from "../sensors/filters/govaluate/index.ts";
import { jqSyntaxError } from "../sensors/filters/jqCheck.ts";
import { compileLua } from "../sensors/transform/index.ts";
import type { Dependency } from "./sensor.ts";

const COMPARATORS = new Set(["", "=", "!=", ">", ">=", "<", "<="]);
const TYPES = new Set(["string", "number", "bool"]);

/**
 * Every problem in `dependency`'s transform and filters; `index` is its position in `spec.dependencies`.
 *
 * @example
 * checkFilters({ name: "d", eventSourceName: "es", eventName: "e",
 *   filters: { data: [{ path: "body.a", type: "string", value: ["(a)\\1"] }] } }, 0);
 * // [{ path: "spec.dependencies[0].filters.data[0].value[0]",
 * //    message: "error parsing regexp: invalid escape sequence: `\\1`" }]
 */
export function checkFilters(dependency: Dependency, index: number): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const base = `spec.dependencies[${index}]`;
  const add = (path: string, message: string): void => {
    issues.push({ path: `${base}.${path}`, message });
  };

  // Only the step that runs is checked: with both set, Argo runs jq and never looks at the script.
  const transform = dependency.transform;
  if (transform?.jq !== undefined && transform.jq !== "") {
    const error = jqSyntaxError(transform.jq);
    if (error !== undefined) add("transform.jq", error);
  } else if (transform?.script !== undefined && transform.script !== "") {
    const compiled = compileLua(transform.script);
    if (!compiled.ok) add("transform.script", compiled.error);
  }

  const filters = dependency.filters;
  if (!filters) return issues;

  filters.exprs?.forEach((entry, j) => {
    const path = `filters.exprs[${j}]`;
    if (!entry.fields || entry.fields.length === 0)
      add(`${path}.fields`, "needs at least one field: Argo rejects an expr filter without fields");
    const compiled = compileGovaluate(entry.expr);
    if (!compiled.ok) add(`${path}.expr`, compiled.error.message);
  });

  filters.data?.forEach((entry, j) => {
    const path = `filters.data[${j}]`;
    if (!TYPES.has(entry.type))
      add(`${path}.type`, `unsupported JSON type '${entry.type}': use string, number or bool`);
    const comparator = entry.comparator ?? "";
    // A string filter with `>` etc. never matches, but Argo accepts it, so it is not an error here.
    if (!COMPARATORS.has(comparator))
      add(`${path}.comparator`, `unknown comparator '${comparator}': use =, !=, >, >=, < or <=`);
    entry.value.forEach((value, k) => {
      const at = `${path}.value[${k}]`;
      if (value === "") return add(at, "must not be empty (Argo rejects an empty value)");
      if (entry.type === "string") {
        const compiled = compileGoRegexp(value);
        if (!compiled.ok) add(at, compiled.error);
      } else if (entry.type === "number") {
        const parsed = goParseFloat(value);
        if (!parsed.ok) add(at, parsed.error);
      } else if (entry.type === "bool") {
        const parsed = goParseBool(value);
        if (!parsed.ok) add(at, parsed.error);
      }
    });
    if (entry.template !== undefined && entry.template !== "") {
      const compiled = compileFilterTemplate(entry.template);
      if (!compiled.ok) add(`${path}.template`, compiled.error);
    }
  });

  const time = filters.time;
  if (time) {
    const zone = loadZone(time.timezone ?? "");
    if (!zone.ok) add("filters.time.timezone", `invalid timezone '${time.timezone ?? ""}': ${zone.error}`);
    const start = parseClock("2006-01-02", time.start);
    const stop = parseClock("2006-01-02", time.stop);
    if (!start.ok) add("filters.time.start", start.error);
    if (!stop.ok) add("filters.time.stop", stop.error);
    if (start.ok && stop.ok && JSON.stringify(start.clock) === JSON.stringify(stop.clock)) {
      add("filters.time.stop", `stop '${time.stop}' is equal to start '${time.start}': Argo rejects an empty window`);
    }
  }

  if (filters.script !== undefined && filters.script !== "") {
    const compiled = compileLua(filters.script);
    if (!compiled.ok) add("filters.script", compiled.error);
  }
  return issues;
}
