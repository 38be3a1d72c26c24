import { describe, expect, it } from "vitest";
import { systemClock } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import type { SensorResource } from "../resources/sensor.ts";
import { decodeCloudEvent, encodeCloudEvent, formatRfc3339Nano, newEventId, type CloudEventRecord } from "../sources/cloudevent.ts";
import { dryRunSensor } from "./dryRun.ts";

function sensorOf(yaml: string): SensorResource {
  const resource = parseManifests(yaml).resources[0]?.resource;
  if (resource?.kind !== "Sensor") throw new Error("not a sensor");
  return resource;
}

function event(subject: string, body: unknown, type = "webhook"): CloudEventRecord {
  const id = newEventId();
  const wire = encodeCloudEvent(
    { id, source: "hooks", type, subject, time: formatRfc3339Nano(Date.now()) },
    new TextEncoder().encode(JSON.stringify({ header: {}, body })),
  );
  const decoded = decodeCloudEvent(wire);
  if (!decoded) throw new Error("bad event");
  return decoded;
}

const sensor = sensorOf(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: joiner}
spec:
  dependencies:
    - name: a
      eventSourceName: hooks
      eventName: a
      filters:
        context: {type: webhook}
    - {name: b, eventSourceName: hooks, eventName: b}
  triggers:
    - template:
        name: both
        conditions: "a && b"
        http:
          url: http://sink.invalid/hook
          secureHeaders:
            - name: Authorization
              valueFrom: {secretKeyRef: {name: creds, key: token}}
          payload:
            - {src: {dependencyName: a, dataKey: body.amount}, dest: amount}
            - {src: {dependencyName: b, dataKey: body.who}, dest: who}
    - template:
        name: only-b
        conditions: "b"
        log: {}
`);

describe("dryRunSensor", () => {
  it("explains every event per trigger, simulates the join from empty, and prepares redacted requests without sending", async () => {
    const secretsAsked: string[] = [];
    const secrets = {
      resolve: async (_ns: string, _kind: string, selector: { name: string; key: string }) => {
        secretsAsked.push(`${selector.name}/${selector.key}`);
        return "s3cret";
      },
    };
    const small = event("a", { amount: 5 }, "calendar");
    const big = event("a", { amount: 50 });
    const b = event("b", { who: "ann" });
    const stray = { ...event("c", {}), subject: "c" };
    const result = await dryRunSensor({ namespace: "default", sensor, events: [small, big, b, stray], secrets, clock: systemClock });
    expect(result.explains.map((e) => [e.eventId, e.trigger, e.outcome])).toEqual([
      [small.id, "both", "filtered"],
      [big.id, "both", "held"],
      [b.id, "both", "fired"],
      [b.id, "only-b", "fired"],
    ]);
    expect(result.firings.map((f) => [f.trigger, f.events, f.firedBy])).toEqual([
      ["both", { a: big.id, b: b.id }, b.id],
      ["only-b", { b: b.id }, b.id],
    ]);
    const request = result.firings[0]?.request;
    expect(request?.kind).toBe("http");
    if (request?.kind !== "http") return;
    expect(JSON.parse(request.body ?? "")).toEqual({ amount: "50", who: "ann" });
    expect(request.headers.Authorization).toBe("*****");
    expect(JSON.stringify(result)).not.toContain("s3cret");
    expect(secretsAsked).toEqual(["creds/token"]);
    expect(result.unmatched).toEqual([stray.id]);
  });

  it("tests one trigger only, and reports a preparation failure on the firing", async () => {
    const secrets = { resolve: async () => undefined };
    const result = await dryRunSensor({ namespace: "default", sensor, events: [event("a", { amount: 11 }), event("b", {})], secrets, clock: systemClock, trigger: "both" });
    expect(result.firings).toHaveLength(1);
    expect(result.firings[0]?.request).toBeUndefined();
    expect(result.firings[0]?.error).toMatch(/creds/);
  });
});
