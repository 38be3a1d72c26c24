/**
 * Scale-out on Kafka: two Signalbox processes on one Kafka EventBus and one PostgreSQL database. The processes share
 * each sensor's consumer groups, so the event topic's partitions — and with them the work — are split between them;
 * the calendar (a singleton source) runs on the elected leader only and fails over; webhooks go to the API-port route
 * of both. The sink must get each (event, trigger) once, each process must do a fair share of the work (its own
 * metric), and after a kill -9 of one of them nothing acknowledged may be lost.
 *
 * The bus uses the default partitioner, `random` as in Argo, which spreads even one webhook's events over the
 * topic's partitions (`hash` would keep them on one partition, in order, and so on one process).
 */
import { randomBytes } from "node:crypto";
import { Kafka, logLevel } from "kafkajs";
import { afterAll, describe, expect, it } from "vitest";
import { countsByN, duplicatesIn, freshDatabase, sendNumbered, startProcesses, triggeredTotal, waitForSensor } from "./helpers/scaleOut.ts";
import { apply, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

const adminUrl = process.env.SIGNALBOX_TEST_DATABASE_URL;
const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
if (!adminUrl || !brokers) throw new Error("the integration globalSetup must provide PostgreSQL and Kafka");

const processes: ServerProcess[] = [];
const sinks: Sink[] = [];
/** Namespaces of this file: every topic and consumer group it made starts with one of them. */
const namespaces: string[] = [];
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop("SIGKILL")));
  await Promise.all(sinks.map((s) => s.close()));
  await deleteKafkaLeftovers(namespaces);
});

