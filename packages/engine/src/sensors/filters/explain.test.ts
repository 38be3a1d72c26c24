/**
 * The explainable side of the pipeline: every filter entry yields a verdict with its spec path, the value it looked
 * at and a human reason; the dependency verdict says why in one sentence.
 */
import { RE2JS } from "re2js";
import { afterAll, describe, expect, it, vi } from "vitest";
import type { TriggerEvent } from "../../mapping/events.ts";
import type { Dependency } from "../../resources/sensor.ts";
import { compileDependency } from "../dependency.ts";
import { closeJq } from "../transform/index.ts";

afterAll(closeJq);

const payload = {
  body: { name: "alice", amount: 12.5, ok: true, b64: "aGVsbG8=" },
  header: { "X-Github-Event": ["push"] },
};

const NO_DATA = Symbol("no data");

function event(data: unknown = payload, time = "2024-03-10T13:30:00Z"): TriggerEvent {
  return {
    context: {
      id: "e1",
      source: "hooks",
      specversion: "1.0",
      type: "webhook",
      datacontenttype: "application/json",
      subject: "orders",
      time,
    },
    data: data === NO_DATA ? new Uint8Array() : new TextEncoder().encode(JSON.stringify(data)),
  };
}

const dependency = (extra: Partial<Dependency>): Dependency => ({
  name: "orders",
  eventSourceName: "hooks",
  eventName: "orders",
  ...extra,
});
const now = { now: Date.parse("2024-03-10T13:30:00Z") };

