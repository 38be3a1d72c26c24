// Integration tests of the project's service scripts against the real services that tests/globalSetup.ts started.
import { randomUUID } from "node:crypto";
import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
} from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { Kafka, logLevel } from "kafkajs";
import pg from "pg";
import { afterEach, describe, expect, inject, it } from "vitest";
import { info, kill, restart } from "./services/index.mjs";

const natsUrl = inject("SIGNALBOX_TEST_NATS_URL");
const databaseUrl = inject("SIGNALBOX_TEST_DATABASE_URL");
const kafkaBrokers = inject("SIGNALBOX_TEST_KAFKA_BROKERS");
const unique = (prefix: string) =>
  `${prefix}_${randomUUID().replaceAll("-", "").slice(0, 12)}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until<T>(
  what: string,
  fn: () => T | Promise<T>,
  timeoutMs = 30_000,
): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn().catch(() => {});
});

describe("globalSetup", () => {
  it("provides loopback URLs and sets the env vars", () => {
    expect(natsUrl).toMatch(/^nats:\/\/127\.0\.0\.1:\d+$/);
    expect(databaseUrl).toMatch(
      /^postgresql:\/\/signalbox:signalbox@127\.0\.0\.1:\d+\/signalbox$/,
    );
    expect(kafkaBrokers).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(process.env.SIGNALBOX_TEST_NATS_URL).toBe(natsUrl);
    expect(process.env.SIGNALBOX_TEST_DATABASE_URL).toBe(databaseUrl);
    expect(process.env.SIGNALBOX_TEST_KAFKA_BROKERS).toBe(kafkaBrokers);
    for (const name of ["nats", "postgres", "kafka"] as const) {
      const i = info(name);
      expect(i?.running, name).toBe(true);
      expect(i?.url).toBeTruthy();
    }
  });
});

describe("nats (JetStream)", () => {
  it("creates a stream, publishes and consumes with an explicit-ack durable consumer", async () => {
    const nc = await connect({ servers: natsUrl });
    cleanups.push(() => nc.close());
    const jsm = await jetstreamManager(nc);
    const stream = unique("ST");
    await jsm.streams.add({
      name: stream,
      subjects: [`${stream}.>`],
      storage: StorageType.File,
    });
    cleanups.push(() => jsm.streams.delete(stream));
    const js = jetstream(nc);
    for (let i = 1; i <= 3; i++) {
      const ack = await js.publish(`${stream}.events`, `event-${i}`);
      expect(ack.seq).toBe(i);
    }
    await jsm.consumers.add(stream, {
      durable_name: "reader",
      ack_policy: AckPolicy.Explicit,
    });
    const consumer = await js.consumers.get(stream, "reader");
    const got: string[] = [];
    const batch = await consumer.fetch({ max_messages: 3, expires: 5_000 });
    for await (const m of batch) {
      got.push(m.string());
      m.ack();
    }
    expect(got).toEqual(["event-1", "event-2", "event-3"]);
    const ci = await until("the acks to be recorded", async () => {
      const i = await jsm.consumers.info(stream, "reader");
      return i.num_ack_pending === 0 ? i : undefined;
    });
    expect(ci.num_pending).toBe(0);
    expect(ci.delivered.stream_seq).toBe(3);
  });
});

describe("postgres", () => {
  it("lets the admin role CREATE DATABASE and query it", async () => {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    cleanups.push(() => admin.end());
    const db = unique("t");
    await admin.query(`CREATE DATABASE ${db}`);
    cleanups.push(() =>
      admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`),
    );

    const url = new URL(databaseUrl);
    url.pathname = `/${db}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    cleanups.push(() => client.end());
    await client.query(
      "CREATE TABLE events (id serial PRIMARY KEY, body jsonb NOT NULL)",
    );
    await client.query("INSERT INTO events (body) VALUES ($1), ($2)", [
      { n: 1 },
      { n: 2 },
    ]);
    const { rows } = await client.query<{ n: number }>(
      "SELECT (body->>'n')::int AS n FROM events ORDER BY id",
    );
    expect(rows.map((r) => r.n)).toEqual([1, 2]);
    const version = await client.query<{ server_version_num: string }>(
      "SHOW server_version_num",
    );
    expect(Number(version.rows[0]?.server_version_num)).toBeGreaterThanOrEqual(
      150000,
    );
  });
});

describe("kafka", () => {
  const kafka = new Kafka({
    clientId: "services-int-test",
    brokers: [kafkaBrokers],
    logLevel: logLevel.NOTHING,
  });

  it("joins a consumer group and receives what a producer sends", async () => {
    const topic = unique("t");
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({
      topics: [{ topic, numPartitions: 2 }],
      waitForLeaders: true,
    });

    const consumer = kafka.consumer({
      groupId: unique("g"),
      maxWaitTimeInMs: 250,
    });
    const joins: Array<Record<string, number[]>> = [];
    consumer.on(consumer.events.GROUP_JOIN, (e) =>
      joins.push(e.payload.memberAssignment),
    );
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => void got.push(String(message.value)),
    });
    await until("the group join", () => joins.length > 0);
    expect(joins[0]?.[topic]?.sort()).toEqual([0, 1]);

    const producer = kafka.producer();
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    await producer.send({
      topic,
      messages: ["a", "b", "c", "d"].map((value, i) => ({
        key: `k${i}`,
        value,
      })),
    });
    await until("4 messages", () => got.length >= 4);
    expect([...got].sort()).toEqual(["a", "b", "c", "d"]);
  });

  it("commits a transaction (and hides an aborted one from read_committed consumers)", async () => {
    const topic = unique("tx");
    const admin = kafka.admin();
    await admin.connect();
    cleanups.push(() => admin.disconnect());
    await admin.createTopics({ topics: [{ topic }], waitForLeaders: true });

    const producer = kafka.producer({
      transactionalId: unique("txid"),
      idempotent: true,
      maxInFlightRequests: 1,
    });
    await producer.connect();
    cleanups.push(() => producer.disconnect());
    const committed = await producer.transaction();
    await committed.send({
      topic,
      messages: [{ value: "one" }, { value: "two" }],
    });
    await committed.commit();
    const aborted = await producer.transaction();
    await aborted.send({ topic, messages: [{ value: "never" }] });
    await aborted.abort();
    const last = await producer.transaction();
    await last.send({ topic, messages: [{ value: "three" }] });
    await last.commit();

    const consumer = kafka.consumer({
      groupId: unique("g"),
      readUncommitted: false,
      maxWaitTimeInMs: 250,
    });
    await consumer.connect();
    cleanups.push(() => consumer.disconnect());
    await consumer.subscribe({ topic, fromBeginning: true });
    const got: string[] = [];
    await consumer.run({
      eachMessage: async ({ message }) => void got.push(String(message.value)),
    });
    await until("3 committed messages", () => got.length >= 3);
    await sleep(500); // an aborted message would arrive right behind them
    expect(got).toEqual(["one", "two", "three"]);
  });
});

describe("kill + restart", () => {
  it("restarts nats on the same port with the stream's data after a SIGKILL", async () => {
    const before = info("nats");
    expect(before?.running).toBe(true);
    const stream = unique("DURABLE");

    let nc: NatsConnection = await connect({ servers: natsUrl });
    let jsm = await jetstreamManager(nc);
    await jsm.streams.add({
      name: stream,
      subjects: [`${stream}.*`],
      storage: StorageType.File,
    });
    const js = jetstream(nc);
    for (let i = 1; i <= 5; i++) await js.publish(`${stream}.x`, `m${i}`);
    await sleep(300); // let the file store hand the last writes to the OS (SIGKILL loses only process memory)
    await nc.close();

    const killed = await kill("nats");
    expect(killed.pid).toBe(before?.pid);
    expect(info("nats")?.running).toBe(false);
    await expect(
      connect({ servers: natsUrl, reconnect: false, timeout: 1_000 }),
    ).rejects.toThrow();

    const after = await restart("nats");
    expect(after.port).toBe(before?.port);
    expect(after.url).toBe(natsUrl);
    expect(after.dataDir).toBe(before?.dataDir);
    expect(after.pid).not.toBe(before?.pid);
    expect(info("nats")?.running).toBe(true);

    nc = await connect({ servers: natsUrl });
    cleanups.push(() => nc.close());
    jsm = await jetstreamManager(nc);
    cleanups.push(() => jsm.streams.delete(stream));
    const si = await jsm.streams.info(stream);
    expect(si.state.messages).toBe(5);
    const m = await jsm.streams.getMessage(stream, { seq: 5 });
    expect(m?.string()).toBe("m5");
  });
});
