// The bus conformance suite against the real Kafka broker that the integration globalSetup starts (including its
// broker crash cases), plus what is particular to Kafka: topic creation rules, commits with out-of-order acks,
// a durable shared by two processes across a rebalance, and the publish rate.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { kill, restart } from "../../../../scripts/services/index.mjs";
import { NotFoundError } from "../errors.ts";
import { silentLogger } from "../host.ts";
import { createKafkaBus, type KafkaBusOptions } from "./kafka.ts";
import { describeEventBus, take, testMessage } from "./testing/conformance.ts";
import type { EventBus, Subscription } from "./types.ts";

const brokers = inject("SIGNALBOX_TEST_KAFKA_BROKERS");
const repoRoot = fileURLToPath(new URL("../../../../", import.meta.url));
const run = `sbt-${randomBytes(3).toString("hex")}`;
const newTopic = () => `${run}-${randomBytes(4).toString("hex")}`;

/**
 * Test timings: a dead member is noticed within seconds and fetches return quickly. The `hash` partitioner: the
 * suite's per-source ordering case holds for it (a source on one partition); Argo's default `random` orders a
 * source's events per partition only.
 */
const fast = {
  partitioner: "hash",
  consumer: { sessionTimeout: 6_000, rebalanceTimeout: 3_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 },
  healthIntervalMs: 500,
  logger: silentLogger,
} satisfies Partial<KafkaBusOptions>;

const open = (topic: string, extra: Partial<KafkaBusOptions> = {}) =>
  createKafkaBus({ brokers, topic, ...fast, ...extra });

/** Topics made by the test that is running; deleted after it so the broker stays small (a crash restart is faster). */
const made: string[] = [];
async function cleanUp(prefixes: string[]): Promise<void> {
  const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((topic) => prefixes.some((prefix) => topic.startsWith(prefix)));
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId);
    const ours = groups.filter((group) => prefixes.some((prefix) => group.startsWith(prefix)));
    if (ours.length > 0) await admin.deleteGroups(ours).catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
afterEach(async () => {
  const topics = made.splice(0);
  if (topics.length > 0) await cleanUp(topics);
});
afterAll(async () => {
  await cleanUp([run]);
});
const topicForTest = () => {
  const topic = newTopic();
  made.push(topic);
  return topic;
};

/**
 * Kill the broker (SIGKILL) and start it again on the same port and data. The services API's `restart` refuses a
 * second restart in one process (its in-process port reservations still hold the port: "cannot restart on the same
 * port … is taken"), so a later restart goes through the services CLI in a fresh process.
 */
async function crashAndRestart(whileDown?: () => Promise<void>): Promise<void> {
  await kill("kafka");
  // Always bring the shared broker back, even when the checks made while it was down fail.
  const checked = await whileDown?.().then(
    () => undefined,
    (error: unknown) => ({ error }),
  );
  try {
    await restart("kafka");
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes("is taken")) throw error;
    await promisify(execFile)(process.execPath, ["scripts/services.mjs", "restart", "kafka"], { cwd: repoRoot });
  }
  if (checked) throw checked.error;
}

describeEventBus("kafka", {
  create: async (options) => {
    const topic = options?.reuse ?? topicForTest();
    return { bus: await open(topic), stream: topic };
  },
  crashAndRestart,
  reconnects: true,
  // A window of two publishes and a linger long enough for all twenty to arrive before the first request.
  createOverloaded: () => open(topicForTest(), { maxPendingPublishes: 2, lingerMs: 50 }),
});

