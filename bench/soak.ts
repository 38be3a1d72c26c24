/**
 * `npm run bench -- --soak`: RSS of the server over a long run (P6: < 10 % growth over 10 minutes).
 *
 * The embedded flow (webhook → sensor → HTTP trigger) runs open-loop at `--soak-rate` (1,000/s by default) in
 * back-to-back 30 s steps for `--soak-minutes` (10); RSS is sampled every 5 s. Growth compares the mean RSS of
 * the last minute with the mean RSS of the second minute (the first is warm-up). The ledger must balance.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../tests/helpers/server.ts";
import type { LoadResult } from "./agent.ts";
import { sleep } from "./lib/clock.ts";
import type { LedgerBalance } from "./lib/ledger.ts";
import { Agent, choosePinning, ROOT, rssMb } from "./lib/processes.ts";
import { markdownTable, round, writeResults, type TargetResult } from "./lib/report.ts";
import { applyManifests, flowManifests, startSignalbox } from "./lib/signalbox.ts";

function optionValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

const mean = (values: number[]) => (values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN);

export async function runSoak(): Promise<number> {
  const minutes = optionValue("--soak-minutes", 10);
  const rate = optionValue("--soak-rate", 1000);
  const pinning = choosePinning();
  const log = (line: string) => console.log(line);
  log(`soak: embedded flow at ${rate}/s open-loop for ${minutes} min, RSS every 5 s`);
  log(`cores: ${pinning.description}`);
  const load = await Agent.start("load agent", pinning.loadCore);
  let exitCode = 0;
  const server = await startSignalbox({ core: pinning.serverCore, logLevel: "info" });
  try {
    const { port: sinkPort } = await load.call<{ port: number }>("sink.start");
    const flow = { namespace: "soak", bus: "embedded" as const, webhookPort: await freePort(), sinkPort };
    await applyManifests(server, flowManifests(flow));
    await sleep(2000);
    const samples: { at: number; rss: number }[] = [];
    const started = Date.now();
    const sampler = setInterval(
      () => samples.push({ at: (Date.now() - started) / 1000, rss: rssMb(server.pid) ?? 0 }),
      5000,
    );
    let step = 0;
    let offered = 0;
    let acknowledged = 0;
    const statuses: Record<string, number> = {};
    while (Date.now() - started < minutes * 60_000) {
      const durationMs = Math.min(30_000, minutes * 60_000 - (Date.now() - started));
      if (durationMs < 1000) break;
      const result = await load.call<LoadResult>("load", {
        port: flow.webhookPort,
        path: "/in",
        method: "POST",
        rate,
        durationMs,
        connections: 64,
        timeoutMs: 30_000,
        drainMs: 5000,
        ledger: { prefix: `soak-${++step}`, filterEvery: 20, expectsDelivery: true, deliveryWaitMs: 0 },
      });
      offered += result.client.offered;
      acknowledged += result.client.ok;
      for (const [status, n] of Object.entries(result.client.status)) statuses[status] = (statuses[status] ?? 0) + n;
      const last = samples[samples.length - 1];
      log(
        `  ${round((Date.now() - started) / 60_000, 1)} min: RSS ${last?.rss ?? "?"} MB; step ${step}: ${result.client.ok}/${result.client.offered} acknowledged, ` +
          `p99 ${result.client.latency.p99} ms, e2e p99 ${result.delivery?.latency.p99 ?? "?"} ms`,
      );
    }
    clearInterval(sampler);
    const ledger = await load.call<{ balance: LedgerBalance }>("ledger.balance", { timeoutMs: 120_000 });
    const b = ledger.balance;
    const early = mean(samples.filter((s) => s.at >= 60 && s.at < 120).map((s) => s.rss));
    const late = mean(samples.filter((s) => s.at >= minutes * 60 - 60).map((s) => s.rss));
    const growth = round(((late - early) / early) * 100, 1);
    log(
      `\nRSS: ${round(early, 1)} MB in minute 2, ${round(late, 1)} MB in the last minute: ${growth} % growth; peak ${Math.max(...samples.map((s) => s.rss))} MB`,
    );
    log(
      `ledger: ${b.acknowledged} acknowledged = ${b.delivered} delivered + ${b.filtered} filtered + ${b.missing} lost; ${b.duplicates} duplicates ` +
        `(${offered} offered, ${acknowledged} acknowledged, answers ${JSON.stringify(statuses)})`,
    );
    if (b.missing > 0 || b.filteredArrivals > 0) exitCode = 1;
    const row: TargetResult = {
      id: "P6.soak",
      what: `RSS growth over a ${minutes}-minute soak at ${rate}/s (embedded flow)`,
      ratio: Number.isFinite(growth) ? growth : null,
      goal: 10,
      direction: "≤",
      unit: "%",
      spread: null,
      rounds: 1,
      perRound: [growth],
      measured: `${round(early, 1)} → ${round(late, 1)} MB (minute 2 → last minute), peak ${Math.max(...samples.map((s) => s.rss))} MB; ${acknowledged}/${offered} acknowledged; ${b.missing} lost`,
      pass: Number.isFinite(growth) ? growth < 10 : null,
      mode: "soak",
      measuredAt: new Date().toISOString(),
    };
    const file = join(ROOT, "bench/results.json");
    let existing: { targets: TargetResult[]; env: Record<string, unknown>; [key: string]: unknown } = {
      targets: [],
      env: { node: process.version },
    };
    try {
      existing = JSON.parse(readFileSync(file, "utf8")) as typeof existing;
    } catch {
      // no earlier results
    }
    const at = existing.targets.findIndex((t) => t.id === "P6.soak");
    const targets = at >= 0 ? existing.targets.map((t, i) => (i === at ? row : t)) : [...existing.targets, row];
    writeResults(file, { ...existing, targets, soak: { samples, minutes, rate, ledger: b } });
    log(`\n${markdownTable([row])}\n\nmerged into bench/results.json`);
  } finally {
    await server.stop("SIGTERM");
    load.stop();
  }
  return exitCode;
}
