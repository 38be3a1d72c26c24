/**
 * Runs the Go-produced vectors (see README.md) through the whole dependency pipeline: transform, then filters.
 */
import { afterAll, describe, expect, it } from "vitest";
import { wholeSecondsUtc, type TriggerEvent } from "../../mapping/events.ts";
import type { Dependency, DependencyFilters } from "../../resources/sensor.ts";
import { compileDependency } from "../dependency.ts";
import { closeJq } from "../transform/index.ts";
import { compileGoRegexp } from "./re2.ts";
import dataFilter from "./vectors/data-filter.json" with { type: "json" };
import re2 from "./vectors/re2.json" with { type: "json" };
import timeFilter from "./vectors/time-filter.json" with { type: "json" };
import truthTables from "./vectors/truth-tables.json" with { type: "json" };

interface FilterVector {
  name: string;
  section: string;
  filters: unknown;
  filtersLogicalOperator?: string;
  transform?: { jq?: string; script?: string };
  event: { type: string; subject: string; source: string; datacontenttype: string; time: string; data?: string };
  expected: { pass?: boolean; error?: string; data?: string; dropped?: boolean };
  errorText?: string;
}

afterAll(closeJq);

function toEvent(vector: FilterVector): TriggerEvent {
  const { event } = vector;
  return {
    context: {
      id: "1",
      source: event.source,
      specversion: "1.0",
      type: event.type,
      datacontenttype: event.datacontenttype,
      subject: event.subject,
      time: wholeSecondsUtc(event.time),
    },
    data: event.data === undefined ? new Uint8Array() : new TextEncoder().encode(event.data),
  };
}

/**
 * Gopher-lua appends a Go stack trace to Lua errors: for those vectors only the first line is compared. For `any`
 * (Go's encoding/json syntax error texts, which the Lua payload reader does not reproduce) only the presence of an
 * error is.
 */
function comparableError(error: string | undefined, errorText: string | undefined): string | undefined {
  if (errorText === "any") return error === undefined ? undefined : "an error";
  return errorText === "first line" ? error?.split("\n")[0] : error;
}

async function check(vector: FilterVector): Promise<void> {
  const dependency: Dependency = {
    name: "dep",
    eventSourceName: "es",
    eventName: "e",
    // Vectors also hold filters the schema rejects (an empty value list, comparator "~"): Argo evaluates them anyway.
    filters: vector.filters as DependencyFilters,
    ...(vector.filtersLogicalOperator ? { filtersLogicalOperator: vector.filtersLogicalOperator as "and" | "or" } : {}),
    ...(vector.transform ? { transform: vector.transform } : {}),
  };
  const verdict = await compileDependency(dependency, 0).evaluate(toEvent(vector), {
    now: Date.parse("2024-05-01T12:00:00Z"),
  });
  const { expected } = vector;
  if (expected.dropped) {
    expect(verdict.pass).toBe(false);
    expect(verdict.transform?.ok).toBe(false);
    expect(verdict.transform?.error).toBe(expected.error);
    return;
  }
  expect({ pass: verdict.pass, error: comparableError(verdict.error, vector.errorText) }).toEqual({
    pass: expected.pass,
    error: comparableError(expected.error, vector.errorText),
  });
  if (expected.data !== undefined) expect(new TextDecoder().decode(verdict.event.data)).toBe(expected.data);
}

describe("truth tables of and/or across filter kinds and entries (§5.4, §5.5)", () => {
  it.each(truthTables as FilterVector[])("$name", check);
});

describe("data filters (§5.4)", () => {
  it.each(dataFilter as FilterVector[])("$name", check);
});

describe("time filters (§5.4)", () => {
  it.each(timeFilter as FilterVector[])("$name", check);
});

describe("RE2 regular expressions as Go compiles and matches them (§5.4)", () => {
  it.each(re2)("$name", ({ pattern, input, expected }) => {
    const compiled = compileGoRegexp(pattern);
    if ("error" in expected) {
      expect(compiled).toEqual({ ok: false, error: expected.error });
    } else {
      expect(compiled.ok && compiled.regexp.test(input)).toBe(expected.match);
    }
  });
});