describe("Kafka bus", () => {
  const buses: EventBus[] = [];
  const track = async (bus: Promise<EventBus>) => {
    const opened = await bus;
    buses.push(opened);
    return opened;
  };
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((bus) => bus.close()));
  });

  it("fails with an error naming the topic when it is missing and may not be created", async () => {
    const topic = topicForTest();
    const error = await open(topic, { createTopics: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(`"${topic}"`);
  });

  it("creates the event topic with the configured partitions", async () => {
    const topic = topicForTest();
    await track(open(topic, { partitions: 5 }));
    const admin = new Kafka({ brokers: [brokers], logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
    await admin.disconnect();
    expect(metadata.topics[0]?.partitions).toHaveLength(5);
  });

  it("commits only up to the lowest unacknowledged message when acks arrive out of order", async () => {
    const topic = topicForTest();
    const bus = await track(open(topic, { partitions: 1 }));
    const filters = [{ eventSourceName: "webhook", eventName: "example" }];
    const first = await bus.subscribe({ durable: "ooo", filters });
    const messages = Array.from({ length: 5 }, (_, i) => testMessage({ data: i }));
    for (const message of messages) await bus.publish(message);
    const got = await take(first, 5);
    // Ack 0, 1, 3, 4 but not 2: the committed position must stop at 2.
    for (const index of [4, 0, 3, 1]) await got[index]!.ack();
    await first.close();
    // The durable reads from 2 again; 3 and 4 come back from Kafka too, but this process remembers that the durable
    // acknowledged them (consumer-side dedup) and skips them.
    const second = await bus.subscribe({ durable: "ooo", filters });
    const [again] = await take(second, 1);
    expect(again?.message.id).toBe(messages[2]!.id);
    expect(again?.deliveryCount).toBe(1);
    await again!.ack();
    await expect(take(second, 1, 500)).rejects.toThrow(/timed out/);
    // A second bus (another process) has no such memory: it reads from the committed position, after 4.
    await second.close();
    const other = await track(open(topic, { partitions: 1 }));
    const third = await other.subscribe({ durable: "ooo", filters });
    const later = testMessage();
    await bus.publish(later);
    expect((await take(third, 1))[0]?.message.id).toBe(later.id);
  });

  it("shares a durable between two processes and loses nothing when one leaves (rebalance)", async () => {
    const topic = topicForTest();
    const [a, b] = [await track(open(topic)), await track(open(topic))];
    const filters = [{ eventSourceName: "*", eventName: "*" }];
    const subA = await a.subscribe({ durable: "shared", filters });
    const subB = await b.subscribe({ durable: "shared", filters });
    const seen = new Map<string, string>();
    const drain = (name: string, sub: Subscription) =>
      (async () => {
        for await (const delivery of sub) {
          seen.set(delivery.message.id, name);
          await delivery.ack();
        }
      })();
    const publishFrom = async (count: number) => {
      const messages = Array.from({ length: count }, (_, i) => testMessage({ eventSourceName: `source-${i % 6}` }));
      for (const message of messages) expect((await a.publish(message)).outcome).toBe("accepted");
      return messages.map((message) => message.id);
    };
    const first = await publishFrom(30);
    const done = () => first.every((id) => seen.has(id));
    const readers = [drain("a", subA), drain("b", subB)];
    await expect.poll(done, { timeout: 15_000 }).toBe(true);
    expect(new Set(seen.values()).size).toBe(2); // both members had partitions
    await subB.close(); // B leaves (its loop ends): A takes over B's partitions
    const second = await publishFrom(12);
    await expect.poll(() => second.every((id) => seen.get(id) === "a"), { timeout: 15_000 }).toBe(true);
    await subA.close();
    await Promise.all(readers);
  });

  it("delivers from the start of the topic to a new durable with deliver: all", async () => {
    const topic = topicForTest();
    const bus = await track(open(topic));
    const early = testMessage();
    await bus.publish(early);
    const sub = await bus.subscribe({
      durable: "all",
      deliver: "all",
      filters: [{ eventSourceName: "*", eventName: "*" }],
    });
    const [delivery] = await take(sub, 1);
    expect(delivery?.message.id).toBe(early.id);
  });

  it("publishes 20,000 events (rate printed, not asserted)", async () => {
    const bus = await track(open(topicForTest()));
    const total = 20_000;
    const window = 4_096;
    const body = new TextEncoder().encode(JSON.stringify({ payload: "x".repeat(900) }));
    const sources = ["a", "b", "c", "d"];
    const started = performance.now();
    let next = 0;
    let accepted = 0;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        const result = await bus.publish(testMessage({ body, eventSourceName: sources[index % sources.length]! }));
        if (result.outcome === "accepted") accepted += 1;
      }
    };
    await Promise.all(Array.from({ length: window }, worker));
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `[kafka bus] ${total} publishes (1 KiB, ${window} in flight) in ${seconds.toFixed(2)} s: ${Math.round(total / seconds)} publishes/s`,
    );
    expect(accepted).toBe(total);
  });
});