/** Delete this file's topics and groups so the shared broker stays small. */
async function deleteKafkaLeftovers(prefixes: string[]): Promise<void> {
  if (prefixes.length === 0) return;
  const admin = new Kafka({ brokers: brokers!.split(","), logLevel: logLevel.NOTHING }).admin();
  try {
    await admin.connect();
    const ours = (name: string) => prefixes.some((prefix) => name.startsWith(`${prefix}-`));
    const topics = (await admin.listTopics()).filter(ours);
    if (topics.length > 0) await admin.deleteTopics({ topics }).catch(() => undefined);
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter(ours);
    if (groups.length > 0) await admin.deleteGroups(groups).catch(() => undefined);
  } catch {
    // Best effort: leftovers only cost broker space.
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const namespace = (prefix: string) => {
  const ns = `${prefix}-${randomBytes(3).toString("hex")}`;
  namespaces.push(ns);
  return ns;
};

async function pair(): Promise<ServerProcess[]> {
  return startProcesses(2, { SIGNALBOX_DATABASE_URL: await freshDatabase(adminUrl!, "sb_scalek") }, processes);
}

const kafkaBus = (ns: string) => `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${ns}}
spec:
  kafka:
    url: ${brokers}
`;

const flow = (ns: string, sinkUrl: string, atLeastOnce: boolean) => `${kafkaBus(ns)}---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks, namespace: ${ns}}
spec:
  webhook:
    in: {port: "0", endpoint: /in, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: fanout, namespace: ${ns}}
spec:
  dependencies: [{name: d, eventSourceName: hooks, eventName: in}]
  triggers:
    - template:
        name: out
        http:
          url: ${sinkUrl}/out
          payload: [{src: {dependencyName: d, dataKey: body.n}, dest: n}]
      atLeastOnce: ${atLeastOnce}
`;

async function newSink(): Promise<Sink> {
  const sink = await startSink();
  sinks.push(sink);
  return sink;
}

describe("two processes on one Kafka bus and one PostgreSQL", () => {
  it("splits 1,000 events between them and delivers each (event, trigger) once", async () => {
    const sink = await newSink();
    const [a, b] = (await pair()) as [ServerProcess, ServerProcess];
    const ns = namespace("sok");
    await apply(a, flow(ns, sink.url, false));
    await waitForSensor(a, { ns, sensor: "fanout", route: "hooks/in" });
    await waitForSensor(b, { ns, sensor: "fanout", route: "hooks/in" });
    const started = Date.now();
    const acknowledged = new Set<number>();
    await sendNumbered([a, b], { ns, route: "hooks/in", total: 1000, acknowledged });
    expect(acknowledged.size).toBe(1000);
    await sink.waitFor(() => countsByN(sink).size === 1000, 120_000);
    const seconds = (Date.now() - started) / 1000;
    await new Promise((resolve) => setTimeout(resolve, 500)); // late duplicates, if any
    const duplicates = duplicatesIn(countsByN(sink));
    const [workA, workB] = [await triggeredTotal(a, "fanout"), await triggeredTotal(b, "fanout")];
    console.log(`scale-out (kafka): 1000 events delivered in ${seconds.toFixed(1)} s, ${duplicates} duplicates, work split ${workA} / ${workB}`);
    expect(duplicates).toBe(0);
    expect(Math.min(workA, workB) / (workA + workB)).toBeGreaterThanOrEqual(0.2);
  }, 180_000);

  it("loses nothing acknowledged when one process is killed mid-run", async () => {
    const sink = await newSink();
    const [a, b] = (await pair()) as [ServerProcess, ServerProcess];
    const ns = namespace("skk");
    await apply(a, flow(ns, sink.url, true));
    await waitForSensor(a, { ns, sensor: "fanout", route: "hooks/in" });
    await waitForSensor(b, { ns, sensor: "fanout", route: "hooks/in" });
    const acknowledged = new Set<number>();
    const sending = sendNumbered([a, b], { ns, route: "hooks/in", total: 1000, acknowledged });
    while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 5));
    b.process.kill("SIGKILL");
    const killedAt = Date.now();
    await sending;
    await sink.waitFor(() => [...acknowledged].every((n) => countsByN(sink).has(n)), 120_000);
    const recovered = (Date.now() - killedAt) / 1000;
    const delivered = countsByN(sink);
    const lost = [...acknowledged].filter((n) => !delivered.has(n));
    console.log(
      `scale-out (kafka) kill -9: ${acknowledged.size} acknowledged, ${delivered.size} delivered, ${duplicatesIn(delivered)} duplicates, ${lost.length} lost; all delivered ${recovered.toFixed(1)} s after the kill`,
    );
    expect(lost).toEqual([]);
  }, 180_000);

  it("ticks a calendar once per interval across both processes and fails over", async () => {
    const ticks = await newSink();
    const [a, b] = (await pair()) as [ServerProcess, ServerProcess];
    const ns = namespace("sck");
    await apply(
      a,
      `${kafkaBus(ns)}---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: clock, namespace: ${ns}}
spec:
  calendar:
    tick: {interval: 2s}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: clock, namespace: ${ns}}
spec:
  dependencies: [{name: t, eventSourceName: clock, eventName: tick}]
  triggers:
    - template:
        name: out
        http: {url: "${ticks.url}/tick", payload: [{src: {dependencyName: t, contextKey: id}, dest: id}]}
`,
    );
    const leaderOf = async () => {
      for (const server of [a, b]) {
        const ready = (await (await fetch(`${server.url}/readyz`)).json()) as { leader: boolean };
        if (ready.leader) return server;
      }
      return undefined;
    };
    // Both processes run; only the leader runs the calendar: about one tick per 2 s, not two.
    await ticks.waitFor((requests) => requests.length >= 1, 60_000);
    const start = ticks.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const inEightSeconds = new Set(ticks.requests.slice(start).map((r) => r.body)).size; // distinct ticks
    expect(inEightSeconds).toBeGreaterThanOrEqual(2);
    expect(inEightSeconds).toBeLessThanOrEqual(5);
    const leader = await leaderOf();
    expect(leader).toBeDefined();
    const survivor = leader === a ? b : a;
    leader!.process.kill("SIGKILL");
    const killedAt = Date.now();
    const seen = new Set(ticks.requests.map((r) => r.body));
    // Two new ticks: at most one can be the dead leader's last, published before the kill and read late.
    await ticks.waitFor((requests) => new Set(requests.map((r) => r.body).filter((body) => !seen.has(body))).size >= 2, 60_000);
    const failover = Date.now() - killedAt;
    const ready = (await (await fetch(`${survivor.url}/readyz`)).json()) as { leader: boolean };
    // A tick handled but not yet committed when the second process joined the group comes again (at least once).
    const repeated = ticks.requests.length - new Set(ticks.requests.map((r) => r.body)).size;
    console.log(
      `calendar (kafka): ${inEightSeconds} ticks in 8 s across two processes (${repeated} delivered twice); two new ticks ${failover} ms after the leader's kill -9`,
    );
    expect(ready.leader).toBe(true);
  }, 180_000);
});
