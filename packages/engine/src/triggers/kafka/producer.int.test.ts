/**
 * Sending prepared NATS and Kafka actions: a send is confirmed by the server (flush / broker acks), and a broker that
 * cannot be reached is a failed, retriable attempt — not the success Argo's asynchronous Kafka producer reports.
 */
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger, systemClock } from "../../host.ts";
import { closeNatsTriggerConnections, publishNats } from "../nats/publisher.ts";
import type { PreparedKafkaMessage } from "../types.ts";
import { closeKafkaTriggerProducers, produceKafka } from "./producer.ts";

const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
const natsUrl = process.env.SIGNALBOX_TEST_NATS_URL;
if (!brokers || !natsUrl) throw new Error("the integration globalSetup starts NATS and Kafka");

const context = { clock: systemClock, logger: silentLogger };

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

afterAll(async () => {
  await closeKafkaTriggerProducers();
  await closeNatsTriggerConnections();
});

const kafkaAction = (url: string): PreparedKafkaMessage => ({
  kind: "kafka",
  url,
  topic: `sb-trigger-${Date.now().toString(36)}`,
  key: "k",
  value: '{"a":1}',
  headers: [["x", "1"]],
  secretHeaders: [],
  acks: -1,
  compression: "gzip",
});

describe("trigger senders", () => {
  it("produce to Kafka once the broker acknowledged, and fail (retriably) when it cannot be reached", async () => {
    const ok = await produceKafka(kafkaAction(brokers), context);
    expect(ok).toMatchObject({
      ok: true,
      retriable: false,
      responseExcerpt: expect.stringMatching(/^produced to sb-trigger-\w+ partition 0 offset 0$/),
    });
    const down = await produceKafka(kafkaAction(`127.0.0.1:${await closedPort()}`), context);
    expect(down).toMatchObject({
      ok: false,
      retriable: true,
      error: expect.stringMatching(/^cannot connect to Kafka at 127\.0\.0\.1:\d+/),
    });
  }, 60_000);

  it("publish to NATS once the server processed it, and fail (retriably) when it cannot be reached", async () => {
    expect(
      await publishNats({ kind: "nats", url: natsUrl, subject: "sb.trigger.ok", payload: "x" }, context),
    ).toMatchObject({ ok: true });
    const down = await publishNats(
      { kind: "nats", url: `nats://127.0.0.1:${await closedPort()}`, subject: "s", payload: "x" },
      context,
    );
    expect(down).toMatchObject({ ok: false, retriable: true, error: expect.stringMatching(/^cannot connect to NATS/) });
  }, 30_000);
});