describe("filter verdicts", () => {
  it("shows all three verdicts when an event fails the second of three data filters", async () => {
    const dep = compileDependency(
      dependency({
        filters: {
          data: [
            { path: "body.name", type: "string", value: ["^al"] },
            { path: "body.amount", type: "number", comparator: ">", value: ["100"] },
            { path: "body.ok", type: "bool", value: ["true"] },
          ],
        },
      }),
      3,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.pass).toBe(false);
    expect(verdict.error).toBeUndefined();
    expect(verdict.operator).toBe("and");
    expect(verdict.verdicts).toEqual([
      {
        kind: "data",
        path: "spec.dependencies[3].filters.data[0]",
        value: "alice",
        pass: true,
        reason: 'body.name = "alice" matches /^al/',
      },
      {
        kind: "data",
        path: "spec.dependencies[3].filters.data[1]",
        value: "12.5",
        pass: false,
        reason: "body.amount = 12.5, not > 100",
      },
      {
        kind: "data",
        path: "spec.dependencies[3].filters.data[2]",
        value: "true",
        pass: true,
        reason: "body.ok is true",
      },
    ]);
    expect(verdict.reason).toBe("filtered: data did not match (and)");
  });

  it("explains an or that passes on context although data fails", async () => {
    const dep = compileDependency(
      dependency({
        filtersLogicalOperator: "or",
        filters: {
          data: [{ path: "body.amount", type: "number", comparator: ">=", value: ["100", "50"] }],
          context: { subject: "orders" },
        },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.pass).toBe(true);
    expect(verdict.reason).toBe("context matched (or)");
    expect(verdict.verdicts.map((v) => [v.kind, v.pass, v.reason])).toEqual([
      ["data", false, "body.amount = 12.5, not >= 100 or 50"],
      ["context", true, 'context subject="orders" matches'],
    ]);
  });

  it("rejects an or with an error even when another kind matched, and says so", async () => {
    const dep = compileDependency(
      dependency({
        filtersLogicalOperator: "or",
        filters: { data: [{ path: "body.missing", type: "string", value: ["x"] }], context: { type: "webhook" } },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.pass).toBe(false);
    expect(verdict.error).toBe("data filter error (path 'body.missing' does not exist)");
    expect(verdict.reason).toBe(
      "rejected: data filter error (path 'body.missing' does not exist) (context matched, but Argo rejects an event when any filter errors)",
    );
    expect(verdict.verdicts[0]).toEqual({
      kind: "data",
      path: "spec.dependencies[0].filters.data[0]",
      pass: false,
      reason: "error: path 'body.missing' does not exist",
    });
  });

  it("names the bound fields of an expr filter", async () => {
    const dep = compileDependency(
      dependency({
        filters: {
          exprs: [
            {
              expr: 'name == "bob" || amount > 100',
              fields: [
                { name: "name", path: "body.name" },
                { name: "amount", path: "body.amount" },
              ],
            },
          ],
        },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.verdicts).toEqual([
      {
        kind: "exprs",
        path: "spec.dependencies[0].filters.exprs[0]",
        value: 'name = "alice", amount = 12.5',
        pass: false,
        reason: 'name == "bob" || amount > 100 is false with name = "alice", amount = 12.5',
      },
    ]);
  });

  it("names the context field that differs", async () => {
    const verdict = await compileDependency(
      dependency({ filters: { context: { type: "webhook", source: "other" } } }),
      0,
    ).evaluate(event(), now);
    expect(verdict.verdicts[0]?.reason).toBe('source is "hooks", not "other"');
    expect(verdict.verdicts[0]?.pass).toBe(false);
  });

  it("shows the event's publish time in the filter's zone, on a DST day", async () => {
    const dep = compileDependency(
      dependency({ filters: { time: { start: "09:00:00", stop: "17:00:00", timezone: "America/New_York" } } }),
      0,
    );
    // 2024-03-10 is the spring-forward day: 13:30Z is 09:30 EDT.
    const inside = await dep.evaluate(event(payload, "2024-03-10T13:30:00Z"), now);
    expect(inside.verdicts[0]).toEqual({
      kind: "time",
      path: "spec.dependencies[0].filters.time",
      value: "2024-03-10 09:30:00 America/New_York",
      pass: true,
      reason: "2024-03-10 09:30:00 America/New_York is within [09:00:00, 17:00:00)",
    });
    // 13:30Z the day before is 08:30 EST.
    const outside = await dep.evaluate(event(payload, "2024-03-09T13:30:00Z"), now);
    expect(outside.pass).toBe(false);
    expect(outside.verdicts[0]?.reason).toBe("2024-03-09 08:30:00 America/New_York is outside [09:00:00, 17:00:00)");
  });

  it("shows the template's output as the value looked at", async () => {
    const dep = compileDependency(
      dependency({
        filters: { data: [{ path: "body.b64", type: "string", value: ["^hello$"], template: "{{ b64dec .Input }}" }] },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.verdicts[0]).toMatchObject({
      value: "hello",
      pass: true,
      reason: 'template(body.b64) = "hello" matches /^hello$/',
    });
  });

  it("reports the script filter's own reason", async () => {
    const verdict = await compileDependency(dependency({ filters: { script: 'return "true"' } }), 0).evaluate(
      event(),
      now,
    );
    expect(verdict.verdicts).toEqual([
      {
        kind: "script",
        path: "spec.dependencies[0].filters.script",
        pass: false,
        reason: 'script returned "true", not true',
      },
    ]);
  });

  it("lets an event without data through data, expr and script filters, and says why", async () => {
    const dep = compileDependency(
      dependency({
        filters: {
          data: [{ path: "a", type: "string", value: ["x"] }],
          exprs: [{ expr: "a", fields: [{ name: "a", path: "a" }] }],
          script: "return false",
        },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(NO_DATA), now);
    expect(verdict.pass).toBe(true);
    expect(verdict.verdicts.map((v) => v.reason)).toEqual([
      "event has no data: expr filters pass",
      "event has no data: data filters pass",
      "event has no data: script filter passes",
    ]);
  });
});

describe("transform verdicts", () => {
  it("filters the transformed event and records the transform's output", async () => {
    const dep = compileDependency(
      dependency({
        transform: { jq: ".body.amount *= 10" },
        filters: { data: [{ path: "body.amount", type: "number", comparator: ">", value: ["100"] }] },
      }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict.pass).toBe(true);
    expect(verdict.transform).toEqual({
      kind: "jq",
      ok: true,
      output: '{"body":{"amount":125,"b64":"aGVsbG8=","name":"alice","ok":true},"header":{"X-Github-Event":["push"]}}',
    });
    expect(new TextDecoder().decode(verdict.event.data)).toBe(verdict.transform?.output);
    expect(verdict.verdicts[0]?.reason).toBe("body.amount = 125, > 100");
  });

  it("drops the event with the transform's error and runs no filter", async () => {
    const dep = compileDependency(
      dependency({ transform: { script: "return 42" }, filters: { context: { type: "webhook" } } }),
      0,
    );
    const verdict = await dep.evaluate(event(), now);
    expect(verdict).toMatchObject({
      pass: false,
      verdicts: [],
      transform: { kind: "script", ok: false, error: "transformation script output type is not of lua table" },
      error: "transform (script) failed: transformation script output type is not of lua table",
    });
  });
});

describe("compiling once", () => {
  it("compiles each regex when the dependency is compiled, never per event", async () => {
    const compile = vi.spyOn(RE2JS, "compile");
    try {
      const dep = compileDependency(
        dependency({ filters: { data: [{ path: "body.name", type: "string", value: ["^b", "^al", "^c"] }] } }),
        0,
      );
      expect(compile).toHaveBeenCalledTimes(3);
      for (let i = 0; i < 200; i++) expect((await dep.evaluate(event(), now)).pass).toBe(true);
      expect(compile).toHaveBeenCalledTimes(3);
    } finally {
      compile.mockRestore();
    }
  });
});
