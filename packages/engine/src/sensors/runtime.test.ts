import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "../bus/embedded.ts";
import type { EventBus } from "../bus/types.ts";
import { publishEmission } from "../engine/emit.ts";
import { silentLogger, systemClock } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import type { SensorResource } from "../resources/sensor.ts";
import { startSink, type Sink } from "../testing/httpSink.ts";
import { memoryHooks, type MemoryHooks } from "../testing/memoryHooks.ts";
import { startSensor } from "./runtime.ts";
import type { RunningSensor } from "./types.ts";

const noSecrets = { resolve: async () => undefined };
let log: EmbeddedLog;
let bus: EventBus;
let sink: Sink;
const running: RunningSensor[] = [];

async function setup(): Promise<void> {
  log = openEmbeddedLog({ file: join(mkdtempSync(join(tmpdir(), "sb-runtime-")), "bus.db"), clock: systemClock, logger: silentLogger });
  bus = createEmbeddedBus({ log, stream: "default/default", clock: systemClock });
  sink = await startSink();
}

afterEach(async () => {
  for (const sensor of running.splice(0)) await sensor.stop();
  await bus?.close();
  log?.close();
  await sink?.close();
});

function sensorOf(yaml: string): SensorResource {
  const resource = parseManifests(yaml).resources[0]?.resource;
  if (resource?.kind !== "Sensor") throw new Error("not a sensor");
  return resource;
}

async function start(sensor: SensorResource, hooks: MemoryHooks): Promise<RunningSensor> {
  const started = await startSensor({ namespace: "default", sensor, bus, clock: systemClock, logger: silentLogger, secrets: noSecrets, hooks });
  running.push(started);
  return started;
}

const send = (eventName: string, body: unknown) =>
  publishEmission(
    { bus, eventSourceName: "hooks", clock: systemClock },
    { eventName, type: "webhook", data: new TextEncoder().encode(JSON.stringify({ header: {}, body })) },
  );

const joinSensor = (conditions = "") => `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: joiner}
spec:
  dependencies:
    - {name: a, eventSourceName: hooks, eventName: a}
    - {name: b, eventSourceName: hooks, eventName: b}
  triggers:
    - template:
        name: t
        ${conditions ? `conditions: "${conditions}"` : ""}
        http:
          url: SINK/hook
          payload:
            - src: {dependencyName: a, dataKey: body.v, value: none}
              dest: a
            - src: {dependencyName: b, dataKey: body.v, value: none}
              dest: b
`;

