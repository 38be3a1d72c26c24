// Wire compatibility with Argo Events' Kafka EventBus (§2.3), checked with plain kafkajs clients standing in for
// Argo's EventSources and Sensors: what Signalbox writes is what Argo writes, and what Argo writes Signalbox reads.
import { randomBytes } from "node:crypto";
import { ConfigResourceTypes, Kafka, logLevel, type KafkaMessage } from "kafkajs";
import { afterAll, describe, expect, inject, it } from "vitest";
import { silentLogger } from "../host.ts";
import { encodeCloudEvent, newEventId } from "../sources/cloudevent.ts";
import {
  createKafkaBus,
  kafkaActionTopic,
  kafkaEventTopic,
  kafkaKeyValueTopic,
  kafkaMessageKey,
  kafkaSensorConsumerGroup,
  kafkaTriggerTopic,
  saramaHashPartition,
} from "./kafka.ts";
import { take } from "./testing/conformance.ts";
import type { BusMessage, EventBus } from "./types.ts";

const brokers = inject("SIGNALBOX_TEST_KAFKA_BROKERS");
const namespace = `sbw-${randomBytes(3).toString("hex")}`;
const client = new Kafka({ brokers: [brokers], clientId: "argo-stand-in", logLevel: logLevel.NOTHING });
const fast = {
  consumer: { sessionTimeout: 6_000, rebalanceTimeout: 3_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 },
  logger: silentLogger,
};
const buses: EventBus[] = [];

afterAll(async () => {
  await Promise.all(buses.map((bus) => bus.close()));
  const admin = client.admin();
  await admin.connect();
  const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(namespace));
  if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
  const groups = (await admin.listGroups()).groups
    .map((group) => group.groupId)
    .filter((group) => group.startsWith(namespace));
  if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  await admin.disconnect();
});

/** A webhook event exactly as an Argo EventSource serialises it (§3.1). */
function argoEvent(source: string, subject: string): { id: string; body: Uint8Array } {
  const id = newEventId();
  const data = new TextEncoder().encode(JSON.stringify({ header: {}, body: { message: "hello" } }));
  const body = encodeCloudEvent({ id, source, type: "webhook", subject, time: "2026-07-18T12:00:00.123456789Z" }, data);
  return { id, body };
}

/** Read `count` records of `topic` from its start with a plain consumer group, as an Argo sensor would. */
async function readRaw(topic: string, count: number): Promise<Array<KafkaMessage & { partition: number }>> {
  const consumer = client.consumer({
    groupId: `${namespace}-raw-${randomBytes(3).toString("hex")}`,
    maxWaitTimeInMs: 100,
  });
  const out: Array<KafkaMessage & { partition: number }> = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: ({ message, partition }) => {
        out.push({ ...message, partition });
        if (out.length >= count) resolve();
        return Promise.resolve();
      },
    });
  });
  await Promise.race([
    done,
    new Promise((_, reject) => setTimeout(() => reject(new Error("no records within 15 s")), 15_000)),
  ]);
  await consumer.disconnect();
  return out;
}

describe("Kafka wire format (Argo Events §2.3)", () => {
  it("writes the event topic as Argo does: topic, key source.event, exact CloudEvent bytes, headers beside them", async () => {
    // `partitioner: hash` so the partition is predictable: sarama's hash of the key, as Argo's EventSource writes it.
    const bus = await createKafkaBus({ brokers, namespace, busName: "default", partitioner: "hash", ...fast });
    buses.push(bus);
    const { id, body } = argoEvent("webhook", "example");
    const headers = { traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ce-tenant": "acme" };
    const message: BusMessage = { id, eventSourceName: "webhook", eventName: "example", body, headers };
    expect((await bus.publish(message)).outcome).toBe("accepted");

    const topic = `${namespace}-default`;
    const [record] = await readRaw(topic, 1);
    expect(record?.key?.toString()).toBe("webhook.example");
    expect(record?.partition).toBe(saramaHashPartition("webhook.example", 3));
    expect(Buffer.compare(record!.value!, Buffer.from(body))).toBe(0);
    const received = Object.fromEntries(
      Object.entries(record?.headers ?? {}).map(([name, value]) => [name, String(value)]),
    );
    expect(received).toEqual({ ...headers, "sb-msg-id": id });
    // The body is the CloudEvent alone: transport headers never become JSON attributes.
    expect(JSON.parse(record!.value!.toString())).not.toHaveProperty("traceparent");
  });

  it("delivers a record an Argo EventSource wrote (key es.ev, CloudEvent value, no headers)", async () => {
    const bus = await createKafkaBus({ brokers, namespace, busName: "argo", ...fast });
    buses.push(bus);
    const sub = await bus.subscribe({
      durable: "sensor-dep",
      filters: [{ eventSourceName: "github", eventName: "push" }],
    });
    const producer = client.producer({ idempotent: true, allowAutoTopicCreation: false });
    await producer.connect();
    const other = argoEvent("github", "pull");
    const wanted = argoEvent("github", "push");
    await producer.send({
      topic: `${namespace}-argo`,
      acks: -1,
      messages: [
        { key: "github.pull", value: Buffer.from(other.body) },
        { key: "github.push", value: Buffer.from(wanted.body) },
      ],
    });
    await producer.disconnect();

    const [delivery] = await take(sub, 1, 15_000);
    expect(delivery?.message.id).toBe(wanted.id); // taken from the CloudEvent, as Argo records carry no id header
    expect(delivery?.message.eventSourceName).toBe("github");
    expect(delivery?.message.eventName).toBe("push");
    expect(Buffer.compare(Buffer.from(delivery!.message.body), Buffer.from(wanted.body))).toBe(0);
    expect(delivery?.message.headers).toEqual({});
    await delivery!.ack();
  });

  it("names topics, keys and groups as Argo does, and keeps key/value state in a compacted topic", async () => {
    const eventTopic = kafkaEventTopic({ namespace: "argo-events", name: "default" });
    expect(eventTopic).toBe("argo-events-default");
    expect(kafkaEventTopic({ namespace: "argo-events", name: "default", topic: "events" })).toBe("events");
    expect(kafkaTriggerTopic(eventTopic, "webhook-sensor")).toBe("argo-events-default-webhook-sensor-trigger");
    expect(kafkaActionTopic(eventTopic, "webhook-sensor")).toBe("argo-events-default-webhook-sensor-action");
    expect(kafkaSensorConsumerGroup("argo-events", "webhook-sensor")).toBe("argo-events-webhook-sensor");
    expect(kafkaMessageKey("webhook", "example")).toBe("webhook.example");

    const bus = await createKafkaBus({ brokers, namespace, busName: "kv", ...fast });
    buses.push(bus);
    const kv = await bus.openKeyValue("my-sensor");
    await kv.put("trigger/dep", new TextEncoder().encode("held"));
    const kvTopic = kafkaKeyValueTopic(`${namespace}-kv`, "my-sensor");
    expect(kvTopic).toBe(`${namespace}-kv-my-sensor-kv`);
    const admin = client.admin();
    await admin.connect();
    const configs = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: kvTopic, configNames: ["cleanup.policy"] }],
    });
    await admin.disconnect();
    expect(
      configs.resources[0]?.configEntries.find((entry) => entry.configName === "cleanup.policy")?.configValue,
    ).toBe("compact");
    const [record] = await readRaw(kvTopic, 1);
    expect(record?.key?.toString()).toBe("trigger/dep");
    expect(record?.value?.toString()).toBe("held");
  });
});
