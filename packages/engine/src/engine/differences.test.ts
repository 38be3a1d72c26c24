/**
 * README "Deliberate differences", at the engine level: a webhook whose event the bus cannot durably take answers
 * 503 + Retry-After (Argo: 500, and 200 before #3449). The embedded log is given a tiny storage cap so it refuses
 * the publish (`overloaded`), as a full disk or a runaway producer would make it.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createEmbeddedBus, openEmbeddedLog, type EmbeddedLog } from "../bus/embedded.ts";
import { silentLogger, systemClock } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import type { EmitResult } from "../sources/types.ts";
import { memoryHooks, type MemoryHooks } from "../testing/memoryHooks.ts";
import { Engine } from "./engine.ts";

let engine: Engine | undefined;
let log: EmbeddedLog | undefined;
afterEach(async () => {
  await engine?.stop();
  log?.close();
});

function engineWithCap(hooks: MemoryHooks, maxBytes: number): Engine {
  log = openEmbeddedLog({
    file: join(mkdtempSync(join(tmpdir(), "sb-diff-")), "bus.db"),
    clock: systemClock,
    logger: silentLogger,
    maxBytes,
  });
  const shared = log;
  engine = new Engine({
    clock: systemClock,
    logger: silentLogger,
    host: "127.0.0.1",
    secrets: { resolve: () => Promise.resolve(undefined) },
    hooks,
    leader: true,
    openBus: (target) =>
      Promise.resolve(
        createEmbeddedBus({ log: shared, stream: `${target.namespace}/${target.name}`, clock: systemClock }),
      ),
  });
  return engine;
}

const post = (body: unknown) => ({
  method: "POST",
  query: "",
  rawHeaders: ["Content-Type", "application/json"],
  body: new TextEncoder().encode(JSON.stringify(body)),
});

const manifests = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order: {port: "0", endpoint: /order, method: POST}
`;

describe("deliberate difference: the bus cannot durably take the event", () => {
  it("answers 503 with Retry-After and publishes nothing (Argo: 500)", async () => {
    const hooks = memoryHooks();
    const emitted: EmitResult[] = [];
    hooks.emitted = (info) => void emitted.push(info.result);
    const engine = engineWithCap(hooks, 64);
    for (const resource of parseManifests(manifests).resources) await engine.apply(resource);

    const response = await engine.handleWebhook(
      "default",
      "shop",
      "order",
      post({ amount: 12.5, note: "x".repeat(100) }),
    );

    expect(response?.status).toBe(503);
    expect(response?.body).toBe("failed to record event");
    const retryAfter = Number(response?.headers?.["Retry-After"]);
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(emitted.map((r) => r.outcome)).toEqual(["overloaded"]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(hooks.events).toEqual([]);
  });

  it("answers 200 success once the event fits (the same source, a roomy log)", async () => {
    const hooks = memoryHooks();
    const engine = engineWithCap(hooks, 1024 * 1024);
    for (const resource of parseManifests(manifests).resources) await engine.apply(resource);
    const response = await engine.handleWebhook("default", "shop", "order", post({ amount: 12.5 }));
    expect([response?.status, response?.body]).toEqual([200, "success"]);
    await hooks.until(() => hooks.events.length === 1);
  });
});
