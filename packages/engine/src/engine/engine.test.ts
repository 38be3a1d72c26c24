import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "../bus/embedded.ts";
import { silentLogger, systemClock } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import { memoryHooks, type MemoryHooks } from "../testing/memoryHooks.ts";
import { Engine } from "./engine.ts";
import type { EmitResult } from "../sources/types.ts";

let engine: Engine | undefined;
let log: EmbeddedLog | undefined;
afterEach(async () => {
  await engine?.stop();
  log?.close();
});

function makeEngine(hooks: MemoryHooks, leader = true): Engine {
  log = openEmbeddedLog({ file: join(mkdtempSync(join(tmpdir(), "sb-engine-")), "bus.db"), clock: systemClock, logger: silentLogger });
  const shared = log;
  engine = new Engine({
    clock: systemClock,
    logger: silentLogger,
    host: "127.0.0.1",
    secrets: { resolve: async () => undefined },
    hooks,
    leader,
    openBus: async (target) => createEmbeddedBus({ log: shared, stream: `${target.namespace}/${target.name}`, clock: systemClock }),
  });
  return engine;
}

const post = (body: unknown) => ({ method: "POST", query: "", rawHeaders: ["Content-Type", "application/json"], body: new TextEncoder().encode(JSON.stringify(body)) });

describe("engine", () => {
  it("drops events the source filter rejects before the bus, still answering 200 success", async () => {
    const hooks = memoryHooks();
    const emitted: EmitResult[] = [];
    hooks.emitted = (info) => void emitted.push(info.result);
    const engine = makeEngine(hooks);
    const { resources } = parseManifests(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order:
      port: "0"
      endpoint: /order
      method: POST
      filter: {expression: 'body.amount > 0 && body.name != "Joe"'}
`);
    for (const resource of resources) await engine.apply(resource);
    const accepted = await engine.handleWebhook("default", "shop", "order", post({ amount: 5, name: "Ann" }));
    const dropped = await engine.handleWebhook("default", "shop", "order", post({ amount: 5, name: "Joe" }));
    expect([accepted?.status, accepted?.body]).toEqual([200, "success"]);
    expect([dropped?.status, dropped?.body]).toEqual([200, "success"]);
    expect(emitted.map((r) => r.outcome)).toEqual(["published", "filtered"]);
    await hooks.until(() => hooks.events.length === 1);
    expect(new TextDecoder().decode(hooks.events[0]!.body)).toContain('"source":"shop"');
  });

  it("rejects a filter expression that does not compile, with its path", () => {
    expect(() =>
      parseManifests(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order: {port: "1", endpoint: /o, method: POST, filter: {expression: "body.amount >"}}
`),
    ).toThrow(/spec\.webhook\.order\.filter\.expression|unexpected/);
  });

  it("reports DependenciesProvided=False when a sensor's source is deleted", async () => {
    const engine = makeEngine(memoryHooks());
    const { resources } = parseManifests(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: src}
spec:
  webhook:
    e: {port: "0", endpoint: /e, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s}
spec:
  dependencies: [{name: d, eventSourceName: src, eventName: e}]
  triggers: [{template: {name: t, log: {}}}]
`);
    for (const resource of resources) await engine.apply(resource);
    expect(engine.status("Sensor", "default", "s").find((c) => c.type === "DependenciesProvided")?.status).toBe("True");
    await engine.remove("EventSource", "default", "src");
    const condition = engine.status("Sensor", "default", "s").find((c) => c.type === "DependenciesProvided");
    expect(condition).toMatchObject({ status: "False", reason: "EventSourceNotFound" });
  });

  it("as a follower serves webhooks through the API route only, and takes the port when it becomes leader", async () => {
    const { createServer } = await import("node:net");
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
      });
    });
    const engine = makeEngine(memoryHooks(), false);
    const { resources } = parseManifests(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shared}
spec:
  webhook:
    e: {port: "${port}", endpoint: /e, method: POST}
`);
    for (const resource of resources) await engine.apply(resource);
    await expect(fetch(`http://127.0.0.1:${port}/e`, { method: "POST", body: "{}" })).rejects.toThrow();
    expect((await engine.handleWebhook("default", "shared", "e", post({ a: 1 })))?.status).toBe(200);
    await engine.setLeader(true);
    const direct = await fetch(`http://127.0.0.1:${port}/e`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(direct.status).toBe(200);
  });
});

