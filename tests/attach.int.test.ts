/**
 * Attach (read-only) to an existing Argo Events bus through the REST API of a real `signalbox serve`, against a real
 * nats-server and a real Kafka broker, with the bus set up the way Argo sets it up (plain clients, Argo's names and
 * wire format). Attaching, listing, tailing and detaching leave the bus exactly as it was: the same streams,
 * consumers, KV buckets, stream config, topics and consumer groups. Publishing needs `confirm` = the attachment's
 * name and then writes exactly Argo's wire format (read back with plain clients).
 *
 * The JetStream side runs on a private nats-server (Argo's stream `default` must not collide with other tests), with
 * a user and password, so the sealed credentials are exercised too.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { jetstream, jetstreamManager, type JetStreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import { connect, headers as natsHeaders, nanos, type NatsConnection } from "@nats-io/transport-node";
import { Kafka, logLevel, type Admin } from "kafkajs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { saramaHashPartition } from "../packages/engine/src/bus/kafka.ts";
import { info } from "../scripts/services/index.mjs";
import { subscribe } from "../apps/server/src/cli/sse.ts";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";

const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
if (!brokers)
  throw new Error("SIGNALBOX_TEST_KAFKA_BROKERS is not set: the integration globalSetup starts a Kafka broker");

const root = resolve(import.meta.dirname, "..");
const nonce = randomBytes(3).toString("hex");
const natsPassword = `pw-${randomBytes(12).toString("hex")}`;

let server: ServerProcess;
let nats: ChildProcess | undefined;
let natsDir: string | undefined;
let natsUrl: string;
let nc: NatsConnection | undefined;
let jsm: JetStreamManager;
let admin: Admin | undefined;

beforeAll(async () => {
  const bin = typeof info("nats")?.bin === "string" ? String(info("nats")?.bin) : "nats-server";
  natsDir = mkdtempSync(join(tmpdir(), "sb-attach-nats-"));
  const port = await freePort();
  nats = spawn(
    bin,
    ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", natsDir, "--user", "argo", "--pass", natsPassword],
    { stdio: "ignore" },
  );
  natsUrl = `nats://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 15_000; ; await sleep(100)) {
    try {
      nc = await connect({ servers: natsUrl, user: "argo", pass: natsPassword, timeout: 1_000 });
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
  }
  jsm = await jetstreamManager(nc);
  server = await startServer();
  const kafka = new Kafka({ brokers: brokers.split(","), clientId: "argo-side", logLevel: logLevel.NOTHING });
  admin = kafka.admin();
  await admin.connect();
});

afterAll(async () => {
  await server?.stop();
  await nc?.close();
  await admin?.disconnect();
  if (nats && nats.exitCode === null) {
    const exited = new Promise((done) => nats!.once("exit", done));
    nats.kill("SIGTERM");
    await exited;
  }
  if (natsDir) rmSync(natsDir, { recursive: true, force: true });
});

function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/** An Argo EventSource's CloudEvent bytes (§3.1), written by hand: key order, `data_base64`, RFC3339Nano time. */
function argoEvent(source: string, subject: string, payload: unknown): { id: string; body: Buffer } {
  const id = randomBytes(16).toString("hex");
  const data = Buffer.from(JSON.stringify(payload)).toString("base64");
  const body = `{"specversion":"1.0","id":"${id}","source":"${source}","type":"webhook","subject":"${subject}","datacontenttype":"application/json","time":"2026-11-29T12:00:00.123456789Z","data_base64":"${data}"}`;
  return { id, body: Buffer.from(body) };
}

/** A page of `GET /api/v1/attachments/{name}/events`. */
interface Page {
  items: Message[];
  nextCursor: string | null;
}

interface Message {
  position: string;
  sequence?: number;
  subject?: string;
  key?: string | null;
  headers: Record<string, string>;
  event: { id: string; data: unknown; extensions: Record<string, string> } | null;
}

interface Published {
  id: string;
  position: string;
  address: string;
  duplicate: boolean;
}

interface Failure {
  error: { code: string; details: { path: string; message: string }[] };
}

type TailItem = { type: "hello" } | { type: "event"; item: Message } | { type: "dropped"; count: number };

