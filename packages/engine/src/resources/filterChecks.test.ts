import { describe, expect, it } from "vitest";
import type { Dependency } from "./sensor.ts";
import { checkFilters } from "./filterChecks.ts";

const dep = (extra: Partial<Dependency>): Dependency => ({
  name: "d",
  eventSourceName: "es",
  eventName: "e",
  ...extra,
});

describe("checkFilters", () => {
  it("accepts a dependency whose filters and transform all compile", () => {
    const issues = checkFilters(
      dep({
        transform: { jq: ".body.n *= 2" },
        filters: {
          exprs: [
            {
              expr: 'a == "b" || n > 10',
              fields: [
                { name: "a", path: "body.a" },
                { name: "n", path: "body.n" },
              ],
            },
          ],
          data: [
            { path: "body.name", type: "string", value: ["(?i)^alice$", "bob\\z"] },
            { path: "body.n", type: "number", comparator: ">=", value: ["1e3", "0x1p4"] },
            { path: "body.ok", type: "bool", value: ["T", "false"] },
            { path: "body.b64", type: "string", value: ["^hello$"], template: "{{ b64dec .Input }}" },
          ],
          context: { type: "webhook" },
          time: { start: "09:00:00", stop: "17:00:00", timezone: "America/New_York" },
          script: 'return event.body.a == "b"',
        },
      }),
      0,
    );
    expect(issues).toEqual([]);
  });

  it("reports a bad regex at the exact value that holds it", () => {
    const issues = checkFilters(
      dep({
        filters: {
          data: [
            { path: "a", type: "string", value: ["ok"] },
            { path: "b", type: "string", value: ["(a)\\1", "fine"] },
          ],
        },
      }),
      2,
    );
    expect(issues).toEqual([
      {
        path: "spec.dependencies[2].filters.data[1].value[0]",
        message: "error parsing regexp: invalid escape sequence: `\\1`",
      },
    ]);
  });

  it("reports numbers and booleans that Go's strconv rejects, and empty values", () => {
    const issues = checkFilters(
      dep({
        filters: {
          data: [
            { path: "a", type: "number", value: ["12", "1_2", "abc", ""] },
            { path: "b", type: "bool", value: ["yes"] },
          ],
        },
      }),
      0,
    );
    expect(issues).toEqual([
      {
        path: "spec.dependencies[0].filters.data[0].value[2]",
        message: 'strconv.ParseFloat: parsing "abc": invalid syntax',
      },
      {
        path: "spec.dependencies[0].filters.data[0].value[3]",
        message: "must not be empty (Argo rejects an empty value)",
      },
      {
        path: "spec.dependencies[0].filters.data[1].value[0]",
        message: 'strconv.ParseBool: parsing "yes": invalid syntax',
      },
    ]);
  });

  it("reports an unknown data type and an unknown comparator", () => {
    const issues = checkFilters(
      dep({ filters: { data: [{ path: "a", type: "time", comparator: "==", value: ["x"] }] } }),
      0,
    );
    expect(issues).toEqual([
      {
        path: "spec.dependencies[0].filters.data[0].type",
        message: "unsupported JSON type 'time': use string, number or bool",
      },
      {
        path: "spec.dependencies[0].filters.data[0].comparator",
        message: "unknown comparator '==': use =, !=, >, >=, < or <=",
      },
    ]);
  });

  it("reports a template that does not parse or calls an unsupported function", () => {
    const issues = checkFilters(
      dep({
        filters: {
          data: [
            { path: "a", type: "string", value: ["x"], template: "{{ nosuch .Input }}" },
            { path: "a", type: "string", value: ["x"], template: "{{ .Input" },
          ],
        },
      }),
      0,
    );
    expect(issues).toEqual([
      {
        path: "spec.dependencies[0].filters.data[0].template",
        message: 'template: param:1: function "nosuch" not defined',
      },
      { path: "spec.dependencies[0].filters.data[1].template", message: "template: param:1: unclosed action" },
    ]);
  });

  it("reports a govaluate expression that does not compile and an expr filter without fields", () => {
    const issues = checkFilters(
      dep({ filters: { exprs: [{ expr: "a ==", fields: [{ name: "a", path: "a" }] }, { expr: "true" }] } }),
      1,
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      "spec.dependencies[1].filters.exprs[0].expr",
      "spec.dependencies[1].filters.exprs[1].fields",
    ]);
    expect(issues[0]?.message).not.toBe("");
  });

  it("reports a bad time zone, a clock out of range and an empty window", () => {
    expect(
      checkFilters(
        dep({ filters: { time: { start: "24:00:00", stop: "10:00:00", timezone: "Mars/Olympus_Mons" } } }),
        0,
      ),
    ).toEqual([
      {
        path: "spec.dependencies[0].filters.time.timezone",
        message: "invalid timezone 'Mars/Olympus_Mons': unknown time zone Mars/Olympus_Mons",
      },
      {
        path: "spec.dependencies[0].filters.time.start",
        message: 'parsing time "2006-01-02 24:00:00": hour out of range',
      },
    ]);
    expect(
      checkFilters(
        dep({ filters: { time: { start: "10:00:00", stop: "10:00:00", timezone: "america/new_york" } } }),
        0,
      ),
    ).toEqual([
      {
        path: "spec.dependencies[0].filters.time.timezone",
        message: "invalid timezone 'america/new_york': unknown time zone america/new_york",
      },
      {
        path: "spec.dependencies[0].filters.time.stop",
        message: "stop '10:00:00' is equal to start '10:00:00': Argo rejects an empty window",
      },
    ]);
  });

  it("reports Lua syntax that gopher-lua (Lua 5.1) rejects in a script filter and a script transform", () => {
    const issues = checkFilters(dep({ transform: { script: "return 7 // 2" }, filters: { script: "if then" } }), 0);
    expect(issues.map((issue) => issue.path)).toEqual([
      "spec.dependencies[0].transform.script",
      "spec.dependencies[0].filters.script",
    ]);
  });

  it("reports jq syntax errors and unknown functions, synchronously", () => {
    expect(checkFilters(dep({ transform: { jq: ".a | nosuch(1)" } }), 0)).toEqual([
      { path: "spec.dependencies[0].transform.jq", message: "jq: error: nosuch/1 is not defined" },
    ]);
    expect(checkFilters(dep({ transform: { jq: ".a |||" } }), 0)[0]?.message).toMatch(/^jq: error: syntax error/);
    expect(checkFilters(dep({ transform: { jq: ".a)" } }), 0)[0]?.path).toBe("spec.dependencies[0].transform.jq");
  });

  it("checks only the transform Argo runs: jq wins over script", () => {
    expect(checkFilters(dep({ transform: { jq: ".", script: "not lua at all (" } }), 0)).toEqual([]);
  });
});
