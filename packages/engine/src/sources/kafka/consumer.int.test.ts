/**
 * The kafka source against the real broker, with an emit the test controls: offsets are committed only after the
 * bus took the event (at-least-once, across restarts), an unmarshallable record is skipped, the partition consumer
 * starts at the newest offset and leaves no consumer group behind, and `limitEventsPerSecond` paces records.
 */
import { randomBytes } from "node:crypto";
import { Kafka, logLevel, type Admin, type Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger, systemClock } from "../../host.ts";
import { kafkaEvent, type KafkaEvent } from "./schema.ts";
import { kafkaSource } from "../kafka.ts";
import { WebhookServerPool } from "../webhook/servers.ts";
import type { EmitResult, RunningSource, SourceEmission } from "../types.ts";

const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
if (!brokers)
  throw new Error("SIGNALBOX_TEST_KAFKA_BROKERS is not set: the integration globalSetup starts a Kafka broker");

const nonce = randomBytes(3).toString("hex");
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
const topics: string[] = [];

beforeAll(async () => {
  kafka = new Kafka({ brokers: brokers.split(","), clientId: `it-${nonce}`, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  producer = kafka.producer();
  await producer.connect();
});

afterAll(async () => {
  await producer?.disconnect();
  await admin?.deleteTopics({ topics }).catch(() => undefined);
  await admin?.disconnect();
});

async function topic(partitions = 1): Promise<string> {
  const name = `sb-src-${nonce}-${topics.length}`;
  topics.push(name);
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic: name, numPartitions: partitions }] });
  return name;
}

interface Recorder {
  attempts: SourceEmission[];
  published: SourceEmission[];
  /** What the next emits answer; `published` once exhausted. */
  answers: EmitResult["outcome"][];
}

async function start(
  config: Record<string, unknown>,
  recorder: Recorder,
  eventSourceName = "es",
): Promise<RunningSource> {
  const event: KafkaEvent = kafkaEvent.parse({ url: brokers, ...config });
  return kafkaSource.start({
    context: {
      namespace: "it",
      eventSourceName,
      clock: systemClock,
      logger: silentLogger,
      emit: async (emission) => {
        recorder.attempts.push(emission);
        const answer = recorder.answers.shift() ?? "published";
        if (answer === "published") {
          recorder.published.push(emission);
          return { outcome: "published", eventId: emission.id ?? "", duplicate: false };
        }
        return answer === "filtered"
          ? { outcome: "filtered", eventId: emission.id ?? "", reason: "test" }
          : { outcome: answer, retryAfterMs: 50, reason: "the test says no" };
      },
    },
    events: { example: event },
    services: {
      webhooks: new WebhookServerPool({ host: "127.0.0.1", logger: silentLogger }),
      secrets: { resolve: async () => undefined },
      routes: new Map(),
    },
  });
}

const recorder = (answers: EmitResult["outcome"][] = []): Recorder => ({ attempts: [], published: [], answers });

async function until(predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const body = (emission: SourceEmission | undefined) =>
  (JSON.parse(new TextDecoder().decode(emission?.data)) as { body: unknown }).body;

describe("the kafka source on a real broker", () => {
  it("retries a record the bus refuses, and commits its offset only once published", async () => {
    const name = await topic();
    const group = `sb-g-${nonce}-a`;
    await producer.send({
      topic: name,
      messages: [
        { value: "not json" },
        { value: '{"n":0}', headers: { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" } },
      ],
    });
    const first = recorder(["failed", "overloaded"]);
    let source = await start({ topic: name, jsonBody: true, consumerGroup: { groupName: group, oldest: true } }, first);
    await until(() => first.published.length === 1);
    await source.stop();
    // The invalid record was skipped (never emitted); the refused one was emitted three times, with one id.
    expect(first.attempts.map((emission) => emission.id)).toEqual(
      Array(3).fill(`es:example:${brokers.split(",")[0]}:${name}:0:1`),
    );
    expect(first.attempts.every((emission) => emission.type === "kafka" && emission.eventName === "example")).toBe(
      true,
    );
    expect(body(first.published[0])).toEqual({ n: 0 });
    expect(first.published[0]?.headers).toEqual({
      traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
    });

    await producer.send({ topic: name, messages: [{ value: '{"n":1}' }] });
    const second = recorder();
    source = await start({ topic: name, jsonBody: true, consumerGroup: { groupName: group } }, second);
    await until(() => second.published.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    await source.stop();
    // Nothing before the committed offset comes back.
    expect(second.published.map(body)).toEqual([{ n: 1 }]);
  }, 60_000);

  it("does not commit a record that was never published when the source stops", async () => {
    const name = await topic();
    const group = `sb-g-${nonce}-b`;
    await producer.send({ topic: name, messages: [{ value: "v0" }] });
    const refusing = recorder(Array(1_000).fill("failed"));
    let source = await start({ topic: name, consumerGroup: { groupName: group, oldest: true } }, refusing);
    await until(() => refusing.attempts.length >= 2);
    await source.stop();
    expect(refusing.published).toEqual([]);

    const again = recorder();
    source = await start({ topic: name, consumerGroup: { groupName: group, oldest: true } }, again);
    await until(() => again.published.length >= 1);
    await source.stop();
    expect(body(again.published[0])).toBe(Buffer.from("v0").toString("base64"));
    expect(again.published[0]?.id).toBe(refusing.attempts[0]?.id);
  }, 60_000);

  it("reads one partition from the newest offset, commits nothing and deletes its throwaway group", async () => {
    const name = await topic(2);
    await producer.send({ topic: name, messages: [{ partition: 1, value: "old" }] });
    const seen = recorder();
    const source = await start({ topic: name, partition: "1" }, seen, `es-${nonce}`);
    await producer.send({
      topic: name,
      messages: [
        { partition: 0, value: "other partition" },
        { partition: 1, key: "k", value: "new" },
      ],
    });
    await until(() => seen.published.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const groups = (await admin.listGroups()).groups
      .map((entry) => entry.groupId)
      .filter((id) => id.startsWith(`signalbox-it-es-${nonce}-example-`));
    expect(groups).toHaveLength(1);
    await source.stop();
    expect(seen.published.map(body)).toEqual([Buffer.from("new").toString("base64")]);
    expect(seen.published[0]?.id).toBe(`es-${nonce}:example:${brokers.split(",")[0]}:${name}:1:1`);
    const after = (await admin.listGroups()).groups.map((entry) => entry.groupId);
    expect(after.filter((id) => groups.includes(id))).toEqual([]);
  }, 60_000);

  it("paces records with limitEventsPerSecond", async () => {
    const name = await topic();
    await producer.send({ topic: name, messages: [{ value: "a" }, { value: "b" }, { value: "c" }] });
    const seen = recorder();
    const times: number[] = [];
    const original = seen.published.push.bind(seen.published);
    seen.published.push = (...items) => {
      times.push(Date.now());
      return original(...items);
    };
    const source = await start(
      { topic: name, limitEventsPerSecond: 4, consumerGroup: { groupName: `sb-g-${nonce}-c`, oldest: true } },
      seen,
    );
    await until(() => seen.published.length >= 3);
    await source.stop();
    expect((times[2] ?? 0) - (times[0] ?? 0)).toBeGreaterThanOrEqual(450);
  }, 60_000);
});
