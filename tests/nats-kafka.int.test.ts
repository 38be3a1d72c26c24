/**
 * NATS and Kafka in and out of a real `signalbox serve`, against the real nats-server and Kafka broker:
 * - a message published by a plain nats.js client, and records produced by a plain kafkajs producer (to a consumer
 *   group, and to the one partition of a partition consumer), fire HTTP triggers with the mapped bodies; the stored
 *   events carry Argo's data bytes and, for Kafka, Argo's deterministic id;
 * - a webhook fires a nats trigger (received by a plain nats.js subscriber) and a kafka trigger (read by a plain
 *   kafkajs consumer: key, headers, value bytes, sarama's partition for the key);
 * - token auth from a Secret, for the source and the trigger, on a second nats-server that requires it.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { connect, headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import { Kafka, logLevel, type Admin, type Consumer, type KafkaMessage, type Producer } from "kafkajs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { saramaHashPartition } from "../packages/engine/src/bus/kafka/codec.ts";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

const natsUrl = process.env.SIGNALBOX_TEST_NATS_URL;
const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
if (!natsUrl || !brokers) throw new Error("SIGNALBOX_TEST_NATS_URL / SIGNALBOX_TEST_KAFKA_BROKERS are not set: the integration globalSetup starts them");

const nonce = randomBytes(3).toString("hex");
const ns = `nk-${nonce}`;
const inTopic = `sb-in-${nonce}`;
const outTopic = `sb-out-${nonce}`;
const token = `tok-${randomBytes(8).toString("hex")}`;

let server: ServerProcess;
let sink: Sink;
let nc: NatsConnection;
let kafka: Kafka;
let admin: Admin;
let producer: Producer;
let consumer: Consumer | undefined;
let authServer: ChildProcess | undefined;
let authUrl = "";
let webhookPort = 0;

const authed = () => ({ authorization: `Bearer ${server.token}` });

interface StoredEvent {
  id: string;
  type: string;
  subject: string;
  data_base64: string;
}

/** Events of an EventSource as the API lists them. */
async function storedEvents(source: string, count: number): Promise<StoredEvent[]> {
  for (let i = 0; ; i++) {
    const page = (await (await fetch(`${server.url}/api/v1/events?namespace=${ns}&source=${source}&limit=100`, { headers: authed() })).json()) as {
      items: StoredEvent[];
    };
    if (page.items.length >= count || i >= 100) return page.items;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const decode = (event: StoredEvent | undefined) => Buffer.from(event?.data_base64 ?? "", "base64").toString("utf8");
const bodyAt = (sinkPath: string) => sink.requests.filter((request) => request.path === sinkPath).map((request) => request.body);

beforeAll(async () => {
  sink = await startSink();
  webhookPort = await freePort();
  const authPort = await freePort();
  authServer = spawn("nats-server", ["-a", "127.0.0.1", "-p", String(authPort), "--auth", token], { stdio: "ignore" });
  authUrl = `nats://127.0.0.1:${authPort}`;
  kafka = new Kafka({ brokers: brokers.split(","), clientId: `it-${nonce}`, logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({
    waitForLeaders: true,
    topics: [
      { topic: inTopic, numPartitions: 2 },
      { topic: outTopic, numPartitions: 3 },
    ],
  });
  producer = kafka.producer();
  await producer.connect();
  nc = await connect({ servers: natsUrl });
  server = await startServer();
  await apply(
    server,
    `apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: ${ns}}
stringData:
  token: "${token}"
  apiKey: "k-${nonce}"
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: queues, namespace: ${ns}}
spec:
  nats:
    orders:
      url: ${natsUrl}
      subject: "sb.${nonce}.orders.*"
      jsonBody: true
      metadata: {team: payments}
    raw:
      url: ${natsUrl}
      subject: "sb.${nonce}.raw"
      queue: workers
    guarded:
      url: ${authUrl}
      subject: "sb.${nonce}.guarded"
      auth: {token: {name: creds, key: token}}
      connectionBackoff: {duration: 500ms, steps: 20}
  kafka:
    grouped:
      url: ${brokers}
      topic: ${inTopic}
      jsonBody: true
      consumerGroup: {groupName: "sb-${nonce}", oldest: true}
    single:
      url: ${brokers}
      topic: ${inTopic}
      partition: "1"
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks, namespace: ${ns}}
spec:
  webhook:
    in: {port: "${webhookPort}", endpoint: /in, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: from-nats, namespace: ${ns}}
spec:
  dependencies:
    - {name: o, eventSourceName: queues, eventName: orders}
    - {name: r, eventSourceName: queues, eventName: raw}
    - {name: g, eventSourceName: queues, eventName: guarded}
  triggers:
    - template:
        name: orders
        conditions: o
        http:
          url: ${sink.url}/nats
          payload:
            - {src: {dependencyName: o, dataKey: body.id}, dest: id}
            - {src: {dependencyName: o, dataKey: subject}, dest: subject}
            - {src: {dependencyName: o, dataKey: header.X-Trace.0}, dest: trace}
            - {src: {dependencyName: o, dataKey: metadata.team}, dest: team}
            - {src: {dependencyName: o, contextKey: type}, dest: type}
    - template:
        name: raw
        conditions: r
        http:
          url: ${sink.url}/raw
          payload: [{src: {dependencyName: r, dataKey: body}, dest: body}]
    - template:
        name: guarded
        conditions: g
        nats:
          url: ${authUrl}
          subject: "sb.${nonce}.guarded-out"
          auth: {token: {name: creds, key: token}}
          payload: [{src: {dependencyName: g, dataKey: body}, dest: ""}]
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: from-kafka, namespace: ${ns}}
spec:
  dependencies:
    - {name: g, eventSourceName: queues, eventName: grouped}
    - {name: s, eventSourceName: queues, eventName: single}
  triggers:
    - template:
        name: grouped
        conditions: g
        http:
          url: ${sink.url}/kafka
          payload:
            - {src: {dependencyName: g, dataKey: key}, dest: key}
            - {src: {dependencyName: g, dataKey: body.n}, dest: n}
            - {src: {dependencyName: g, dataKey: headers.h, value: none}, dest: h}
            - {src: {dependencyName: g, contextKey: id}, dest: id}
    - template:
        name: single
        conditions: s
        http:
          url: ${sink.url}/single
          payload: [{src: {dependencyName: s, contextKey: id}, dest: id}]
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: to-queues, namespace: ${ns}}
spec:
  dependencies: [{name: w, eventSourceName: hooks, eventName: in}]
  triggers:
    - template:
        name: to-nats
        nats:
          url: ${natsUrl}
          subject: "sb.${nonce}.placeholder"
          parameters: [{src: {dependencyName: w, dataKey: body.subject}, dest: subject}]
          payload:
            - {src: {dependencyName: w, dataKey: body.order}, dest: order}
            - {src: {dependencyName: w, dataKey: body.qty, useRawData: true}, dest: qty}
    - template:
        name: to-kafka
        kafka:
          url: ${brokers}
          topic: ${outTopic}
          partitioningKey: placeholder
          parameters: [{src: {dependencyName: w, dataKey: body.order}, dest: partitioningKey}]
          headers: {x-source: signalbox}
          secureHeaders: [{name: x-api-key, valueFrom: {secretKeyRef: {name: creds, key: apiKey}}}]
          payload: [{src: {dependencyName: w, dataKey: body}, dest: ""}]
`,
  );
}, 60_000);

afterAll(async () => {
  await consumer?.disconnect();
  await server?.stop();
  await sink?.close();
  await nc?.close();
  await producer?.disconnect();
  await admin?.deleteTopics({ topics: [inTopic, outTopic] }).catch(() => undefined);
  await admin?.disconnect();
  authServer?.kill();
});

describe("NATS and Kafka sources", () => {
  it("turn a NATS message into Argo's event data and fire the mapped HTTP trigger", async () => {
    const h = natsHeaders();
    h.set("X-Trace", "abc");
    nc.publish(`sb.${nonce}.orders.eu`, JSON.stringify({ id: 4, name: "Joe <3" }), { headers: h });
    nc.publish(`sb.${nonce}.raw`, "hello");
    await nc.flush();
    await sink.waitFor(() => bodyAt("/nats").length >= 1 && bodyAt("/raw").length >= 1);
    expect(bodyAt("/nats")).toEqual([`{"id":"4","subject":"sb.${nonce}.orders.eu","trace":"abc","team":"payments","type":"nats"}`]);
    expect(bodyAt("/raw")).toEqual(['{"body":"aGVsbG8="}']);
    const events = await storedEvents("queues", 2);
    const orders = events.find((event) => event.subject === "orders");
    expect(orders?.type).toBe("nats");
    expect(orders?.id).toMatch(/^[0-9a-f]{32}$/);
    expect(decode(orders)).toBe(
      `{"subject":"sb.${nonce}.orders.eu","body":{"id":4,"name":"Joe \\u003c3"},"header":{"X-Trace":["abc"]},"metadata":{"team":"payments"}}`,
    );
    expect(decode(events.find((event) => event.subject === "raw"))).toBe(`{"subject":"sb.${nonce}.raw","body":"aGVsbG8="}`);
  });

  it("turn Kafka records into events with Argo's deterministic ids, from a consumer group and from one partition", async () => {
    const [sent] = await producer.send({
      topic: inTopic,
      messages: [{ partition: 0, key: "k1", value: JSON.stringify({ n: 1 }), headers: { h: "v" }, timestamp: "1784376000123" }],
    });
    const [second] = await producer.send({ topic: inTopic, messages: [{ partition: 1, key: null, value: JSON.stringify({ n: 2 }) }] });
    const firstBroker = brokers.split(",")[0];
    const firstId = `queues:grouped:${firstBroker}:${inTopic}:0:${sent?.baseOffset}`;
    const secondId = `queues:single:${firstBroker}:${inTopic}:1:${second?.baseOffset}`;
    await sink.waitFor(() => bodyAt("/kafka").length >= 2 && bodyAt("/single").length >= 1);
    expect(bodyAt("/kafka").sort()).toEqual(
      [`{"key":"","n":"2","h":"none","id":"queues:grouped:${firstBroker}:${inTopic}:1:${second?.baseOffset}"}`, `{"key":"k1","n":"1","h":"v","id":"${firstId}"}`].sort(),
    );
    expect(bodyAt("/single")).toEqual([`{"id":"${secondId}"}`]);
    const events = await storedEvents("queues", 5);
    const first = events.find((event) => event.id === firstId);
    expect(first?.type).toBe("kafka");
    expect(decode(first)).toBe(
      `{"topic":"${inTopic}","key":"k1","partition":0,"body":{"n":1},"timestamp":"2026-07-18 12:00:00.123 +0000 UTC","headers":{"h":"v"}}`,
    );
    // The partition consumer reads its one partition, without jsonBody: the value is base64.
    expect(JSON.parse(decode(events.find((event) => event.id === secondId)))).toMatchObject({
      partition: 1,
      key: "",
      body: Buffer.from('{"n":2}').toString("base64"),
      headers: {},
    });
  }, 40_000);

  it("connect with token auth read from a Secret, for the source and the trigger", async () => {
    const guarded = await connect({ servers: authUrl, token });
    try {
      const out = guarded.subscribe(`sb.${nonce}.guarded-out`, { max: 1 });
      await guarded.flush();
      // The source may still be connecting to this server: publish until its event arrives.
      for (let i = 0; i < 100 && (await storedEvents("queues", 0)).every((event) => event.subject !== "guarded"); i++) {
        guarded.publish(`sb.${nonce}.guarded`, "secret-ok");
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      for await (const message of out) {
        expect(message.string()).toBe(Buffer.from("secret-ok").toString("base64"));
        break;
      }
    } finally {
      await guarded.close();
    }
  }, 40_000);
});

describe("NATS and Kafka triggers", () => {
  it("publish the payload to a plain nats.js subscriber, on the subject set by nats.parameters", async () => {
    const subscription = nc.subscribe(`sb.${nonce}.out`, { max: 1 });
    await nc.flush();
    consumer = kafka.consumer({ groupId: `it-out-${nonce}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [outTopic], fromBeginning: true });
    const received: { partition: number; message: KafkaMessage }[] = [];
    await consumer.run({ eachMessage: async ({ partition, message }) => void received.push({ partition, message }) });

    const response = await fetch(`http://127.0.0.1:${webhookPort}/in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ subject: `sb.${nonce}.out`, order: "order-7", qty: 3 }),
    });
    expect(response.status).toBe(200);
    for await (const message of subscription) {
      expect(message.string()).toBe('{"order":"order-7","qty":3}');
      break;
    }

    for (let i = 0; i < 200 && received.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(received).toHaveLength(1);
    const [{ partition, message }] = received as [(typeof received)[number]];
    expect(message.key?.toString()).toBe("order-7");
    expect(message.value?.toString()).toBe(`{"subject":"sb.${nonce}.out","order":"order-7","qty":3}`);
    expect(Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]))).toEqual({
      "x-source": "signalbox",
      "x-api-key": `k-${nonce}`,
    });
    // sarama's hash partitioner, as Argo's producer would choose.
    expect(partition).toBe(saramaHashPartition("order-7", 3));
  }, 40_000);
});
