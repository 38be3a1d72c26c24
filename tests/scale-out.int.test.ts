/**
 * Scale-out: two Signalbox processes on one JetStream bus and one PostgreSQL database. Webhooks go to the API-port
 * route of both; the sink must get each (event, trigger) once, each process must do a fair share of the work (its own
 * metric), and after a kill -9 of one of them nothing acknowledged may be lost.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { apply, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

const adminUrl = process.env.SIGNALBOX_TEST_DATABASE_URL;
const natsUrl = process.env.SIGNALBOX_TEST_NATS_URL;
if (!adminUrl || !natsUrl) throw new Error("the integration globalSetup must provide PostgreSQL and NATS");

const processes: ServerProcess[] = [];
let sink: Sink | undefined;
afterAll(async () => {
  await Promise.all(processes.map((p) => p.stop("SIGKILL")));
  await sink?.close();
});

async function freshDatabase(): Promise<string> {
  const name = `sb_scale_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

async function triggered(server: ServerProcess, sensor: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split("\n").find((l) => l.startsWith("argo_events_action_triggered_total{") && l.includes(`sensor_name="${sensor}"`));
  return line ? Number(line.split(" ").pop()) : 0;
}

async function pair(): Promise<[ServerProcess, ServerProcess]> {
  const env = { SIGNALBOX_DATABASE_URL: await freshDatabase(), SIGNALBOX_NATS_URL: natsUrl! };
  const a = await startServer({ env });
  processes.push(a);
  const b = await startServer({ env });
  processes.push(b);
  return [a, b];
}

const flow = (ns: string, sinkUrl: string, atLeastOnce: boolean) => `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${ns}}
spec:
  jetstream: {version: "2.10.29", replicas: 1}
---
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

async function waitForSensor(server: ServerProcess, ns: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const response = await fetch(`${server.url}/api/v1/namespaces/${ns}/sensors/fanout`, { headers: { authorization: `Bearer ${server.token}` } });
    if (response.ok) {
      const body = (await response.json()) as { status: { conditions: { type: string; status: string }[] } };
      if (body.status.conditions.some((c) => c.type === "Deployed" && c.status === "True")) {
        // The follower learns definitions by polling the shared store; the route answering proves it runs them.
        const probe = await fetch(`${server.url}/api/v1/webhooks/${ns}/hooks/in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n: -1 }) });
        if (probe.status === 200) return;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${server.url} never ran the sensor`);
}

async function send(servers: ServerProcess[], ns: string, total: number, acknowledged: Set<number>, concurrency = 16): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const n = next++;
        const target = servers[n % servers.length]!;
        try {
          // A saturated server sheds with 503 + Retry-After; like a real sender, come back later.
          for (let attempt = 0; attempt < 20; attempt++) {
            const response = await fetch(`${target.url}/api/v1/webhooks/${ns}/hooks/in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n }) });
            await response.arrayBuffer();
            if (response.status === 200) acknowledged.add(n);
            if (response.status !== 503) break;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        } catch {
          // A killed process: not acknowledged, so not owed.
        }
      }
    }),
  );
}

const counts = (s: Sink) => {
  const map = new Map<number, number>();
  for (const request of s.requests) {
    const n = Number((JSON.parse(request.body) as { n: string }).n);
    if (n >= 0) map.set(n, (map.get(n) ?? 0) + 1);
  }
  return map;
};

describe("two processes on one JetStream bus and one PostgreSQL", () => {
  it("splits 1,000 events between them and delivers each (event, trigger) once", async () => {
    sink = await startSink();
    const [a, b] = await pair();
    const ns = `so-${randomBytes(3).toString("hex")}`;
    await apply(a, flow(ns, sink.url, false));
    await waitForSensor(a, ns);
    await waitForSensor(b, ns);
    const before = sink.requests.length;
    const acknowledged = new Set<number>();
    await send([a, b], ns, 1000, acknowledged);
    expect(acknowledged.size).toBe(1000);
    await sink.waitFor(() => counts(sink!).size === 1000, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const delivered = counts(sink);
    const duplicates = [...delivered.values()].reduce((sum, c) => sum + c - 1, 0);
    const [workA, workB] = [await triggered(a, "fanout"), await triggered(b, "fanout")];
    console.log(`scale-out: ${sink.requests.length - before} sink requests, ${duplicates} duplicates, work split ${workA} / ${workB}`);
    expect(duplicates).toBe(0);
    expect(Math.min(workA, workB) / (workA + workB)).toBeGreaterThanOrEqual(0.2);
  }, 180_000);

  it("loses nothing acknowledged when one process is killed mid-run", async () => {
    const local = await startSink();
    try {
      const [a, b] = await pair();
      const ns = `sk-${randomBytes(3).toString("hex")}`;
      await apply(a, flow(ns, local.url, true));
      await waitForSensor(a, ns);
      await waitForSensor(b, ns);
      const acknowledged = new Set<number>();
      const sending = send([a, b], ns, 1000, acknowledged);
      while (acknowledged.size < 300) await new Promise((resolve) => setTimeout(resolve, 5));
      b.process.kill("SIGKILL");
      await sending;
      await local.waitFor(() => [...acknowledged].every((n) => counts(local).has(n)), 120_000);
      const delivered = counts(local);
      const duplicates = [...delivered.values()].reduce((sum, c) => sum + c - 1, 0);
      console.log(`scale-out kill -9: ${acknowledged.size} acknowledged, ${delivered.size} delivered, ${duplicates} duplicates, 0 lost`);
      expect([...acknowledged].filter((n) => !delivered.has(n))).toEqual([]);
    } finally {
      await local.close();
    }
  }, 240_000);

  it("ticks a calendar once per interval across both processes and fails over within 15 s", async () => {
    const ticks = await startSink();
    try {
      const [a, b] = await pair();
      const ns = `sc-${randomBytes(3).toString("hex")}`;
      await apply(
        a,
        `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${ns}}
spec:
  jetstream: {version: "2.10.29", replicas: 1}
---
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
      await ticks.waitFor((requests) => requests.length >= 1, 30_000);
      const start = ticks.requests.length;
      await new Promise((resolve) => setTimeout(resolve, 10_000));
      const inTenSeconds = ticks.requests.length - start;
      expect(inTenSeconds).toBeGreaterThanOrEqual(3);
      expect(inTenSeconds).toBeLessThanOrEqual(6);
      const leader = await leaderOf();
      expect(leader).toBeDefined();
      const survivor = leader === a ? b : a;
      leader!.process.kill("SIGKILL");
      const killedAt = Date.now();
      const beforeKill = ticks.requests.length;
      await ticks.waitFor((requests) => requests.length > beforeKill, 15_000);
      const failover = Date.now() - killedAt;
      const ready = (await (await fetch(`${survivor.url}/readyz`)).json()) as { leader: boolean };
      console.log(`calendar: ${inTenSeconds} ticks in 10 s across two processes; failover to the other in ${failover} ms`);
      expect(ready.leader).toBe(true);
      expect(failover).toBeLessThan(15_000);
    } finally {
      await ticks.close();
    }
  }, 180_000);
});