async function request<TAnswer>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<{ status: number; json: TAnswer }> {
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${options.token ?? server.token}`,
      ...(options.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as TAnswer };
}
const get = <TAnswer = unknown>(path: string, token?: string) => request<TAnswer>("GET", path, token ? { token } : {});
const post = <TAnswer = unknown>(path: string, body: unknown, token?: string) =>
  request<TAnswer>("POST", path, { body, ...(token ? { token } : {}) });
const del = (path: string) => request<unknown>("DELETE", path);

/** Run the CLI against the server; stdin is not a terminal. */
function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(
    process.execPath,
    [join(root, "apps/server/bin/signalbox.mjs"), ...args, "--server", server.url, "--token", server.token],
    {
      cwd: root,
      encoding: "utf8",
      input: "",
      timeout: 30_000,
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** What Argo's side of a NATS server consists of, for before/after comparison. */
async function natsSnapshot() {
  const streams: { name: string; config: unknown }[] = [];
  for await (const stream of jsm.streams.list()) streams.push({ name: stream.config.name, config: stream.config });
  const consumers: { name: string; config: unknown }[] = [];
  for await (const consumer of jsm.consumers.list("default"))
    consumers.push({ name: consumer.name, config: consumer.config });
  const buckets: string[] = [];
  for await (const status of new Kvm(nc!).list()) buckets.push(status.bucket);
  const state = (await jsm.streams.info("default")).state;
  return {
    streams: streams.sort((a, b) => a.name.localeCompare(b.name)),
    consumers: consumers.sort((a, b) => a.name.localeCompare(b.name)),
    buckets: buckets.sort(),
    messages: state.messages,
  };
}

/** Collect items of a tRPC subscription until `until` is satisfied. */
function collect(path: string, input: unknown) {
  const items: TailItem[] = [];
  const abort = new AbortController();
  const done = subscribe(
    { server: server.url, token: server.token },
    path,
    input,
    (item) => items.push(item as TailItem),
    abort.signal,
  ).catch((error: unknown) => {
    if (!abort.signal.aborted) throw error;
  });
  return {
    items,
    async until(test: (all: TailItem[]) => boolean, ms = 15_000): Promise<void> {
      for (const deadline = Date.now() + ms; !test(items); await sleep(50))
        if (Date.now() > deadline)
          throw new Error(`subscription ${path} did not deliver in time: ${JSON.stringify(items)}`);
    },
    async stop(): Promise<void> {
      abort.abort();
      await done;
    },
  };
}

it("attaches to an Argo JetStream bus read-only: lists and tails decoded events, publishes only when confirmed, leaves streams, consumers, KV and config untouched", async () => {
  // ---- the Argo side, made as Argo makes it ----
  await jsm.streams.add({
    name: "default",
    subjects: ["default.*.*"],
    storage: "file",
    retention: "limits",
    discard: "old",
    max_msgs: 50_000,
    max_bytes: -1,
    max_age: nanos(168 * 3_600_000),
    duplicate_window: nanos(300_000),
    num_replicas: 1,
  });
  const js = jetstream(nc!);
  const sent: { id: string; payload: unknown }[] = [];
  for (let n = 0; n < 3; n++) {
    const payload = { header: { "Content-Type": ["application/json"] }, body: { n } };
    const { id, body } = argoEvent("webhook", "example", payload);
    const hdrs = natsHeaders();
    hdrs.set("traceparent", `00-${randomBytes(16).toString("hex")}-${randomBytes(8).toString("hex")}-01`);
    await js.publish("default.webhook.example", body, { msgID: id, headers: hdrs });
    sent.push({ id, payload });
  }
  await js.publish("default.calendar.tick", Buffer.from("not a cloudevent"));
  // An Argo sensor's durable consumer (`group-<fnv32a>`) and KV bucket (the sensor's name).
  await jsm.consumers.add("default", {
    durable_name: "group-428796809",
    ack_policy: "explicit",
    deliver_policy: "new",
    filter_subject: "default.webhook.example",
  });
  const kv = await new Kvm(nc!).create("webhook-sensor", { history: 1 });
  await kv.put("Triggers", JSON.stringify(["log"]));
  const before = await natsSnapshot();
  // Every JetStream API request made from now on (by anyone: the test's own snapshots only read too), and every other
  // JetStream advisory (a stream or consumer created, updated or deleted would announce itself here).
  const apiCalls: string[] = [];
  const otherAdvisories: string[] = [];
  nc!.subscribe("$JS.EVENT.ADVISORY.>", {
    callback: (_error, msg) => {
      if (msg.subject === "$JS.EVENT.ADVISORY.API") apiCalls.push(msg.json<{ subject?: string }>().subject ?? "");
      else otherAdvisories.push(msg.subject);
    },
  });
  await nc!.flush();

  // ---- attach ----
  const missing = await post("/api/v1/attachments", {
    name: "nope",
    kind: "jetstream",
    url: natsUrl,
    streamName: "absent",
    auth: { username: "argo", password: natsPassword },
  });
  expect(missing.status).toBe(404);
  const badLogin = await post("/api/v1/attachments", {
    name: "nope",
    kind: "jetstream",
    url: natsUrl,
    auth: { username: "argo", password: "wrong" },
  });
  expect(badLogin.status).toBe(503);
  const created = await post("/api/v1/attachments", {
    name: "argo-js",
    kind: "jetstream",
    url: natsUrl,
    auth: { username: "argo", password: natsPassword },
  });
  expect(created.status).toBe(201);
  expect(created.json).toMatchObject({
    name: "argo-js",
    kind: "jetstream",
    endpoint: natsUrl,
    target: "default",
    auth: { username: "inline (sealed)", password: "inline (sealed)" },
  });
  expect((await post("/api/v1/attachments", { name: "argo-js", kind: "jetstream", url: natsUrl })).status).toBe(409);
  const listed = await get<{ name: string }[]>("/api/v1/attachments");
  expect(listed.json.map((a) => a.name)).toContain("argo-js");
  expect(JSON.stringify(listed.json)).not.toContain(natsPassword);
  const detail = await get("/api/v1/attachments/argo-js");
  expect(detail.json).toMatchObject({
    reachable: true,
    bus: {
      kind: "jetstream",
      stream: "default",
      subjects: ["default.*.*"],
      messages: 4,
      lastSequence: 4,
      consumers: 1,
      subjectPrefix: "default",
    },
  });

  // ---- list: newest first, decoded, with subject, sequence and headers; cursor = sequence ----
  const first = await get<Page>("/api/v1/attachments/argo-js/events?limit=2");
  expect(first.status).toBe(200);
  expect(first.json.items.map((m) => m.position)).toEqual(["4", "3"]);
  const [raw, newest] = first.json.items;
  expect(raw).toMatchObject({
    sequence: 4,
    subject: "default.calendar.tick",
    event: null,
    body_base64: Buffer.from("not a cloudevent").toString("base64"),
  });
  expect(newest).toMatchObject({
    sequence: 3,
    subject: "default.webhook.example",
    headers: { "Nats-Msg-Id": sent[2]!.id },
    event: { id: sent[2]!.id, source: "webhook", subject: "example", type: "webhook", data: sent[2]!.payload },
  });
  expect(newest!.headers.traceparent).toMatch(/^00-[0-9a-f]{32}-/);
  expect(first.json.nextCursor).toBe("3");
  const second = await get<Page>(`/api/v1/attachments/argo-js/events?limit=2&cursor=${first.json.nextCursor ?? ""}`);
  expect(second.json.items.map((m) => m.event?.id)).toEqual([sent[1]!.id, sent[0]!.id]);
  expect(second.json.nextCursor).toBeNull();
  expect((await get("/api/v1/attachments/argo-js/events?cursor=x")).status).toBe(400);

  // ---- tail: a new event published by a plain client arrives, read back by sequence ----
  const tail = collect("attach.tail", { name: "argo-js" });
  await tail.until((items) => items.some((item) => item.type === "hello"));
  const live = argoEvent("webhook", "example", { body: { live: true } });
  await js.publish("default.webhook.example", live.body, { msgID: live.id });
  await tail.until((items) => items.some((item) => item.type === "event"));
  expect(tail.items.find((item) => item.type === "event")).toMatchObject({
    item: { sequence: 5, subject: "default.webhook.example", event: { id: live.id, data: { body: { live: true } } } },
  });

  // ---- inject: refused without confirmation or with the wrong one, and for a viewer ----
  const unconfirmed = await post<Failure>("/api/v1/attachments/argo-js/inject", {
    source: "webhook",
    subject: "injected",
    data: { x: 1 },
  });
  expect(unconfirmed.status).toBe(400);
  expect(unconfirmed.json.error.details).toEqual([expect.objectContaining({ path: "confirm" })]);
  expect(
    (
      await post("/api/v1/attachments/argo-js/inject", {
        confirm: "argo",
        source: "webhook",
        subject: "injected",
        data: { x: 1 },
      })
    ).status,
  ).toBe(400);
  const viewer = await post<{ token: string }>("/api/v1/tokens", { name: `viewer-${nonce}`, role: "viewer" });
  expect(
    (
      await post(
        "/api/v1/attachments/argo-js/inject",
        { confirm: "argo-js", source: "webhook", subject: "injected", data: {} },
        viewer.json.token,
      )
    ).status,
  ).toBe(403);
  expect((await get("/api/v1/attachments/argo-js/events?limit=1", viewer.json.token)).status).toBe(200);
  const cliRefused = cli("attach", "inject", "argo-js", "--source", "webhook", "--subject", "injected", "--data", "{}");
  expect(cliRefused.code).toBe(1);
  expect(cliRefused.stderr).toContain("--yes");
  expect((await jsm.streams.info("default")).state.messages).toBe(before.messages + 1);

  // ---- inject with confirmation: exactly Argo's wire format (read back with a plain client) ----
  const injected = await post<Published>("/api/v1/attachments/argo-js/inject", {
    confirm: "argo-js",
    source: "webhook",
    subject: "injected",
    data: { hello: "argo" },
  });
  expect(injected.status).toBe(200);
  expect(injected.json).toMatchObject({ position: "6", address: "default.webhook.injected", duplicate: false });
  expect(injected.json.id).toMatch(/^[0-9a-f]{32}$/);
  const stored = (await jsm.streams.getMessage("default", { seq: 6 }))!;
  expect(stored.subject).toBe("default.webhook.injected");
  expect(stored.header.keys()).toEqual(["Nats-Msg-Id"]);
  expect(stored.header.get("Nats-Msg-Id")).toBe(injected.json.id);
  const wire = JSON.parse(Buffer.from(stored.data).toString("utf8")) as Record<string, string>;
  expect(Object.keys(wire)).toEqual([
    "specversion",
    "id",
    "source",
    "type",
    "subject",
    "datacontenttype",
    "time",
    "data_base64",
  ]);
  expect(wire).toMatchObject({
    specversion: "1.0",
    id: injected.json.id,
    source: "webhook",
    type: "webhook",
    subject: "injected",
    datacontenttype: "application/json",
  });
  expect(wire.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,9})?Z$/);
  expect(Buffer.from(wire.data_base64!, "base64").toString("utf8")).toBe('{"hello":"argo"}');
  await tail.until((items) => items.some((item) => item.type === "event" && item.item.sequence === 6));
  await tail.stop();

  // ---- replay by position (CLI, --yes): a new CloudEvent with replayof, same data ----
  const replayed = cli("attach", "replay", "argo-js", "--position", "2", "--yes", "-o", "json");
  expect(replayed.code, replayed.stderr).toBe(0);
  const replay = JSON.parse(replayed.stdout) as { id: string; position: string; replayOf: string };
  expect(replay).toMatchObject({ position: "7", replayOf: sent[1]!.id });
  const replayWire = JSON.parse(
    Buffer.from((await jsm.streams.getMessage("default", { seq: 7 }))!.data).toString("utf8"),
  ) as Record<string, string>;
  expect(replayWire).toMatchObject({ id: replay.id, source: "webhook", subject: "example", replayof: sent[1]!.id });
  expect(JSON.parse(Buffer.from(replayWire.data_base64!, "base64").toString("utf8"))).toEqual(sent[1]!.payload);
  const newestNow = await get<Page>("/api/v1/attachments/argo-js/events?limit=1");
  expect(newestNow.json.items[0]).toMatchObject({
    sequence: 7,
    event: { id: replay.id, extensions: { replayof: sent[1]!.id } },
  });

  // ---- credentials from a stored Secret instead of inline ----
  await apply(
    server,
    `apiVersion: v1\nkind: Secret\nmetadata: {name: argo-nats}\nstringData: {user: argo, password: "${natsPassword}"}\n`,
  );
  const fromSecret = await post<{ auth: unknown }>("/api/v1/attachments", {
    name: "argo-js-secret",
    kind: "jetstream",
    url: natsUrl,
    auth: {
      username: { secretKeyRef: { name: "argo-nats", key: "user" } },
      password: { secretKeyRef: { name: "argo-nats", key: "password" } },
    },
  });
  expect(fromSecret.status).toBe(201);
  expect(fromSecret.json.auth).toEqual({
    username: "secret default/argo-nats#user",
    password: "secret default/argo-nats#password",
  });
  expect((await get<Page>("/api/v1/attachments/argo-js-secret/events?limit=1")).json.items[0]?.sequence).toBe(7);
  expect((await del("/api/v1/attachments/argo-js-secret")).status).toBe(200);

  // ---- audit, detach, and the bus as it was (plus the three published messages) ----
  const audit = await get<{ items: { target: string; action: string }[] }>("/api/v1/audit?limit=50");
  const actions = audit.json.items
    .filter((entry) => entry.target === "attachment/argo-js")
    .map((entry) => entry.action);
  expect(actions).toEqual(expect.arrayContaining(["attach.create", "attach.inject", "attach.replay"]));
  expect((await del("/api/v1/attachments/argo-js")).status).toBe(200);
  expect((await get("/api/v1/attachments/argo-js/events")).status).toBe(404);
  const after = await natsSnapshot();
  expect(after.streams).toEqual(before.streams);
  expect(after.consumers.map((c) => c.name)).toEqual(["group-428796809"]);
  expect(after.consumers.map((c) => c.config)).toEqual(before.consumers.map((c) => c.config));
  expect(after.buckets).toEqual(before.buckets);
  expect(after.messages).toBe(before.messages + 3); // the live one (a plain client), the injected one and the replay
  // Only reads reached the JetStream API: account info, stream info/list, message get by sequence, consumer list.
  await nc!.flush();
  expect(apiCalls).toContain("$JS.API.STREAM.MSG.GET.default");
  const readOnly =
    /^\$JS\.API\.(INFO|STREAM\.(INFO|MSG\.GET)\.(default|absent)|STREAM\.(LIST|NAMES)|CONSUMER\.(LIST|NAMES)\.default)$/;
  expect(apiCalls.filter((subject) => !readOnly.test(subject))).toEqual([]);
  expect(otherAdvisories).toEqual([]);
  // The sealed password is nowhere in the data dir in plain text.
  for (const file of readdirSync(server.dataDir)) {
    if (file.endsWith(".db") || file.endsWith(".db-wal"))
      expect(readFileSync(join(server.dataDir, file)).includes(natsPassword)).toBe(false);
  }
});

it("attaches to an Argo Kafka topic read-only: lists across partitions and tails without a consumer group, publishes Argo's record only when confirmed", async () => {
  const topic = `argo-${nonce}-default`;
  const kafka = new Kafka({ brokers: brokers.split(","), clientId: "argo-eventsource", logLevel: logLevel.NOTHING });
  await admin!.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true });
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const sent: { id: string; key: string; payload: unknown }[] = [];
  for (let n = 0; n < 7; n++) {
    const subject = `ev${n % 3}`;
    const key = `webhook.${subject}`;
    const payload = { body: { n } };
    const { id, body } = argoEvent("webhook", subject, payload);
    await producer.send({ topic, acks: -1, messages: [{ key, value: body, partition: saramaHashPartition(key, 3) }] });
    sent.push({ id, key, payload });
  }
  const topicsBefore = (await admin!.listTopics()).sort();
  const groupsBefore = (await admin!.listGroups()).groups.map((g) => g.groupId).sort();

  const missingTopic = `argo-${nonce}-absent`;
  expect(
    (await post("/api/v1/attachments", { name: "nope", kind: "kafka", brokers, topic: missingTopic })).status,
  ).toBe(404);
  expect(await admin!.listTopics()).not.toContain(missingTopic); // the broker auto-creates topics; nothing asked it to
  const created = await post("/api/v1/attachments", { name: "argo-kafka", kind: "kafka", brokers, topic });
  expect(created.status).toBe(201);
  expect((await get("/api/v1/attachments/argo-kafka")).json).toMatchObject({
    reachable: true,
    bus: { kind: "kafka", topic, messages: 7 },
  });

  // ---- list every record exactly once, newest first per partition, across pages ----
  const seen: { position: string; key: string; event: { id: string; data: unknown } }[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; json: { items: typeof seen; nextCursor: string | null } } = await get<{
      items: typeof seen;
      nextCursor: string | null;
    }>(`/api/v1/attachments/argo-kafka/events?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
    expect(page.status).toBe(200);
    seen.push(...page.json.items);
    cursor = page.json.nextCursor;
  } while (cursor);
  expect(seen.map((m) => m.event.id).sort()).toEqual(sent.map((s) => s.id).sort());
  for (const message of seen) {
    const original = sent.find((s) => s.id === message.event.id)!;
    expect(message.key).toBe(original.key);
    expect(message.event.data).toEqual(original.payload);
    expect(message.position).toMatch(new RegExp(`^${saramaHashPartition(original.key, 3)}:\\d+$`));
  }

  // ---- tail: a record produced by a plain producer arrives ----
  const tail = collect("attach.tail", { name: "argo-kafka" });
  await tail.until((items) => items.some((item) => item.type === "hello"));
  const live = argoEvent("webhook", "live", { body: { live: true } });
  await producer.send({
    topic,
    acks: -1,
    messages: [{ key: "webhook.live", value: live.body, partition: saramaHashPartition("webhook.live", 3) }],
  });
  await tail.until((items) => items.some((item) => item.type === "event"));
  expect(tail.items.find((item) => item.type === "event")).toMatchObject({
    item: { key: "webhook.live", event: { id: live.id, data: { body: { live: true } } } },
  });
  await tail.stop();

  // ---- inject: refused without confirmation; with it, Argo's record (key, value, partition, no headers) ----
  expect(
    (await post("/api/v1/attachments/argo-kafka/inject", { source: "webhook", subject: "injected", data: { x: 1 } }))
      .status,
  ).toBe(400);
  const injected = await post<Published>("/api/v1/attachments/argo-kafka/inject", {
    confirm: "argo-kafka",
    source: "webhook",
    subject: "injected",
    data: { hello: "kafka" },
  });
  expect(injected.status).toBe(200);
  const partition = saramaHashPartition("webhook.injected", 3);
  expect(injected.json.address).toBe("webhook.injected");
  expect(injected.json.position).toMatch(new RegExp(`^${partition}:\\d+$`));

  // ---- detach; topics and consumer groups exactly as before ----
  expect((await del("/api/v1/attachments/argo-kafka")).status).toBe(200);
  expect((await admin!.listTopics()).sort()).toEqual(topicsBefore);
  expect((await admin!.listGroups()).groups.map((g) => g.groupId).sort()).toEqual(groupsBefore);
  const offsets = await admin!.fetchTopicOffsets(topic);
  expect(offsets.reduce((sum, p) => sum + Number(p.high), 0)).toBe(7 + 2); // the live record and the injected one

  // ---- read the injected record back with a plain consumer (its own group, removed afterwards) ----
  const groupId = `readback-${nonce}`;
  const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const records: { partition: number; key: string; value: string; headers: unknown }[] = [];
  await consumer.run({
    eachMessage: ({ partition: p, message }) => {
      records.push({
        partition: p,
        key: message.key?.toString() ?? "",
        value: message.value?.toString() ?? "",
        headers: message.headers,
      });
      return Promise.resolve();
    },
  });
  for (const deadline = Date.now() + 20_000; !records.some((r) => r.key === "webhook.injected"); await sleep(100)) {
    if (Date.now() > deadline) throw new Error("the injected record was not read back");
  }
  await consumer.disconnect();
  await admin!.deleteGroups([groupId]);
  await producer.disconnect();
  const record = records.find((r) => r.key === "webhook.injected")!;
  expect(record.partition).toBe(partition);
  expect(record.headers).toEqual({});
  const wire = JSON.parse(record.value) as Record<string, string>;
  expect(Object.keys(wire)).toEqual([
    "specversion",
    "id",
    "source",
    "type",
    "subject",
    "datacontenttype",
    "time",
    "data_base64",
  ]);
  expect(wire).toMatchObject({ id: injected.json.id, source: "webhook", subject: "injected", type: "webhook" });
  expect(Buffer.from(wire.data_base64!, "base64").toString("utf8")).toBe('{"hello":"kafka"}');
  await admin!.deleteTopics({ topics: [topic] });
});
