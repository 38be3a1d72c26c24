/**
 * `filters.data` (§5.4) with Argo's exact semantics: a gjson path into the (transformed) data — missing is an
 * error —, an optional template applied to the path's string form, then the `value` list compared by `type`:
 * - `string`: Go regular expressions matched unanchored against gjson's `String()`; `=`/`""` match, `!=` no match,
 *   any other comparator never matches;
 * - `number`: `strconv.ParseFloat` values against gjson's `Float()`, with `= != > >= < <=`;
 * - `bool`: `strconv.ParseBool` values against gjson's `Bool()`;
 * - anything else: the error "unsupported JSON type".
 * Values are tried in order: the first match passes the entry, the first bad value (unparsable, bad regex) errors
 * it. Regexes, numbers and templates are compiled once here; evaluation is pure and never throws.
 */
import { gjsonGet, resultBool, resultFloat, resultString, type GjsonResult } from "../../mapping/gjson/index.ts";
import type { DependencyFilters } from "../../resources/sensor.ts";
import { combineEntries } from "./combine.ts";
import { compileGoRegexp, type GoRegexpResult } from "./re2.ts";
import { goParseBool, goParseFloat, type ParseResult } from "./strconv.ts";
import { compileFilterTemplate, runFilterTemplate, type CompiledTemplate } from "./template.ts";
import type { CompiledKind, EntryOutcome, FilterEvent, KindResult, LogicalOperator } from "./types.ts";
import type { FilterVerdict } from "../explain.ts";

type DataFilter = NonNullable<DependencyFilters["data"]>[number];

/** The comparisons a `value` list supports, by `type`. */
type Comparison =
  | { type: "string"; patterns: GoRegexpResult[] }
  | { type: "number"; numbers: ParseResult<number>[] }
  | { type: "bool"; bools: ParseResult<boolean>[] }
  | { type: "unsupported" };

interface CompiledEntry {
  path: string;
  type: string;
  values: readonly string[];
  comparator: string;
  template: CompiledTemplate | undefined;
  templateSource: string;
  comparison: Comparison;
}

/** Compile one data filter entry: its regexes, numbers, booleans and template, once. */
export function compileDataEntry(filter: DataFilter): CompiledEntry {
  const values = filter.value;
  let comparison: Comparison;
  switch (filter.type) {
    case "string":
      comparison = { type: "string", patterns: values.map(compileGoRegexp) };
      break;
    case "number":
      comparison = { type: "number", numbers: values.map(goParseFloat) };
      break;
    case "bool":
      comparison = { type: "bool", bools: values.map(goParseBool) };
      break;
    default:
      comparison = { type: "unsupported" };
  }
  const templateSource = filter.template ?? "";
  return {
    path: filter.path,
    type: filter.type,
    values,
    comparator: filter.comparator ?? "",
    template: templateSource === "" ? undefined : compileFilterTemplate(templateSource),
    templateSource,
    comparison,
  };
}

/** Compile `filters.data`; `basePath` is `spec.dependencies[i].filters.data`. */
export function compileDataFilter(
  filters: readonly DataFilter[],
  options: { operator: LogicalOperator; basePath: string },
): CompiledKind {
  const entries = filters.map(compileDataEntry);
  const { operator, basePath } = options;
  return {
    kind: "data",
    evaluate(event: FilterEvent, { now }): KindResult {
      // Argo: no entries, or an event without data, pass before anything is looked at.
      if (entries.length === 0) return { kind: "data", match: true, reason: "no data filters", verdicts: [] };
      if (event.text === undefined) {
        const reason = "event has no data: data filters pass";
        return { kind: "data", match: true, reason, verdicts: [{ kind: "data", path: basePath, pass: true, reason }] };
      }
      if (!event.validJson) {
        const error = "data filter error (event data not valid JSON)";
        return {
          kind: "data",
          match: false,
          error,
          reason: error,
          verdicts: [{ kind: "data", path: basePath, pass: false, reason: "error: event data not valid JSON" }],
        };
      }
      const json = event.text;
      const outcomes = entries.map((entry) => evaluateEntry(entry, json, { operator, now }));
      const combined = combineEntries(operator, outcomes, "data");
      const verdicts = outcomes.map((outcome, j): FilterVerdict => toVerdict(`${basePath}[${j}]`, outcome));
      const reason = combined.error ?? summary(operator, outcomes, combined.match);
      return {
        kind: "data",
        match: combined.match,
        ...(combined.error !== undefined ? { error: combined.error } : {}),
        reason,
        verdicts,
      };
    },
  };
}

function toVerdict(path: string, outcome: EntryOutcome): FilterVerdict {
  const value = "value" in outcome && outcome.value !== undefined ? { value: outcome.value } : {};
  if (outcome.status === "error")
    return { kind: "data", path, ...value, pass: false, reason: `error: ${outcome.message}` };
  return { kind: "data", path, ...value, pass: outcome.status === "pass", reason: outcome.reason };
}

