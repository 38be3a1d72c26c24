// The conformance suite against the real nats-server of the integration services. Every bus gets its own stream,
// subject prefix and KV prefix (`t<hex>`), so tests never see each other's messages; they are deleted at the end.
// The crash cases SIGKILL the shared server and restart it on the same port and data (scripts/services), which
// disturbs anything else using that server at the same moment.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { afterAll, describe, expect, inject, it } from "vitest";
import { kill } from "../../../../scripts/services/index.mjs";
import { createJetStreamBus, parseStreamConfig, type JetStreamBusOptions } from "./nats.ts";
import { describeEventBus, testMessage } from "./testing/conformance.ts";

const url = inject("SIGNALBOX_TEST_NATS_URL");
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));

// `restart()` of scripts/services/index.mjs keeps every port it picked reserved for the life of the process, so a
// second in-process restart of nats fails with "port … is taken"; the CLI (same API, fresh process) does not.
async function restartNats(): Promise<void> {
  await promisify(execFile)(process.execPath, ["scripts/services.mjs", "restart", "nats"], {
    cwd: repoRoot,
    timeout: 60_000,
  });
}
const created = new Set<string>();

function names(id: string): Pick<JetStreamBusOptions, "streamName" | "subjectPrefix" | "kvPrefix"> {
  created.add(id);
  return { streamName: id, subjectPrefix: id, kvPrefix: `${id}_` };
}
const freshId = () => `t${randomBytes(4).toString("hex")}`;

afterAll(async () => {
  const nc = await connect({ servers: url });
  const jsm = await jetstreamManager(nc);
  for await (const stream of jsm.streams.list()) {
    const name = stream.config.name;
    if ([...created].some((id) => name === id || name.startsWith(`KV_${id}_`)))
      await jsm.streams.delete(name).catch(() => false);
  }
  await nc.close();
});

describeEventBus("jetstream", {
  create: async (options) => {
    const id = options?.reuse ?? freshId();
    // Replicas 1 keeps the stream as the test created it; the default (3) is capped and reported, tested below.
    const bus = await createJetStreamBus({
      servers: url,
      name: `conformance-${id}`,
      ...names(id),
      streamConfig: "replicas: 1",
    });
    return { bus, stream: id };
  },
  crashAndRestart: async (whileDown) => {
    await kill("nats");
    try {
      await whileDown?.();
    } finally {
      await restartNats();
    }
  },
  reconnects: true,
  // A stream that keeps 5 messages and refuses the 6th (DiscardNew): the broker itself says "full".
  createOverloaded: () =>
    createJetStreamBus({ servers: url, ...names(freshId()), streamConfig: "maxMsgs: 5\ndiscard: 1\nreplicas: 1\n" }),
});

describe("JetStream bus specifics", () => {
  it("answers overloaded when the in-flight publish window is full, and accepts again once it drains", async () => {
    const bus = await createJetStreamBus({
      servers: url,
      ...names(freshId()),
      streamConfig: "replicas: 1",
      publishWindow: 4,
    });
    try {
      const results = await Promise.all(Array.from({ length: 40 }, () => bus.publish(testMessage())));
      const overloaded = results.filter((r) => r.outcome === "overloaded");
      expect(results.filter((r) => r.outcome === "accepted")).toHaveLength(4);
      expect(overloaded).toHaveLength(36);
      for (const result of overloaded)
        if (result.outcome === "overloaded") expect(result.retryAfterMs).toBeGreaterThan(0);
      expect((await bus.publish(testMessage())).outcome).toBe("accepted");
    } finally {
      await bus.close();
    }
  });

  it("caps the default 3 replicas at the single server's 1 and reports it", async () => {
    const capped: unknown[] = [];
    const bus = await createJetStreamBus({
      servers: url,
      ...names(freshId()),
      onReplicasCapped: (info) => capped.push(info),
    });
    try {
      expect(capped).toEqual([expect.objectContaining({ requested: 3, used: 1 })]);
      expect(bus.stream.info.config.num_replicas).toBe(1);
      expect(bus.stream.created).toBe(true);
    } finally {
      await bus.close();
    }
  });

  it("refuses WorkQueue retention before touching the server", async () => {
    const refused = createJetStreamBus({ servers: url, ...names(freshId()), streamConfig: "retention: 2" });
    await expect(refused).rejects.toMatchObject({ code: "VALIDATION" });
    await expect(refused).rejects.toThrow(/#3377/);
    expect(() => parseStreamConfig("retention: workqueue")).toThrow(/WorkQueue/);
  });

  it("stores keys that JetStream KV cannot hold as they are, and lists them by prefix", async () => {
    const bus = await createJetStreamBus({ servers: url, ...names(freshId()), streamConfig: "replicas: 1" });
    try {
      const kv = await bus.openKeyValue("sensor.with dots");
      const odd = ["t/dep with space", "t/ünï", "_sb64=literal", "t/.x."];
      for (const key of odd) await kv.put(key, new TextEncoder().encode(key));
      await kv.put("t/plain-dep", new TextEncoder().encode("p"));
      expect(await kv.keys("t/")).toEqual(["t/.x.", "t/dep with space", "t/plain-dep", "t/ünï"].sort());
      for (const key of odd) expect(new TextDecoder().decode(await kv.get(key))).toBe(key);
    } finally {
      await bus.close();
    }
  });

  it("throws BusUnavailableError when no server answers", async () => {
    await expect(createJetStreamBus({ servers: "nats://127.0.0.1:1", connectTimeoutMs: 500 })).rejects.toMatchObject({
      code: "BUS_UNAVAILABLE",
    });
  });
});
