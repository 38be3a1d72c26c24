/**
 * Overload at 2× capacity: the capacity is measured first (throughput while saturated), then an open-loop load at
 * twice that rate comes from 256 connections. Every answer must be a 2xx or a clean 429/503 with Retry-After
 * (no other status, no reset connection, no timeout), the server's RSS must stay bounded, every acknowledged
 * event must reach the sink — never 2xx-then-drop — and the server must shed (429/503) rather than queue without
 * bound: a sender should learn within a second that it has to come back later.
 */
import { afterAll, describe, expect, it } from "vitest";
import { openLoop } from "../../bench/lib/openLoop.ts";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  expectBalanced,
  faultFlowYaml,
  rssMb,
  Scenario,
  sleep,
  startFaultSink,
  suffix,
  timer,
  waitBalanced,
} from "./helpers.ts";

/** RSS growth allowed over idle while overloaded. */
const RSS_GROWTH_MB = 250;

interface Outcome {
  summary: string;
  shed: number;
  other: [string, number][];
  shedWithoutRetryAfter: number;
  unclean: number;
  rssGrowth: number;
  healthz: number;
}

const scenario = new Scenario();
afterAll(() => scenario.release());

/** Capacity probe, then 5 s at twice that; the ledgers are checked here (nothing acknowledged may be dropped). */
async function overload(): Promise<Outcome> {
  const t = timer("overload");
  const sink = scenario.own(await startFaultSink(), (s) => s.close());
  const server = scenario.own(await startServer({ dataDir: tempDataDir("sb-fault-overload-") }), (s: ServerProcess) =>
    s.stop("SIGKILL"),
  );
  const namespace = `overload-${suffix()}`;
  const port = await freePort();
  await applyFlow(
    server,
    faultFlowYaml({
      namespace,
      bus: "embedded",
      port,
      triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 20, duration: "500ms" } }],
    }),
    namespace,
  );
  const pid = server.process.pid ?? 0;
  t("server up");

  // Capacity: the throughput while saturated. An open-loop probe only saturates the server when it offers more than
  // the server takes, so the offered rate rises until the answered rate falls behind it.
  const probeAcked = new Set<string>();
  let capacity = 0;
  let probes = 0;
  for (const offered of [1000, 2500, 5000]) {
    const first = probes;
    const probe = await openLoop({
      host: "127.0.0.1",
      port,
      path: "/in",
      method: "POST",
      rate: offered,
      durationMs: 1500,
      connections: 64,
      timeoutMs: 15_000,
      drainMs: 20_000,
      body: (index) => JSON.stringify({ nonce: `c-${first + index}` }),
      onResponse: (index, status) => {
        if (status >= 200 && status < 300) probeAcked.add(`c-${first + index}`);
      },
    });
    probes += probe.sent;
    capacity = Math.max(50, Math.round((probe.ok * 1000) / Math.max(probe.elapsedMs, 1)));
    t(`probe at ${offered}/s: ${capacity}/s answered 2xx`);
    if (capacity < offered * 0.9) break;
    await sleep(500);
  }
  expectBalanced("overload: capacity probe", await waitBalanced(probeAcked, sink, { timeoutMs: 30_000, prefix: "c-" }));
  await sleep(1000);
  const idleRss = rssMb(pid);
  t(`capacity ${capacity}/s, RSS ${idleRss} MB`);

  // Twice that, open loop, from many connections.
  const acked = new Set<string>();
  let peakRss = idleRss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(pid))), 100);
  const rate = capacity * 2;
  const result = await openLoop({
    host: "127.0.0.1",
    port,
    path: "/in",
    method: "POST",
    rate,
    durationMs: 5000,
    connections: 256,
    timeoutMs: 15_000,
    drainMs: 20_000,
    body: (index) => JSON.stringify({ nonce: `o-${index}` }),
    onResponse: (index, status) => {
      if (status >= 200 && status < 300) acked.add(`o-${index}`);
    },
  }).finally(() => clearInterval(sampler));
  t(`overload done: ${JSON.stringify(result.status)}`);
  const shed = (result.status["429"] ?? 0) + (result.status["503"] ?? 0);
  const other = Object.entries(result.status).filter(([s]) => !s.startsWith("2") && s !== "429" && s !== "503");
  const summary =
    `${rate}/s offered (2× ${capacity}/s) from 256 connections: ${JSON.stringify(result.status)}, ${result.errors} connection errors, ${result.timeouts} timeouts, ` +
    `${result.unfinished} unanswered; 2xx p50 ${result.latencyOk.p50} ms p99 ${result.latencyOk.p99} ms; RSS ${idleRss} → peak ${peakRss} MB`;
  console.log(`[faults] overload: ${summary}`);

  const balance = await waitBalanced(acked, sink, { timeoutMs: 30_000, prefix: "o-" });
  expectBalanced("overload at 2× capacity, embedded bus", balance);
  return {
    summary,
    shed,
    other,
    shedWithoutRetryAfter: result.shedWithoutRetryAfter,
    unclean: result.errors + result.timeouts + result.unfinished,
    rssGrowth: peakRss - idleRss,
    healthz: await fetch(`${server.url}/healthz`).then((r) => r.status),
  };
}

describe("overload at 2× capacity", () => {
  let outcome: Promise<Outcome> | undefined;
  const run = () => (outcome ??= overload());

  it("answers only 2xx or 429/503 + Retry-After, keeps memory bounded, drops nothing acknowledged", async () => {
    const o = await run();
    expect(o.healthz).toBe(200);
    expect(o.other, "answers other than 2xx and 429/503").toEqual([]);
    expect(o.shedWithoutRetryAfter, "429/503 without Retry-After").toBe(0);
    expect(o.unclean, `reset, timed-out or unanswered requests (${o.summary})`).toBe(0);
    expect(o.rssGrowth, `RSS growth under overload (${o.summary})`).toBeLessThanOrEqual(RSS_GROWTH_MB);
  }, 90_000);

  // Admission control (packages/engine/src/sources/webhook/admission.ts) sheds while the loop runs late or too many
  // requests are in flight, so a sender learns within a second that it has to come back later.
  it(
    "sheds load with 429/503 + Retry-After instead of queueing",
    async () => {
      const o = await run();
      expect(o.shed, `no 429/503 although overloaded: requests queued instead (${o.summary})`).toBeGreaterThan(0);
    },
    90_000,
  );
});
