/**
 * Slow and failing sinks: one sensor with three `atLeastOnce` HTTP triggers — one to a fast sink, one to a sink
 * that answers after 3 s, one to a sink that always answers 500 (`policy.status.allow: [200]`, 3 attempts, then
 * its `dlqTrigger`). The fast trigger must not wait behind the slow one (no head-of-line blocking), the failing one
 * must be retried and end in the DLQ, and every acknowledged event must reach the fast sink, the slow sink and the
 * DLQ.
 */
import { expect, it } from "vitest";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  balance,
  expectBalanced,
  faultFlowYaml,
  Scenario,
  sleep,
  startFaultSink,
  suffix,
  timer,
  waitBalanced,
  WebhookLoad,
  type FaultSink,
} from "./helpers.ts";

/** Delivery latencies (ms) at a sink: first arrival − send time, per acknowledged nonce. */
function latencies(sink: FaultSink, sentAt: Map<string, number>, acked: ReadonlySet<string>): number[] {
  return [...acked]
    .map((nonce) => (sink.firstAt.get(nonce) ?? Number.NaN) - (sentAt.get(nonce) ?? Number.NaN))
    .filter((v) => Number.isFinite(v))
    .sort((a, b) => a - b);
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;

it("a slow sink does not hold up a fast one; a failing sink is retried, then its DLQ gets every event", async () => {
  const scenario = new Scenario();
  try {
    const t = timer("slow and failing sinks");
    const fast = scenario.own(await startFaultSink(), (s) => s.close());
    const slow = scenario.own(await startFaultSink({ delayMs: 3000 }), (s) => s.close());
    const failing = scenario.own(await startFaultSink({ status: 500 }), (s) => s.close());
    const dlq = scenario.own(await startFaultSink(), (s) => s.close());
    const server = scenario.own(await startServer({ dataDir: tempDataDir("sb-fault-sinks-") }), (s: ServerProcess) =>
      s.stop("SIGKILL"),
    );
    const namespace = `sinks-${suffix()}`;
    const port = await freePort();
    await applyFlow(
      server,
      faultFlowYaml({
        namespace,
        bus: "embedded",
        port,
        triggers: [
          { name: "fast", url: `${fast.url}/in` },
          { name: "slow", url: `${slow.url}/in`, timeoutSeconds: 15 },
          {
            name: "failing",
            url: `${failing.url}/in`,
            allow: [200],
            retry: { steps: 3, duration: "200ms" },
            dlqUrl: `${dlq.url}/dlq`,
          },
        ],
      }),
      namespace,
    );
    t("server up");

    // 4 senders, 150 events: faster than the slow trigger can go (32 runs at a time × 3 s ≈ 11/s).
    const load = new WebhookLoad({
      url: `http://127.0.0.1:${port}/in`,
      prefix: "s",
      concurrency: 4,
      total: 150,
      pauseMs: 20,
    });
    const stats = await load.start().done();
    t(`${stats.acked.size} acknowledged`);
    const fastBalance = await waitBalanced(stats.acked, fast, 20_000);
    t("fast sink has every event");
    const slowPendingThen = balance(stats.acked, slow).lost.length;
    const dlqBalance = await waitBalanced(stats.acked, dlq, 30_000);
    const slowBalance = await waitBalanced(stats.acked, slow, 30_000);
    t("slow sink and DLQ have every event");
    await sleep(500);

    const fastLatency = latencies(fast, load.sentAt, stats.acked);
    const slowLatency = latencies(slow, load.sentAt, stats.acked);
    const attempts = new Map<number, number>();
    for (const nonce of stats.acked) {
      const n = failing.counts.get(nonce) ?? 0;
      attempts.set(n, (attempts.get(n) ?? 0) + 1);
    }
    const detail =
      `fast p50 ${quantile(fastLatency, 0.5)} p90 ${quantile(fastLatency, 0.9)} ms; slow p50 ${quantile(slowLatency, 0.5)} p90 ${quantile(slowLatency, 0.9)} ms; ` +
      `${slowPendingThen} still pending at the slow sink when the fast one was complete; attempts at the failing sink per event ${JSON.stringify(Object.fromEntries(attempts))}`;
    expectBalanced("fast sink", fastBalance, detail);
    expectBalanced("slow sink", slowBalance);
    expectBalanced("failing sink's DLQ", dlqBalance);
    // No head-of-line blocking: the fast trigger finished while the slow one still had a backlog, and its
    // latencies are a fraction of the slow trigger's.
    expect(slowPendingThen, `the slow trigger had a backlog when the fast one was done (${detail})`).toBeGreaterThan(0);
    expect(quantile(fastLatency, 0.9), detail).toBeLessThan(quantile(slowLatency, 0.9) / 2);
    // Retries: every event was tried 3 times at the failing sink before its DLQ run.
    expect(
      [...attempts.keys()].every((n) => n >= 3),
      detail,
    ).toBe(true);
  } finally {
    await scenario.release();
  }
}, 90_000);
