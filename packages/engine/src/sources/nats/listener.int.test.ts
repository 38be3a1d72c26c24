/**
 * The nats source against a real nats-server of its own (so it can be restarted), with an emit the test controls:
 * a message the bus refuses is emitted again until published, an unmarshallable one is dropped, the subscription
 * comes back after the server restarts, and a queue group shares messages between sources.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { connect, headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, systemClock } from "../../host.ts";
import { natsSource } from "../nats.ts";
import type { EmitResult, RunningSource, SourceEmission } from "../types.ts";
import { WebhookServerPool } from "../webhook/servers.ts";
import { natsEvent } from "./schema.ts";

// The integration globalSetup installs nats-server; this test runs its own instance.
let port = 0;
let server: ChildProcess | undefined;
let client: NatsConnection;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

async function startNatsServer(): Promise<void> {
  server = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(port)], { stdio: "ignore" });
  for (let i = 0; i < 100; i++) {
    try {
      const probe = await connect({ servers: `nats://127.0.0.1:${port}`, timeout: 500 });
      await probe.close();
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  throw new Error("nats-server did not start");
}

async function stopNatsServer(): Promise<void> {
  const child = server;
  server = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

beforeAll(async () => {
  port = await freePort();
  await startNatsServer();
  client = await connect({ servers: `nats://127.0.0.1:${port}`, maxReconnectAttempts: -1, reconnectTimeWait: 100 });
});

afterAll(async () => {
  await client?.close();
  await stopNatsServer();
});

interface Recorder {
  attempts: SourceEmission[];
  published: SourceEmission[];
  answers: EmitResult["outcome"][];
}
const recorder = (answers: EmitResult["outcome"][] = []): Recorder => ({ attempts: [], published: [], answers });

function start(config: Record<string, unknown>, seen: Recorder): Promise<RunningSource> {
  return natsSource.start({
    context: {
      namespace: "it",
      eventSourceName: "es",
      clock: systemClock,
      logger: silentLogger,
      emit: async (emission) => {
        seen.attempts.push(emission);
        const answer = seen.answers.shift() ?? "published";
        if (answer === "published") {
          seen.published.push(emission);
          return { outcome: "published", eventId: "x", duplicate: false };
        }
        return answer === "filtered"
          ? { outcome: "filtered", eventId: "x", reason: "test" }
          : { outcome: answer, retryAfterMs: 50, reason: "no" };
      },
    },
    events: { example: natsEvent.parse({ url: `nats://127.0.0.1:${port}`, ...config }) },
    services: {
      webhooks: new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger }),
      secrets: { resolve: async () => undefined },
      routes: new Map(),
    },
  });
}

async function until(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const text = (emission: SourceEmission | undefined) => new TextDecoder().decode(emission?.data);

describe("the nats source on a real nats-server", () => {
  it("emits a refused message again until published, drops one that is not JSON, keeps the order", async () => {
    const seen = recorder(["failed", "overloaded"]);
    const source = await start({ subject: "it.a.*", jsonBody: true, metadata: { k: "v" } }, seen);
    const h = natsHeaders();
    h.append("X-Id", "1");
    h.append("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    client.publish("it.a.one", '{"n":1}', { headers: h });
    client.publish("it.a.two", "not json");
    client.publish("it.a.three", '{"n":3}');
    await until(() => seen.published.length >= 2);
    await source.stop();
    expect(seen.attempts.map(text)).toEqual([
      ...Array<string>(3).fill(
        '{"subject":"it.a.one","body":{"n":1},"header":{"X-Id":["1"],"traceparent":["00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"]},"metadata":{"k":"v"}}',
      ),
      '{"subject":"it.a.three","body":{"n":3},"metadata":{"k":"v"}}',
    ]);
    expect(
      seen.published.every(
        (emission) => emission.type === "nats" && emission.eventName === "example" && emission.id === undefined,
      ),
    ).toBe(true);
  });

  it("subscribes again after the server restarts", async () => {
    const seen = recorder();
    const source = await start({ subject: "it.b" }, seen);
    client.publish("it.b", "before");
    await until(() => seen.published.length >= 1);
    await stopNatsServer();
    await startNatsServer();
    // Publish until the source has reconnected and resubscribed.
    for (let i = 0; i < 200 && seen.published.length < 2; i++) {
      if (!client.isClosed()) client.publish("it.b", "after");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await source.stop();
    expect(seen.published.slice(0, 2).map(text)).toEqual([
      '{"subject":"it.b","body":"YmVmb3Jl"}',
      '{"subject":"it.b","body":"YWZ0ZXI="}',
    ]);
  }, 30_000);

  it("shares a queue group's messages between sources: each message once", async () => {
    const one = recorder();
    const two = recorder();
    const first = await start({ subject: "it.c", queue: "workers" }, one);
    const second = await start({ subject: "it.c", queue: "workers" }, two);
    for (let i = 0; i < 40; i++) client.publish("it.c", String(i));
    await until(() => one.published.length + two.published.length >= 40);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await first.stop();
    await second.stop();
    expect(one.published.length + two.published.length).toBe(40);
    expect(new Set([...one.published, ...two.published].map(text)).size).toBe(40);
  });
});