describe("sensor runtime", () => {
  it("joins a && b on the latest event of each, fires once and clears the held state", async () => {
    await setup();
    const hooks = memoryHooks();
    await start(sensorOf(joinSensor().replace("SINK", sink.url)), hooks);
    for (const v of ["a1", "a2", "a3"]) await send("a", { v });
    await hooks.until(() => hooks.explains.filter((e) => e.outcome === "held").length === 3);
    expect(sink.requests).toHaveLength(0);
    await send("b", { v: "b1" });
    await sink.waitFor((requests) => requests.length === 1);
    expect(sink.requests[0]?.body).toBe('{"a":"a3","b":"b1"}');
    await send("b", { v: "b2" });
    await hooks.until(() => hooks.explains.filter((e) => e.outcome === "held").length === 4);
    expect(sink.requests).toHaveLength(1);
  });

  it("keeps held join state across a restart: a1, restart, b1 fires with both", async () => {
    await setup();
    const hooks = memoryHooks();
    const sensor = sensorOf(joinSensor().replace("SINK", sink.url));
    const first = await start(sensor, hooks);
    await send("a", { v: "a1" });
    await hooks.until(() => hooks.explains.some((e) => e.outcome === "held"));
    expect(first.joinState()[0]?.held.map((h) => h.dependency)).toEqual(["a"]);
    await first.stop();
    running.splice(running.indexOf(first), 1);
    const second = await start(sensor, memoryHooks());
    expect(second.joinState()[0]?.held.map((h) => h.dependency)).toEqual(["a"]);
    await send("b", { v: "b1" });
    await sink.waitFor((requests) => requests.length === 1);
    expect(sink.requests[0]?.body).toBe('{"a":"a1","b":"b1"}');
  });

  it("fires an OR trigger per event, with the missing dependency's default", async () => {
    await setup();
    const hooks = memoryHooks();
    await start(sensorOf(joinSensor("a || b").replace("SINK", sink.url)), hooks);
    await send("a", { v: "x" });
    await send("b", { v: "y" });
    await sink.waitFor((requests) => requests.length === 2);
    expect(sink.requests.map((r) => r.body).sort()).toEqual(['{"a":"none","b":"y"}', '{"a":"x","b":"none"}']);
  });

  it("retries an atLeastOnce trigger per retryStrategy, records every attempt, then runs the dlqTrigger", async () => {
    await setup();
    sink.respondWith(500);
    const hooks = memoryHooks();
    await start(
      sensorOf(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: retry}
spec:
  dependencies: [{name: a, eventSourceName: hooks, eventName: a}]
  triggers:
    - template: {name: t, http: {url: "${sink.url}/main"}}
      policy: {status: {allow: [200]}}
      atLeastOnce: true
      retryStrategy: {steps: 3, duration: 20ms, factor: 2}
      dlqTrigger:
        template: {name: dlq, http: {url: "${sink.url}/dlq"}}
        atLeastOnce: true
`),
      hooks,
    );
    await send("a", { v: 1 });
    await hooks.until(() => hooks.finished.length === 1);
    const run = hooks.finished[0]!;
    expect(run.outcome.status).toBe("failed");
    expect(run.outcome.attempts.map((a) => a.status)).toEqual([500, 500, 500]);
    expect(run.outcome.dlq?.status).toBe("succeeded");
    expect(sink.requests.map((r) => r.path)).toEqual(["/main", "/main", "/main", "/dlq"]);
  });

  it("records the start of an at-most-once run before acknowledging, and runs it once without retries", async () => {
    await setup();
    sink.respondWith(503);
    const hooks = memoryHooks();
    await start(
      sensorOf(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: once}
spec:
  dependencies: [{name: a, eventSourceName: hooks, eventName: a}]
  triggers:
    - template: {name: t, http: {url: "${sink.url}/x"}}
      policy: {status: {allow: [200]}}
      retryStrategy: {steps: 5, duration: 10ms}
`),
      hooks,
    );
    await send("a", { v: 1 });
    await hooks.until(() => hooks.finished.length === 1);
    expect(hooks.started).toHaveLength(1);
    expect(hooks.finished[0]?.outcome.attempts).toHaveLength(1);
  });
});

describe("conditionsReset", () => {
  it("discards, at start-up, held events older than the most recent reset tick", async () => {
    await setup();
    let now = Date.parse("2026-07-18T10:00:30Z");
    const clock = { now: () => now, sleep: (_ms: number, signal?: AbortSignal) => new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve())) };
    const yaml = joinSensor().replace("SINK", sink.url).replace("        http:", '        conditionsReset: [{byTime: {cron: "* * * * *"}}]\n        http:');
    const sensor = sensorOf(yaml);
    const hooks = memoryHooks();
    const first = await startSensor({ namespace: "default", sensor, bus, clock, logger: silentLogger, secrets: noSecrets, hooks });
    running.push(first);
    await send("a", { v: "a1" });
    await hooks.until(() => hooks.explains.some((e) => e.outcome === "held"));
    await first.stop();
    running.splice(running.indexOf(first), 1);
    now = Date.parse("2026-07-18T10:00:50Z");
    const sameMinute = await startSensor({ namespace: "default", sensor, bus, clock, logger: silentLogger, secrets: noSecrets, hooks: memoryHooks() });
    expect(sameMinute.joinState()[0]?.held).toHaveLength(1);
    await sameMinute.stop();
    now = Date.parse("2026-07-18T10:01:30Z");
    const afterTick = await startSensor({ namespace: "default", sensor, bus, clock, logger: silentLogger, secrets: noSecrets, hooks: memoryHooks() });
    running.push(afterTick);
    expect(afterTick.joinState()[0]?.held).toHaveLength(0);
  });

  it("rejects a bad cron or timezone at apply time with the path", () => {
    const bad = (cron: string, tz: string) =>
      joinSensor().replace("        http:", `        conditionsReset: [{byTime: {cron: "${cron}", timezone: "${tz}"}}]\n        http:`);
    expect(() => parseManifests(bad("61 * * * *", "UTC"))).toThrow(/conditionsReset\[0\]\.byTime\.cron/);
    expect(() => parseManifests(bad("* * * * *", "Mars/Olympus"))).toThrow(/conditionsReset\[0\]\.byTime\.timezone/);
  });
});