function summary(operator: LogicalOperator, outcomes: readonly EntryOutcome[], match: boolean): string {
  const passed = outcomes.filter((o) => o.status === "pass").length;
  return `${passed} of ${outcomes.length} data filters matched (${operator}): ${match ? "match" : "no match"}`;
}

/** One entry against the payload `json` (already known to be valid JSON). */
export function evaluateEntry(
  entry: CompiledEntry,
  json: string,
  options: { operator: LogicalOperator; now: number },
): EntryOutcome {
  let result: GjsonResult = gjsonGet(json, entry.path);
  if (!result.exists) return { status: "error", message: `path '${entry.path}' does not exist` };
  let value = resultString(result);
  let subject = entry.path;
  if (entry.values.length === 0) return { status: "error", message: "no values specified", value };
  if (entry.template !== undefined) {
    if (!entry.template.ok) return { status: "error", message: entry.template.error, value };
    const out = runFilterTemplate(entry.template.template, value, options.now);
    if (!out.ok) return { status: "error", message: out.error, value };
    if (out.output === "" || out.output === "<no value>") {
      const message =
        options.operator === "or"
          ? `template evaluated to empty string or no value: '${entry.templateSource}'`
          : `template '${entry.templateSource}' evaluated to empty string or no value`;
      return { status: "error", message, value };
    }
    // Argo re-reads the output as a JSON string: `gjson.Parse(strconv.Quote(out))`.
    result = { type: "String", raw: JSON.stringify(out.output), str: out.output, num: 0, exists: true };
    subject = `template(${entry.path})`;
    value = out.output;
  }
  const comparison = entry.comparison;
  switch (comparison.type) {
    case "bool": {
      const actual = resultBool(result);
      // Say where the boolean came from when the data held something else ("TRUE", 1, "yes"…).
      const read =
        value === String(actual)
          ? `${subject} is ${actual}`
          : `${subject} = ${JSON.stringify(value)} reads as ${actual}`;
      for (const parsed of comparison.bools) {
        if (!parsed.ok) return { status: "error", message: parsed.error, value };
        if (parsed.value === actual) return { status: "pass", value, reason: read };
      }
      return { status: "fail", value, reason: `${read}, not ${entry.values.join(" or ")}` };
    }
    case "number": {
      const actual = resultFloat(result);
      const op = entry.comparator === "" ? "=" : entry.comparator;
      const known = NUMBER_COMPARATORS.has(op);
      for (const [k, parsed] of comparison.numbers.entries()) {
        if (!parsed.ok) return { status: "error", message: parsed.error, value };
        if (known && compareNumbers(op, actual, parsed.value)) {
          return {
            status: "pass",
            value,
            reason: `${subject} = ${formatNumber(actual)}, ${op} ${entry.values[k] ?? ""}`,
          };
        }
      }
      if (!known)
        return {
          status: "fail",
          value,
          reason: `${subject} = ${formatNumber(actual)}: comparator '${entry.comparator}' never matches`,
        };
      return {
        status: "fail",
        value,
        reason: `${subject} = ${formatNumber(actual)}, not ${op} ${entry.values.join(" or ")}`,
      };
    }
    case "string": {
      const op = entry.comparator;
      const wantMatch = op === "" || op === "=";
      const known = wantMatch || op === "!=";
      for (const [k, compiled] of comparison.patterns.entries()) {
        if (!compiled.ok) return { status: "error", message: compiled.error, value };
        const matched = compiled.regexp.test(value);
        if (known && matched === wantMatch) {
          return {
            status: "pass",
            value,
            reason: `${subject} = ${JSON.stringify(value)} ${matched ? "matches" : "does not match"} /${entry.values[k] ?? ""}/`,
          };
        }
      }
      const patterns = entry.values.map((v) => `/${v}/`).join(", ");
      if (!known)
        return {
          status: "fail",
          value,
          reason: `${subject} = ${JSON.stringify(value)}: comparator '${op}' never matches a string`,
        };
      return {
        status: "fail",
        value,
        reason: wantMatch
          ? `${subject} = ${JSON.stringify(value)} does not match ${entry.values.length > 1 ? "any of " : ""}${patterns}`
          : `${subject} = ${JSON.stringify(value)} matches ${patterns} (comparator !=)`,
      };
    }
    case "unsupported":
      return { status: "error", message: `unsupported JSON type '${entry.type}'`, value };
  }
}

const NUMBER_COMPARATORS = new Set(["=", "!=", ">", ">=", "<", "<="]);

function compareNumbers(op: string, actual: number, wanted: number): boolean {
  switch (op) {
    case ">=":
      return actual >= wanted;
    case ">":
      return actual > wanted;
    case "<":
      return actual < wanted;
    case "<=":
      return actual <= wanted;
    case "!=":
      return actual !== wanted;
    default:
      return actual === wanted;
  }
}

function formatNumber(n: number): string {
  return Number.isNaN(n) ? "NaN" : n === Infinity ? "+Inf" : n === -Infinity ? "-Inf" : String(n);
}
