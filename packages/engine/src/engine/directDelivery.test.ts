import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "../bus/embedded.ts";
import type { BusMessage } from "../bus/types.ts";
import { silentLogger, systemClock } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import { encodeCloudEvent, formatRfc3339Nano, newEventId } from "../sources/cloudevent.ts";
import { startSink, type Sink } from "../testing/httpSink.ts";
import { memoryHooks, type MemoryHooks } from "../testing/memoryHooks.ts";
import { Engine } from "./engine.ts";

let engine: Engine | undefined;
let log: EmbeddedLog | undefined;
let sink: Sink | undefined;
afterEach(async () => {
  await engine?.stop();
  log?.close();
  await sink?.close();
});

async function setup(hooks: MemoryHooks): Promise<{ engine: Engine; sink: Sink }> {
  sink = await startSink();
  log = openEmbeddedLog({ file: join(mkdtempSync(join(tmpdir(), "sb-direct-")), "bus.db"), clock: systemClock, logger: silentLogger });
  const shared = log;
  engine = new Engine({
    clock: systemClock,
    logger: silentLogger,
    host: "127.0.0.1",
    secrets: { resolve: async () => undefined },
    hooks,
    openBus: async (target) => createEmbeddedBus({ log: shared, stream: `${target.namespace}/${target.name}`, clock: systemClock }),
  });
  const { resources } = parseManifests(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order: {port: "0", endpoint: /order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify}
spec:
  dependencies:
    - {name: order, eventSourceName: shop, eventName: order}
  triggers:
    - template:
        name: first
        http:
          url: ${sink.url}/first
          payload: [{src: {dependencyName: order, dataKey: body.n}, dest: n}]
    - template:
        name: second
        http:
          url: ${sink.url}/second
          payload: [{src: {dependencyName: order, dataKey: body.n}, dest: n}]
`);
  for (const resource of resources) await engine.apply(resource);
  return { engine, sink };
}

function message(body: unknown, extensions: Record<string, string> = {}, headers: Record<string, string> = {}): BusMessage {
  const id = newEventId();
  return {
    id,
    eventSourceName: "shop",
    eventName: "order",
    body: encodeCloudEvent(
      { id, source: "shop", type: "webhook", subject: "order", time: formatRfc3339Nano(Date.now()), extensions },
      new TextEncoder().encode(JSON.stringify({ header: {}, body })),
    ),
    headers,
  };
}

const post = (body: unknown, headers: string[] = []) => ({
  method: "POST",
  query: "",
  rawHeaders: ["Content-Type", "application/json", ...headers],
  body: new TextEncoder().encode(JSON.stringify(body)),
});

describe("direct delivery to one sensor", () => {
  it("runs only the chosen trigger, records explain and run with replayOf, and touches no other trigger", async () => {
    const hooks = memoryHooks();
    const { engine, sink } = await setup(hooks);
    const result = await engine.deliverTo({ namespace: "default", sensor: "notify", trigger: "second", message: message({ n: 7 }, { replayof: "orig-1" }) });
    expect(result.outcome).toBe("delivered");
    if (result.outcome !== "delivered") return;
    expect(result.targets).toEqual([{ trigger: "second", dependency: "order" }]);
    await result.done;
    await sink.waitFor((requests) => requests.length === 1);
    expect(sink.requests.map((r) => r.path)).toEqual(["/second"]);
    expect(hooks.explains.map((e) => [e.trigger, e.outcome])).toEqual([["second", "fired"]]);
    await hooks.until(() => hooks.finished.length === 1);
    expect(hooks.finished[0]?.replayOf).toBe("orig-1");
    // Nothing went over the bus: the history saw no event.
    expect(hooks.events).toHaveLength(0);
  });

  it("answers with a reason for an unknown sensor or trigger, and an event no dependency is for", async () => {
    const { engine } = await setup(memoryHooks());
    expect((await engine.deliverTo({ namespace: "default", sensor: "nope", message: message({}) })).outcome).toBe("unknown-sensor");
    expect((await engine.deliverTo({ namespace: "default", sensor: "notify", trigger: "nope", message: message({}) })).outcome).toBe("unknown-trigger");
    const other = { ...message({}), eventName: "refund" };
    const result = await engine.deliverTo({ namespace: "default", sensor: "notify", message: other });
    expect(result).toMatchObject({ outcome: "no-dependency" });
  });
});

describe("pause and resume", () => {
  it("a paused source answers 503 with Retry-After and publishes nothing; resumed, it takes events again", async () => {
    const hooks = memoryHooks();
    const { engine } = await setup(hooks);
    await engine.setPaused("EventSource", "default", "shop", true);
    const paused = await engine.handleWebhook("default", "shop", "order", post({ n: 1 }));
    expect(paused?.status).toBe(503);
    expect(paused?.headers?.["Retry-After"]).toBe("30");
    expect(engine.status("EventSource", "default", "shop").find((c) => c.type === "Deployed")).toMatchObject({ status: "Unknown", reason: "Paused" });
    await engine.setPaused("EventSource", "default", "shop", false);
    expect((await engine.handleWebhook("default", "shop", "order", post({ n: 2 })))?.status).toBe(200);
    await hooks.until(() => hooks.events.length === 1);
  });

  it("a paused sensor consumes nothing, and on resume gets what arrived meanwhile from its kept bus position", async () => {
    const hooks = memoryHooks();
    const { engine, sink } = await setup(hooks);
    await engine.setPaused("Sensor", "default", "notify", true);
    expect((await engine.deliverTo({ namespace: "default", sensor: "notify", message: message({}) })).outcome).toBe("not-running");
    expect((await engine.handleWebhook("default", "shop", "order", post({ n: 3 })))?.status).toBe(200);
    await hooks.until(() => hooks.events.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sink.requests).toHaveLength(0);
    await engine.setPaused("Sensor", "default", "notify", false);
    await sink.waitFor((requests) => requests.length === 2);
    expect(sink.requests.map((r) => r.body).sort()).toEqual(['{"n":"3"}', '{"n":"3"}']);
  });
});

describe("trace context", () => {
  it("the HTTP trigger sends a child traceparent of the webhook's: same trace id, new span id", async () => {
    const hooks = memoryHooks();
    const { engine, sink } = await setup(hooks);
    const parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    expect((await engine.handleWebhook("default", "shop", "order", post({ n: 1 }, ["traceparent", parent])))?.status).toBe(200);
    await sink.waitFor((requests) => requests.length === 2);
    for (const request of sink.requests) {
      const sent = String(request.headers.traceparent);
      expect(sent).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-[0-9a-f]{16}-01$/);
      expect(sent).not.toBe(parent);
    }
    await hooks.until(() => hooks.finished.length === 2);
    const recorded = hooks.finished[0]?.outcome.request;
    expect(recorded?.kind === "http" ? recorded.headers.traceparent : undefined).toMatch(/^00-0af7651916cd43dd8448eb211c80319c-/);
  });
});
