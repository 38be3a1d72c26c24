/**
 * Runs the parameter vectors (`vectors/params.json`, produced by Argo Events v1.9.11's own `ResolveParamValue`,
 * `ApplyParams` and `ConstructPayload`; see `vectors/README-params.md`) through `resolveParameter`,
 * `applyParameters` and `buildPayload`, with events built by `toTriggerEvent` as the sensor builds them.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ParameterUnresolvedError } from "../errors.ts";
import { payloadParameter, triggerParameter, triggerParameterSource } from "../resources/trigger.ts";
import { toTriggerEvent, type TriggerEvent } from "./events.ts";
import { applyParameters, buildPayload, resolveParameter } from "./params.ts";

const vectorEvent = z.strictObject({
  context: z.strictObject({
    id: z.string(),
    source: z.string(),
    specversion: z.string(),
    type: z.string(),
    datacontenttype: z.string(),
    subject: z.string(),
    time: z.string(),
  }),
  /** The data bytes as UTF-8 text. */
  data: z.string(),
});

const common = {
  name: z.string(),
  section: z.string().regex(/^§7\.[23]/),
  events: z.record(z.string(), vectorEvent),
  note: z.string().optional(),
  /** Go's error text when Argo returned an error (not compared: Signalbox words its own). */
  error: z.string().optional(),
};

const ParamsVector = z.discriminatedUnion("op", [
  z.strictObject({
    ...common,
    op: z.literal("resolve"),
    src: triggerParameterSource,
    expected: z
      .strictObject({ value: z.string(), type: z.enum(["Null", "False", "Number", "String", "True", "JSON"]) })
      .nullable()
      .optional(),
  }),
  z.strictObject({
    ...common,
    op: z.literal("apply"),
    document: z.string(),
    parameters: z.array(triggerParameter),
    expected: z.string().optional(),
  }),
  z.strictObject({
    ...common,
    op: z.literal("payload"),
    parameters: z.array(payloadParameter),
    expected: z.string().optional(),
    /** Go panicked (nil dereference); `skipped` is Go's output with the offending parameters removed. */
    panic: z.string().optional(),
    skipped: z.string().optional(),
  }),
]);
type ParamsVector = z.infer<typeof ParamsVector>;

/**
 * Cases where Signalbox still differs from Argo, outside `params.ts` (the data decoding in `events.ts`). Each is
 * asserted to still differ, so fixing one fails here as a reminder to delete its entry.
 */
const KNOWN_DIVERGENCES: Readonly<Record<string, string>> = {};

const vectors = z
  .array(ParamsVector)
  .parse(JSON.parse(readFileSync(new URL("./vectors/params.json", import.meta.url), "utf8")));

/** The sensor's view of each event, built from a CloudEvent the way the runtime builds it. */
function events(vector: ParamsVector): Record<string, TriggerEvent> {
  const out: Record<string, TriggerEvent> = {};
  for (const [name, event] of Object.entries(vector.events)) {
    out[name] = toTriggerEvent({ ...event.context, extensions: {}, data: new TextEncoder().encode(event.data) });
  }
  return out;
}

function run(vector: ParamsVector): unknown {
  switch (vector.op) {
    case "resolve": {
      const value = resolveParameter(vector.src, events(vector));
      return value === undefined ? null : { value: value.text, type: value.type };
    }
    case "apply":
      return applyParameters(vector.document, vector.parameters, events(vector));
    case "payload":
      return buildPayload(vector.parameters, events(vector));
    default: {
      const exhaustive: never = vector;
      return exhaustive;
    }
  }
}

describe("parameter vectors from Argo Events v1.9.11 (§7.2, §7.3)", () => {
  it("has at least 150 uniquely named cases covering resolve, apply and payload", () => {
    expect(new Set(vectors.map((v) => v.name)).size).toBe(vectors.length);
    expect(vectors.length).toBeGreaterThanOrEqual(150);
    for (const op of ["resolve", "apply", "payload"]) expect(vectors.some((v) => v.op === op)).toBe(true);
  });

  it("pins exactly one outcome per case", () => {
    for (const v of vectors) {
      const outcomes = [v.expected !== undefined, v.error !== undefined, "panic" in v && v.panic !== undefined];
      expect(outcomes.filter(Boolean), v.name).toHaveLength(1);
    }
  });

  it("lists only known divergences that name a vector", () => {
    const names = new Set(vectors.map((v) => v.name));
    expect(Object.keys(KNOWN_DIVERGENCES).filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(vectors.filter((v) => KNOWN_DIVERGENCES[v.name] !== undefined))(
    "known divergence, still differs: $name",
    (v) => {
      let outcome: unknown;
      try {
        outcome = run(v);
      } catch (error) {
        outcome = error;
      }
      if (v.error !== undefined) expect(outcome).not.toBeInstanceOf(ParameterUnresolvedError);
      else expect(outcome).not.toEqual(v.expected);
    },
  );

  it.each(vectors.filter((v) => KNOWN_DIVERGENCES[v.name] === undefined))("$section: $name", (v) => {
    if (v.error !== undefined) {
      expect(() => run(v)).toThrow(ParameterUnresolvedError);
      return;
    }
    if (v.op === "payload" && v.panic !== undefined) {
      // Deliberate difference (README): Argo dereferences nil here; Signalbox skips the parameter.
      expect(v.skipped).toBeDefined();
      expect(run(v)).toBe(v.skipped);
      return;
    }
    expect(run(v)).toEqual(v.expected);
  });
});
