// Wire compatibility with Argo Events, checked with plain @nats-io/jetstream and @nats-io/kv clients. These tests need
// Argo's exact names (stream `default`, subjects `default.*.*`, bucket = sensor name), which would collide with
// anything else on the shared test server, so they run against a private nats-server (the same binary the services
// scripts installed) on a free port with a temporary store.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { connect, nanos, type ConnectionOptions, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { info } from "../../../../scripts/services/index.mjs";
import { durableName } from "../sensors/conditions.ts";
import { encodeCloudEvent, formatRfc3339Nano, newEventId } from "../sources/cloudevent.ts";
import { createJetStreamBus, parseAccessSecret, type JetStreamEventBus } from "./nats.ts";
import { take } from "./testing/conformance.ts";
import type { BusMessage, PublishResult } from "./types.ts";

let server: PrivateServer;
let url: string;
let nc: NatsConnection;
let jsm: JetStreamManager;
const buses: JetStreamEventBus[] = [];

interface PrivateServer {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Start a nats-server with JetStream on a free port and a temporary store; resolves once it takes connections. */
async function startServer(
  extraArgs: string[] = [],
  connectOptions: Partial<ConnectionOptions> = {},
): Promise<PrivateServer> {
  const bin = typeof info("nats")?.bin === "string" ? String(info("nats")?.bin) : "nats-server";
  const dir = mkdtempSync(join(tmpdir(), "sb-nats-wire-"));
  const port = await freePort();
  const child: ChildProcess = spawn(bin, ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", dir, ...extraArgs], {
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };

  const serverUrl = `nats://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      await (await connect({ servers: serverUrl, timeout: 1_000, ...connectOptions })).close();
      return { url: serverUrl, stop };
    } catch (error) {
      if (Date.now() > deadline) {
        await stop();
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  server = await startServer();
  url = server.url;
  nc = await connect({ servers: url });
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  await nc?.close();
  await server?.stop();
});

beforeEach(async () => {
  await Promise.all(buses.splice(0).map((bus) => bus.close()));
  for await (const stream of jsm.streams.list()) await jsm.streams.delete(stream.config.name);
});

async function bus(options: { streamConfig?: string; publishWindow?: number } = {}): Promise<JetStreamEventBus> {
  const made = await createJetStreamBus({ servers: url, name: "wire-test", ...options });
  buses.push(made);
  return made;
}

function argoEvent(source: string, subject: string, payload: unknown): { id: string; body: Uint8Array } {
  const id = newEventId();
  const data = new TextEncoder().encode(JSON.stringify(payload));
  return {
    id,
    body: encodeCloudEvent({ id, source, type: "webhook", subject, time: formatRfc3339Nano(Date.now()) }, data),
  };
}

describe("JetStream wire format (Argo Events)", () => {
  it("publishes default.<es>.<event> with Nats-Msg-Id, transport headers and the CloudEvent bytes unchanged", async () => {
    const sender = await bus();
    const { id, body } = argoEvent("webhook", "example", { header: {}, body: { message: "hello" } });
    const traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
    const result = await sender.publish({
      id,
      eventSourceName: "webhook",
      eventName: "example",
      body,
      headers: { traceparent, "ce-tenant": "acme" },
    });
    expect(result).toEqual({ outcome: "accepted", sequence: 1 });

    await jsm.consumers.add("default", {
      durable_name: "plain-reader",
      ack_policy: "explicit",
      deliver_policy: "all",
      filter_subject: "default.>",
    });
    const msg = await (await jetstream(nc).consumers.get("default", "plain-reader")).next({ expires: 5_000 });
    expect(msg).not.toBeNull();
    expect(msg!.subject).toBe("default.webhook.example");
    expect(msg!.headers?.get("Nats-Msg-Id")).toBe(id);
    expect(msg!.headers?.get("traceparent")).toBe(traceparent);
    expect(msg!.headers?.get("ce-tenant")).toBe("acme");
    expect(Buffer.from(msg!.data).equals(Buffer.from(body))).toBe(true);
    expect(Object.keys(msg!.json<Record<string, unknown>>())).toEqual([
      "specversion",
      "id",
      "source",
      "type",
      "subject",
      "datacontenttype",
      "time",
      "data_base64",
    ]);
    msg!.ack();
  });

  it("delivers what a plain client publishes in Argo's format to a consumer named like Argo's group-<fnv32a>", async () => {
    const receiver = await bus();
    const durable = durableName("my-sensor", "my-trigger", "dep-a");
    expect(durable).toMatch(/^group-\d+$/);
    const sub = await receiver.subscribe({
      durable,
      filters: [{ eventSourceName: "calendar", eventName: "tick" }],
      ackWaitMs: 20_000,
    });

    const { id, body } = argoEvent("calendar", "tick", { eventTime: "now" });
    const ack = await jetstream(nc).publish("default.calendar.tick", body, { msgID: id });
    const [delivery] = await take(sub, 1);
    expect(delivery?.message).toMatchObject({ id, eventSourceName: "calendar", eventName: "tick", headers: {} });
    expect(Buffer.from(delivery!.message.body).equals(Buffer.from(body))).toBe(true);
    expect(delivery?.sequence).toBe(ack.seq);
    expect(delivery?.deliveryCount).toBe(1);
    await delivery!.ack();

    const consumer = await jsm.consumers.info("default", durable);
    expect(consumer.config).toMatchObject({
      durable_name: durable,
      ack_policy: "explicit",
      deliver_policy: "new",
      filter_subject: "default.calendar.tick",
      ack_wait: nanos(20_000),
    });
    expect(consumer.ack_floor.stream_seq).toBe(ack.seq);
    expect(consumer.num_ack_pending).toBe(0);
  });

  it("takes over a consumer Argo created, keeping its position", async () => {
    await bus();
    const durable = durableName("s", "t", "d");
    // As Argo's sensor leaves it: AckExplicit, DeliverNew, a message acked and one still pending.
    await jsm.consumers.add("default", {
      durable_name: durable,
      ack_policy: "explicit",
      deliver_policy: "new",
      filter_subject: "default.es.ev",
    });
    const js = jetstream(nc);
    const first = argoEvent("es", "ev", 1);
    const second = argoEvent("es", "ev", 2);
    await js.publish("default.es.ev", first.body, { msgID: first.id });
    await js.publish("default.es.ev", second.body, { msgID: second.id });
    const argo = await js.consumers.get("default", durable);
    const acked = await argo.next({ expires: 5_000 });
    await acked!.ackAck();

    const sub = await (
      await bus()
    ).subscribe({ durable, filters: [{ eventSourceName: "es", eventName: "ev" }], ackWaitMs: 10_000, maxInFlight: 64 });
    const [delivery] = await take(sub, 1);
    expect(delivery?.message.id).toBe(second.id);
    await delivery!.ack();
    // Same consumer, position kept; its ack wait and in-flight cap now follow the subscriber.
    const { config } = await jsm.consumers.info("default", durable);
    expect(config).toMatchObject({ deliver_policy: "new", ack_wait: nanos(10_000), max_ack_pending: 64 });
  });

  it("stores KV state where a plain client (and Argo) finds it: bucket = sensor name, key <trigger>/<dep>", async () => {
    const kv = await (await bus()).openKeyValue("my-sensor");
    await kv.put("my-trigger/dep-a", new TextEncoder().encode('{"StreamSeq":1}'));
    const plain = await new Kvm(nc).open("my-sensor");
    expect((await plain.get("my-trigger/dep-a"))?.string()).toBe('{"StreamSeq":1}');
    await plain.put("Triggers", new TextEncoder().encode('["my-trigger"]'));
    expect(new TextDecoder().decode(await kv.get("Triggers"))).toBe('["my-trigger"]');
    expect(await kv.keys()).toEqual(["Triggers", "my-trigger/dep-a"]);
  });
});

describe("JetStream stream settings (Argo semantics)", () => {
  it("creates stream default with Argo's controller defaults", async () => {
    const made = await bus();
    expect(made.stream.created).toBe(true);
    const { config } = await jsm.streams.info("default");
    expect(config).toMatchObject({
      name: "default",
      subjects: ["default.*.*"],
      storage: "file",
      retention: "limits",
      discard: "old",
      max_msgs: 50_000,
      max_bytes: -1,
      max_age: nanos(168 * 3_600_000),
      duplicate_window: nanos(300_000),
      num_replicas: 1, // 3, capped at the single server
    });
  });

  it("merges streamConfig over the defaults, and leaves an existing stream unchanged", async () => {
    const first = await bus({
      streamConfig: "maxMsgs: 1000\nmaxAge: 2h\nduplicates: 1m\ndiscard: 1\nretention: 1\nreplicas: 1\nunknownKey: x\n",
    });
    const expected = {
      subjects: ["default.*.*"],
      max_msgs: 1000,
      max_bytes: -1,
      max_age: nanos(2 * 3_600_000),
      duplicate_window: nanos(60_000),
      discard: "new",
      retention: "interest",
    };
    expect(first.stream.info.config).toMatchObject(expected);

    const second = await bus({ streamConfig: "maxMsgs: 7\nduplicates: 5s\n" });
    expect(second.stream.created).toBe(false);
    expect(second.stream.differences).toEqual(expect.arrayContaining([expect.stringContaining("maxMsgs")]));
    expect((await jsm.streams.info("default")).config).toMatchObject(expected);
  });
});

describe("JetStream connection options", () => {
  it("connects with Argo's accessSecret credentials over TLS (CA as contents or file), and refuses a wrong password", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-nats-tls-"));
    const file = (name: string) => join(dir, name);
    const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "ignore" });
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.pem"),
      "-days",
      "1",
      "-subj",
      "/CN=signalbox-test-ca",
    );
    openssl(
      "req",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("server.key"),
      "-out",
      file("server.csr"),
      "-subj",
      "/CN=127.0.0.1",
    );
    // nats.js upgrades the plain socket to TLS without a server name for an IP, so node checks the name "localhost".
    writeFileSync(file("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    openssl(
      "x509",
      "-req",
      "-in",
      file("server.csr"),
      "-CA",
      file("ca.pem"),
      "-CAkey",
      file("ca.key"),
      "-CAcreateserial",
      "-out",
      file("server.pem"),
      "-days",
      "1",
      "-extfile",
      file("san.ext"),
    );
    const secured = await startServer(
      ["--user", "argo", "--pass", "s3cr3t", "--tls", "--tlscert", file("server.pem"), "--tlskey", file("server.key")],
      { user: "argo", pass: "s3cr3t", tls: { caFile: file("ca.pem") } },
    );
    try {
      const credentials = parseAccessSecret("username: argo\npassword: s3cr3t\n");
      const viaContents = await createJetStreamBus({
        servers: secured.url,
        ...credentials,
        tls: { ca: readFileSync(file("ca.pem"), "utf8") },
      });
      buses.push(viaContents);
      expect(
        (
          await viaContents.publish({
            id: newEventId(),
            eventSourceName: "es",
            eventName: "ev",
            body: new Uint8Array([123, 125]),
            headers: {},
          })
        ).outcome,
      ).toBe("accepted");
      const viaFile = await createJetStreamBus({
        servers: secured.url,
        ...credentials,
        tls: { caFile: file("ca.pem") },
      });
      buses.push(viaFile);
      expect(viaFile.health()).toEqual({ connected: true });
      await expect(
        createJetStreamBus({ servers: secured.url, user: "argo", pass: "wrong", tls: { caFile: file("ca.pem") } }),
      ).rejects.toMatchObject({
        code: "BUS_UNAVAILABLE",
      });
      await expect(
        createJetStreamBus({ servers: secured.url, ...credentials, connectTimeoutMs: 2_000 }),
      ).rejects.toMatchObject({ code: "BUS_UNAVAILABLE" });
    } finally {
      await Promise.all(buses.splice(0).map((bus) => bus.close()));
      await secured.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("JetStream publish throughput (printed, not asserted)", () => {
  it("pipelines 20k publishes within the in-flight window", async () => {
    const sender = await bus({ streamConfig: "maxMsgs: -1\nreplicas: 1" });
    const payload = new TextEncoder().encode(JSON.stringify({ pad: "x".repeat(900) }));
    const total = 20_000;
    const concurrency = 1_000;
    const measure = async (publish: (i: number) => Promise<unknown>) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < total) await publish(next++);
        }),
      );
      return Math.round(total / ((performance.now() - started) / 1000));
    };
    const outcomes = new Map<string, number>();
    const message = (i: number): BusMessage => ({
      id: `perf-${i}-${randomBytes(4).toString("hex")}`,
      eventSourceName: "perf",
      eventName: "load",
      body: payload,
      headers: {},
    });
    const js = jetstream(nc);
    // Alternate bus and raw nats.js (B3 of docs/performance) so warm-up and stream growth hit both alike.
    const rates: { bus: number[]; raw: number[] } = { bus: [], raw: [] };
    for (let round = 0; round < 2; round += 1) {
      rates.bus.push(
        await measure(async (i) => {
          const result: PublishResult = await sender.publish(message(i));
          outcomes.set(result.outcome, (outcomes.get(result.outcome) ?? 0) + 1);
        }),
      );
      rates.raw.push(await measure((i) => js.publish("default.perf.raw", payload, { msgID: `raw-${round}-${i}` })));
    }
    console.log(
      `[perf] JetStream publish, ${total} × ~1 KiB per round, ${concurrency} in flight: bus ${rates.bus.join(", ")} /s; raw nats.js ${rates.raw.join(", ")} /s (${[...outcomes].map(([k, v]) => `${k} ${v}`).join(", ")})`,
    );
    expect(outcomes.get("accepted")).toBe(2 * total);
  });
});
