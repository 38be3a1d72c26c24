/**
 * `npm run bench` — baselines B1–B5 and the system runs P1–P6 of docs/performance.md (the targets live in
 * /work/shared/reference/performance.md), alternating A/B rounds, open-loop, with a ledger that must balance.
 *
 *   npm run bench                      full run (≥ 3 rounds; ~20 min), writes bench/results.json
 *   npm run bench -- --quick           CI smoke (≤ 3 min, 3 rounds); asserts nothing about speed, fails on a lost event
 *   npm run bench -- --soak            RSS over a 10-minute soak (P6 growth); --soak-minutes N, --soak-rate R
 *   npm run bench -- --console         console performance in Chromium (P7, P8), production build
 *   options: --rounds N  --log-level L  --write-docs (update the table in docs/performance.md)  --only B,P1,P2,P3,P4,P5,P6
 *            --console-seed N  --console-seconds S (console run)
 *
 * Exit code: 1 when the ledger does not balance (an acknowledged event never reached the sink) or a run crashed.
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { freePort } from "../tests/helpers/server.ts";
import { sleep } from "./lib/clock.ts";
import type { LatencySummary } from "./lib/histogram.ts";
import type { LedgerBalance } from "./lib/ledger.ts";
import {
  searchRate,
  step,
  type BenchConfig,
  type BenchContext,
  type SearchResult,
  type StepOutcome,
  type StepTarget,
} from "./lib/measure.ts";
import { Agent, choosePinning, ROOT, rssMb } from "./lib/processes.ts";
import {
  fromRounds,
  markdownTable,
  median,
  mergeWithPrevious,
  notMeasured,
  round,
  writeResults,
  type TargetResult,
} from "./lib/report.ts";
import {
  applyManifests,
  conditions,
  flowManifests,
  setSensorPaused,
  startSignalbox,
  type FlowSpec,
  type SignalboxServer,
} from "./lib/signalbox.ts";
import { updateDocs } from "./lib/docs.ts";
import type * as Services from "../scripts/services/index.mjs";

type Bus = "embedded" | "jetstream" | "kafka";
type ServicesApi = typeof Services;

interface Args {
  mode: "full" | "quick" | "soak" | "console";
  rounds?: number;
  logLevel?: string;
  writeDocs: boolean;
  only?: Set<string>;
  soakMinutes: number;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { mode: "full", writeDocs: false, soakMinutes: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--quick") args.mode = "quick";
    else if (a === "--soak") args.mode = "soak";
    else if (a === "--console") args.mode = "console";
    else if (a === "--rounds") args.rounds = Number(argv[++i]);
    else if (a === "--log-level") args.logLevel = argv[++i] ?? "info";
    else if (a === "--write-docs") args.writeDocs = true;
    else if (a === "--only") args.only = new Set((argv[++i] ?? "").split(",").map((s) => s.trim().toUpperCase()));
    else if (a === "--soak-minutes") args.soakMinutes = Number(argv[++i]);
    else if (a === "--console-seed" || a === "--console-seconds" || a === "--soak-rate")
      i++; // read by bench/console/run.ts and bench/soak.ts
    else if (a === "-h" || a === "--help") {
      console.log(readFileSync(import.meta.filename, "utf8").split("*/")[0]);
      process.exit(0);
    } else {
      console.error(`unknown argument ${a}`);
      process.exit(2);
    }
  }
  return args;
}

function config(args: Args): BenchConfig {
  const quick = args.mode === "quick";
  return {
    mode: args.mode === "console" ? "full" : args.mode,
    rounds: args.rounds ?? 3,
    stepMs: quick ? 500 : 3000,
    warmupMs: quick ? 400 : 2000,
    connections: 64,
    ingestP99Ms: 50,
    e2eP99Ms: 100,
    p3Rate: 1000,
    p3DurationMs: quick ? 1000 : 60_000,
    deliveryWaitMs: quick ? 1000 : 5000,
    catchUpMs: quick ? 30_000 : 120_000,
    quiesceMaxMs: quick ? 600 : 10_000,
    b3Ms: quick ? 500 : 5000,
    b4Ms: quick ? 300 : 4000,
    firstFactor: quick ? 2 : 1.5,
    refineFactor: quick ? 1.3 : 1.15,
    maxStepsFirst: quick ? 2 : 10,
    maxStepsRefine: quick ? 2 : 6,
    maxHalvings: quick ? 0 : 3,
    filterEvery: 20,
    overloadFactor: 2,
    overloadConnections: 512,
    overloadMs: quick ? 1000 : 10_000,
    rssLoadRate: 5000,
    rssLoadMs: quick ? 1000 : 20_000,
    logLevel: args.logLevel ?? "info",
  };
}

/** Versions and machine, for results.json and the docs. */
function environment(pinningDescription: string): Record<string, unknown> {
  const version = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: "utf8" }).trim();
    } catch {
      return "absent";
    }
  };
  const pkg = (name: string) => {
    try {
      return (JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string })
        .version;
    } catch {
      return "absent";
    }
  };
  const cpu = cpus();
  return {
    node: process.version,
    natsServer: version("nats-server", ["--version"]).replace(/^nats-server:\s*/, ""),
    betterSqlite3: pkg("better-sqlite3"),
    cpu: `${cpu[0]?.model ?? "?"} × ${cpu.length}`,
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    kernel: version("uname", ["-sr"]),
    kafkajs: pkg("kafkajs"),
    natsJs: pkg("@nats-io/jetstream"),
    pinning: pinningDescription,
    loadAverageAtStart: loadavg().map((v) => round(v, 2)),
  };
}

// ---------------------------------------------------------------------------------------------------------------

interface Flow extends FlowSpec {
  available: boolean;
  why?: string;
}

interface RoundData {
  B1?: SearchResult;
  B2?: SearchResult;
  B3?: { pipelined: number; sequential: number };
  B4?: { autocommit: number; batched: number };
  B5?: SearchResult;
  P1: Partial<Record<Bus, SearchResult>>;
  P3: Partial<Record<Bus, StepOutcome>>;
  P4: Partial<Record<Bus, SearchResult>>;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if (args.mode === "console") {
    const { runConsoleBench } = await import("./console/run.ts");
    return runConsoleBench({ writeDocs: args.writeDocs });
  }
  if (args.mode === "soak") {
    const { runSoak } = await import("./soak.ts");
    return runSoak();
  }
  const cfg = config(args);
  const want = (group: string) => !args.only || args.only.has(group);
  const pinning = choosePinning();
  const started = Date.now();
  const log = (line: string) => console.log(line);
  log(
    `signalbox bench (${cfg.mode}): ${cfg.rounds} alternating rounds (baselines A, system B), open-loop, ${cfg.connections} connections, 1 KiB JSON`,
  );
  log(`cores: ${pinning.description}`);
  const env = environment(pinning.description);
  log(
    `node ${String(env.node)}, nats-server ${String(env.natsServer)}, better-sqlite3 ${String(env.betterSqlite3)}, ${String(env.cpu)}, load average ${(env.loadAverageAtStart as number[]).join(" ")}`,
  );

  // Services: NATS always (P2/P3/P4 on JetStream); Kafka only when the build wires it.
  const services = await import("../scripts/services/index.mjs");
  let natsUrl: string | undefined;
  try {
    natsUrl = (await services.up(["nats"])).nats.url;
  } catch (error) {
    log(
      `nats-server could not be started: ${(error as Error).message.split("\n")[0]} — JetStream runs are not measured`,
    );
  }

  const runId = randomBytes(3).toString("hex");
  const load = await Agent.start("load agent", pinning.loadCore);
  const core0 = await Agent.start("server-core agent", pinning.serverCore);
  const cleanups: (() => Promise<void>)[] = [];
  let server: SignalboxServer | undefined;
  let exitCode = 0;
  try {
    const { port: sinkPort } = await load.call<{ port: number }>("sink.start");
    server = await startSignalbox({
      core: pinning.serverCore,
      logLevel: cfg.logLevel,
      env: natsUrl ? { SIGNALBOX_NATS_URL: natsUrl } : {},
    });
    const sb = server;
    log(
      `signalbox serve pid ${sb.pid} (log ${sb.logFile}); load agent pid ${load.pid}, server-core agent pid ${core0.pid}`,
    );
    await sleep(1000);
    const rssAtStart = rssMb(sb.pid) ?? 0;

    // Flows, one namespace per bus.
    const flows: Partial<Record<Bus, Flow>> = {};
    for (const bus of ["embedded", "jetstream", "kafka"] as const) {
      const namespace = `bench-${bus.slice(0, 3)}-${runId}`;
      const flow: Flow = { namespace, bus, webhookPort: await freePort(), sinkPort, available: true };
      flows[bus] = flow;
      if (bus === "jetstream" && !natsUrl) {
        Object.assign(flow, { available: false, why: "nats-server not available" });
        continue;
      }
      if (bus === "kafka") {
        const why = await kafkaWiring(sb, services, flow);
        if (why) {
          Object.assign(flow, { available: false, why });
          log(`kafka: ${why}`);
          continue;
        }
      }
      try {
        await applyManifests(sb, flowManifests(flow));
        await waitDeployed(sb, flow);
      } catch (error) {
        Object.assign(flow, {
          available: false,
          why: `flow could not be applied: ${(error as Error).message.slice(0, 300)}`,
        });
        log(`${bus}: ${flow.why}`);
      }
    }
    cleanups.push(() => dropBusData(natsUrl, runId));
    const live = (["embedded", "jetstream", "kafka"] as const).filter((bus) => flows[bus]?.available);
    log(
      `flows: ${live.map((bus) => `${bus} (ns ${flows[bus]?.namespace}, webhook :${flows[bus]?.webhookPort})`).join(", ")}`,
    );

    let prefixes = 0;
    const ctx: BenchContext = {
      cfg,
      pinning,
      load,
      core0,
      server: sb,
      sinkPort,
      log,
      nextPrefix: (label) => `${label}-${runId}-${++prefixes}`,
    };
    const flowTarget = (bus: Bus, expectsDelivery: boolean, label: string): Extract<StepTarget, { kind: "flow" }> => ({
      kind: "flow",
      label,
      port: flows[bus]?.webhookPort ?? 0,
      expectsDelivery,
    });
    /** Wait for the backlog of these steps; the balances and latencies after it. */
    const catchUp = async (prefixesToWait: string[]) => {
      if (prefixesToWait.length === 0) return [];
      const { waitedMs, balances } = await load.call<{
        waitedMs: number;
        balances: { prefix: string; balance: LedgerBalance; latency: LatencySummary }[];
      }>("ledger.wait", {
        prefixes: prefixesToWait,
        timeoutMs: cfg.catchUpMs,
      });
      if (waitedMs > 500) log(`    (backlog delivered in ${waitedMs} ms)`);
      return balances;
    };
    /** A step's delivery figures as they stand after its backlog was delivered (or the catch-up gave up). */
    const settle = async (outcome: StepOutcome) => {
      if (!outcome.prefix || !outcome.delivery) return;
      const [after] = await catchUp([outcome.prefix]);
      if (after)
        outcome.delivery = {
          ...outcome.delivery,
          pendingAtCutoff: outcome.delivery.balance.missing,
          balance: after.balance,
          latency: after.latency,
        };
    };

    // Warm-up: JIT, connections, and a check that every flow delivers at all.
    const b1 = await core0.call<{ port: number }>("server.start", { kind: "B1" });
    const b2 = await core0.call<{ port: number }>("server.start", { kind: "B2" });
    log("warm-up");
    await step(
      ctx,
      { kind: "baseline", label: "warm-B1", port: b1.port, method: "GET" },
      { rate: 1000, durationMs: cfg.warmupMs },
    );
    await step(
      ctx,
      { kind: "baseline", label: "warm-B2", port: b2.port, method: "POST" },
      { rate: 1000, durationMs: cfg.warmupMs },
    );
    for (const bus of live) {
      const warm = await step(
        ctx,
        { ...flowTarget(bus, true, `warm-${bus.slice(0, 3)}`), e2eBound: false },
        { rate: 300, durationMs: cfg.warmupMs },
      );
      await settle(warm);
      if ((warm.delivery?.balance.delivered ?? 0) === 0)
        throw new Error(`${bus} flow delivered nothing during the warm-up: ${warm.reason}; see ${sb.logFile}`);
    }
    await sleep(1000);
    const rssIdle = rssMb(sb.pid) ?? 0;
    log(`RSS: ${rssAtStart} MB after start, ${rssIdle} MB idle with ${live.length} flows applied and warmed up`);

    const rounds: RoundData[] = [];
    const prev = (pick: (r: RoundData) => SearchResult | undefined) => {
      const last = rounds
        .map(pick)
        .filter((r): r is SearchResult => r !== undefined && r.best > 0)
        .pop();
      return last?.best;
    };
    const search = (
      target: StepTarget,
      from: { start: number; previous: number | undefined; afterFailure?: (o: StepOutcome) => Promise<void> },
    ) => {
      const extra = from.afterFailure ? { afterFailure: from.afterFailure } : {};
      return from.previous === undefined
        ? searchRate(ctx, target, { start: from.start, factor: cfg.firstFactor, maxSteps: cfg.maxStepsFirst, ...extra })
        : searchRate(ctx, target, {
            start: Math.round(from.previous * 0.8),
            factor: cfg.refineFactor,
            maxSteps: cfg.maxStepsRefine,
            ...extra,
          });
    };

    for (let r = 1; r <= cfg.rounds; r++) {
      const data: RoundData = { P1: {}, P3: {}, P4: {} };
      log(`\nround ${r}/${cfg.rounds} — A: baselines`);
      if (want("B")) {
        data.B1 = await search(
          { kind: "baseline", label: "B1", port: b1.port, method: "GET" },
          { start: 2000, previous: prev((x) => x.B1) },
        );
        data.B2 = await search(
          { kind: "baseline", label: "B2", port: b2.port, method: "POST" },
          { start: 2000, previous: prev((x) => x.B2) },
        );
        if (natsUrl) {
          data.B3 = await core0.call<{ pipelined: number; sequential: number }>("b3", {
            url: natsUrl,
            durationMs: cfg.b3Ms,
          });
          log(
            `    B3         JetStream publish: ${data.B3.pipelined}/s pipelined (1,024 in flight), ${data.B3.sequential}/s awaited one by one`,
          );
        }
        data.B4 = await core0.call<{ autocommit: number; batched: number }>("b4", { durationMs: cfg.b4Ms });
        log(
          `    B4         better-sqlite3 inserts: ${data.B4.autocommit}/s autocommit, ${data.B4.batched}/s 256 per transaction`,
        );
        data.B5 = await search({ kind: "b5", label: "B5" }, { start: 2000, previous: prev((x) => x.B5) });
      }
      log(`round ${r}/${cfg.rounds} — B: system`);
      for (const bus of live) {
        const flow = flows[bus];
        if (!flow) continue;
        if (want("P1") || want("P2")) {
          // Ingest only: the sensor is paused (its bus position kept), so the figure is the intake path alone;
          // afterwards it is resumed and every acknowledged event must still reach the sink (ledger).
          await setSensorPaused(sb, { namespace: flow.namespace, name: "bench", paused: true });
          const label = bus === "embedded" ? "P1" : bus === "jetstream" ? "P2" : "P1-kafka";
          data.P1[bus] = await search(flowTarget(bus, false, label), { start: 1000, previous: prev((x) => x.P1[bus]) });
          await setSensorPaused(sb, { namespace: flow.namespace, name: "bench", paused: false });
          const ingestPrefixes = (data.P1[bus]?.steps ?? [])
            .map((s) => s.prefix)
            .filter((p): p is string => p !== undefined);
          await load.call("ledger.expect", { prefixes: ingestPrefixes });
          await catchUp(ingestPrefixes);
        }
        if (want("P3")) {
          const p3 = await step(
            ctx,
            { ...flowTarget(bus, true, `P3-${bus.slice(0, 3)}`), e2eBound: false },
            { rate: cfg.p3Rate, durationMs: cfg.p3DurationMs },
          );
          data.P3[bus] = p3;
          await settle(p3);
          log(
            `    P3-${bus.slice(0, 3)}     ${cfg.p3Rate}/s for ${cfg.p3DurationMs / 1000} s: end-to-end p50 ${p3.delivery?.latency.p50} p99 ${p3.delivery?.latency.p99} max ${p3.delivery?.latency.max} ms, ` +
              `ingest p99 ${p3.client.latency.p99} ms, ${p3.delivery?.balance.delivered}/${p3.delivery?.balance.acknowledged} delivered (${p3.delivery?.balance.filtered} filtered), ${p3.cpuUsPerEvent} CPU-µs/event`,
          );
        }
        if (want("P4")) {
          const label = `P4-${bus.slice(0, 3)}`;
          data.P4[bus] = await search(flowTarget(bus, true, label), {
            start: 500,
            previous: prev((x) => x.P4[bus]),
            afterFailure: (o) => settle(o),
          });
        }
      }
      rounds.push(data);
    }

    // P5: overload at 2× the sustainable ingest rate, many senders; P6: RSS under 5k events/s.
    const extra: { p5?: StepOutcome; p5Rate?: number; p6?: StepOutcome } = {};
    if (want("P5") && flows.embedded?.available) {
      const sustainable = median(rounds.map((x) => x.P1.embedded?.best ?? 0).filter((v) => v > 0));
      const rate = Math.round((Number.isFinite(sustainable) ? sustainable : 2000) * cfg.overloadFactor);
      log(
        `\nP5: overload, ${rate}/s (${cfg.overloadFactor}× the sustainable ingest rate) from ${cfg.overloadConnections} connections for ${cfg.overloadMs / 1000} s, sensor running`,
      );
      extra.p5Rate = rate;
      extra.p5 = await step(
        ctx,
        { ...flowTarget("embedded", true, "P5"), e2eBound: false },
        { rate, durationMs: cfg.overloadMs, connections: cfg.overloadConnections, timeoutMs: 30_000 },
      );
      await settle(extra.p5);
      log(
        `    answers ${JSON.stringify(extra.p5.client.status)}, ${extra.p5.client.shedWithoutRetryAfter} shed without Retry-After, ${extra.p5.client.errors} errors, ${extra.p5.client.timeouts} timeouts, ` +
          `${extra.p5.client.unfinished} unanswered; 2xx p99 ${extra.p5.client.latencyOk.p99} ms; RSS peak ${extra.p5.rssPeakMb} MB; ${extra.p5.delivery?.balance.missing ?? 0} acknowledged but never delivered`,
      );
    }
    if (want("P6") && flows.embedded?.available) {
      log(`\nP6: RSS at ${cfg.rssLoadRate} events/s for ${cfg.rssLoadMs / 1000} s (embedded flow, sensor running)`);
      extra.p6 = await step(
        ctx,
        { ...flowTarget("embedded", true, "P6"), e2eBound: false },
        { rate: cfg.rssLoadRate, durationMs: cfg.rssLoadMs, connections: cfg.connections, timeoutMs: 30_000 },
      );
      await settle(extra.p6);
      log(
        `    RSS peak ${extra.p6.rssPeakMb} MB; ${extra.p6.pass ? "sustained" : `not sustained: ${extra.p6.reason}`}`,
      );
    }

    // The ledger of the whole run: every acknowledged event that passes the filter must have reached the sink.
    const ledger = await load.call<{
      balance: LedgerBalance;
      incomplete: { prefix: string; missing: number }[];
      foreign: number;
    }>("ledger.balance", { timeoutMs: cfg.catchUpMs });
    const b = ledger.balance;
    const lost = b.missing + b.filteredArrivals;
    log(
      `\nledger: ${b.acknowledged} acknowledged = ${b.delivered} delivered + ${b.filtered} filtered + ${b.missing} lost; ` +
        `${b.duplicates} duplicates, ${b.unacknowledgedArrivals} delivered without a 2xx, ${b.filteredArrivals} delivered although filtered — ${lost === 0 ? "balanced" : "NOT BALANCED"}`,
    );
    if (lost > 0) {
      exitCode = 1;
      log(`  incomplete steps: ${ledger.incomplete.map((s) => `${s.prefix} (${s.missing})`).join(", ")}`);
    }

    const targets = buildTargets({ cfg, rounds, flows, rssIdle, extra });
    const envOut = {
      ...env,
      loadAverageAtEnd: loadavg().map((v) => round(v, 2)),
      minutes: round((Date.now() - started) / 60_000, 2),
    };
    const file = join(ROOT, "bench/results.json");
    const merged = mergeWithPrevious(
      file,
      targets.map((t) => ({ ...t, mode: cfg.mode, measuredAt: new Date().toISOString() })),
    );
    writeResults(file, {
      targets: merged,
      env: envOut,
      mode: cfg.mode,
      ledger: b,
      baselines: baselineSummary(rounds),
      rounds: rounds.map(roundSummary),
    });
    log(`\n${markdownTable(merged)}`);
    log(`\nbaselines (median of ${rounds.length}): ${JSON.stringify(baselineSummary(rounds))}`);
    log(
      `machine: ${String(env.cpu)}, load average ${(env.loadAverageAtStart as number[]).join(" ")} at start, ${envOut.loadAverageAtEnd.join(" ")} at end; ${pinning.description}`,
    );
    log(`wrote bench/results.json (${envOut.minutes} min)`);
    if (args.writeDocs) {
      updateDocs({ table: markdownTable(merged), env: envOut, mode: cfg.mode });
      log("updated docs/performance.md");
    }
  } catch (error) {
    exitCode = 1;
    console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    await server?.stop("SIGTERM");
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
    load.stop();
    core0.stop();
  }
  return exitCode;
}

/** Why the kafka flow cannot run (undefined: it can, and the brokers are up). */
async function kafkaWiring(server: SignalboxServer, services: ServicesApi, flow: Flow): Promise<string | undefined> {
  // Ask the build first with an unreachable broker: an unwired build says so in the EventBus status.
  const probe = { ...flow, namespace: `${flow.namespace}-probe`, kafkaBrokers: "127.0.0.1:1" };
  try {
    await applyManifests(server, flowManifests(probe).split("---")[0] ?? "");
  } catch (error) {
    return `not measured: kafka bus not wired (apply refused: ${(error as Error).message.slice(0, 200)})`;
  }
  await sleep(500);
  const status = await conditions(server, { namespace: probe.namespace, plural: "eventbuses", name: "default" });
  const deployed = status.find((c) => c.type === "Deployed");
  if (deployed?.message && /not wired|unsupported/i.test(deployed.message))
    return `not measured: kafka bus not wired (${deployed.message})`;
  try {
    flow.kafkaBrokers = (await services.up(["kafka"])).kafka.url;
  } catch (error) {
    return `not measured: Kafka could not be started (${(error as Error).message.split("\n")[0]})`;
  }
  return undefined;
}

async function waitDeployed(server: SignalboxServer, flow: Flow): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const es = await conditions(server, { namespace: flow.namespace, plural: "eventsources", name: "bench" });
    const sensor = await conditions(server, { namespace: flow.namespace, plural: "sensors", name: "bench" });
    const deployed = (list: typeof es) => list.find((c) => c.type === "Deployed");
    const failed = [deployed(es), deployed(sensor)].find((c) => c?.status === "False");
    if (failed) throw new Error(`${flow.bus} flow not deployed: ${failed.reason ?? ""} ${failed.message ?? ""}`);
    if (deployed(es)?.status === "True" && deployed(sensor)?.status === "True") return;
    if (Date.now() > deadline) throw new Error(`${flow.bus} flow not deployed after 30 s`);
    await sleep(200);
  }
}

/** Delete the JetStream streams and KV buckets of this run's namespaces from the shared nats-server. */
async function dropBusData(natsUrl: string | undefined, runId: string): Promise<void> {
  if (!natsUrl) return;
  const { connect } = await import("@nats-io/transport-node");
  const { jetstreamManager } = await import("@nats-io/jetstream");
  const nc = await connect({ servers: natsUrl, name: "signalbox bench cleanup" });
  try {
    const jsm = await jetstreamManager(nc);
    for await (const name of jsm.streams.names())
      if (name.includes(runId)) await jsm.streams.delete(name).catch(() => undefined);
  } finally {
    await nc.close();
  }
}

// ---------------------------------------------------------------------------------------------------------------

const BUS_IDS: Record<Bus, string> = { embedded: "embedded", jetstream: "JetStream", kafka: "Kafka" };

function perRound<T>(rounds: RoundData[], pick: (r: RoundData) => T | undefined): T[] {
  return rounds.map(pick).filter((v): v is T => v !== undefined);
}

function ratios(
  rounds: RoundData[],
  top: (r: RoundData) => number | undefined,
  bottom: (r: RoundData) => number | undefined,
): number[] {
  return rounds.map((r) => {
    const a = top(r);
    const b = bottom(r);
    return a !== undefined && b !== undefined && b > 0 ? a / b : Number.NaN;
  });
}

const med = (values: number[]) => {
  const v = values.filter((x) => Number.isFinite(x) && x > 0);
  return v.length > 0 ? Math.round(median(v)) : 0;
};

function baselineSummary(rounds: RoundData[]): Record<string, number> {
  return {
    B1: med(perRound(rounds, (r) => r.B1?.best)),
    B2: med(perRound(rounds, (r) => r.B2?.best)),
    B3pipelined: med(perRound(rounds, (r) => r.B3?.pipelined)),
    B3sequential: med(perRound(rounds, (r) => r.B3?.sequential)),
    B4autocommit: med(perRound(rounds, (r) => r.B4?.autocommit)),
    B4batched256: med(perRound(rounds, (r) => r.B4?.batched)),
    B5: med(perRound(rounds, (r) => r.B5?.best)),
  };
}

function roundSummary(r: RoundData): Record<string, unknown> {
  const best = (s: SearchResult | undefined) =>
    s
      ? { best: s.best, clientBound: s.clientBound, cpuUsPerEvent: s.at?.cpuUsPerEvent, p99: s.at?.client.latency.p99 }
      : undefined;
  return {
    B1: best(r.B1),
    B2: best(r.B2),
    B3: r.B3,
    B4: r.B4,
    B5: best(r.B5),
    P1: Object.fromEntries(Object.entries(r.P1).map(([k, v]) => [k, best(v)])),
    P3: Object.fromEntries(
      Object.entries(r.P3).map(([k, v]) => [
        k,
        {
          e2e: v.delivery?.latency,
          ingest: v.client.latency,
          balance: v.delivery?.balance,
          cpuUsPerEvent: v.cpuUsPerEvent,
        },
      ]),
    ),
    P4: Object.fromEntries(
      Object.entries(r.P4).map(([k, v]) => [k, { ...best(v), e2eP99: v.at?.delivery?.latency.p99 }]),
    ),
  };
}

function buildTargets(input: {
  cfg: BenchConfig;
  rounds: RoundData[];
  flows: Partial<Record<Bus, Flow>>;
  rssIdle: number;
  extra: { p5?: StepOutcome; p5Rate?: number; p6?: StepOutcome };
}): TargetResult[] {
  const { rounds, flows, cfg } = input;
  const out: TargetResult[] = [];
  const base = baselineSummary(rounds);
  const cpuOf = (pick: (r: RoundData) => SearchResult | undefined) =>
    med(perRound(rounds, (r) => pick(r)?.at?.cpuUsPerEvent));
  const skipped = (bus: Bus) => flows[bus]?.why ?? "not measured";

  // P1, P2: ingest.
  if (flows.embedded?.available && rounds.some((r) => r.P1.embedded)) {
    const rate = med(perRound(rounds, (r) => r.P1.embedded?.best));
    out.push(
      fromRounds({
        id: "P1",
        what: "webhook ingest, embedded bus, 2xx after commit ÷ B2",
        perRound: ratios(
          rounds,
          (r) => r.P1.embedded?.best,
          (r) => r.B2?.best,
        ),
        goal: 0.5,
        direction: "≥",
        unit: "ratio",
        measured: `${rate}/s vs B2 ${base.B2}/s (expect ≥ 10,000/s); ${cpuOf((r) => r.P1.embedded)} CPU-µs/event`,
      }),
    );
  } else
    out.push(
      notMeasured({
        id: "P1",
        what: "webhook ingest, embedded bus ÷ B2",
        goal: 0.5,
        direction: "≥",
        unit: "ratio",
        note: skipped("embedded"),
      }),
    );
  if (flows.jetstream?.available && rounds.some((r) => r.P1.jetstream)) {
    const rate = med(perRound(rounds, (r) => r.P1.jetstream?.best));
    const measured = `${rate}/s; B2 ${base.B2}/s, B3 ${base.B3pipelined}/s pipelined (${base.B3sequential}/s awaited one by one); ${cpuOf((r) => r.P1.jetstream)} CPU-µs/event`;
    out.push(
      fromRounds({
        id: "P2",
        what: "webhook ingest, JetStream, 2xx after PubAck ÷ B2",
        perRound: ratios(
          rounds,
          (r) => r.P1.jetstream?.best,
          (r) => r.B2?.best,
        ),
        goal: 0.35,
        direction: "≥",
        unit: "ratio",
        measured,
      }),
    );
    out.push(
      fromRounds({
        id: "P2.B3",
        what: "webhook ingest, JetStream ÷ B3 (pipelined)",
        perRound: ratios(
          rounds,
          (r) => r.P1.jetstream?.best,
          (r) => r.B3?.pipelined,
        ),
        goal: 0.5,
        direction: "≥",
        unit: "ratio",
        measured,
      }),
    );
  } else {
    out.push(
      notMeasured({
        id: "P2",
        what: "webhook ingest, JetStream ÷ B2",
        goal: 0.35,
        direction: "≥",
        unit: "ratio",
        note: skipped("jetstream"),
      }),
    );
    out.push(
      notMeasured({
        id: "P2.B3",
        what: "webhook ingest, JetStream ÷ B3",
        goal: 0.5,
        direction: "≥",
        unit: "ratio",
        note: skipped("jetstream"),
      }),
    );
  }
  if (flows.kafka?.available && rounds.some((r) => r.P1.kafka)) {
    out.push(
      fromRounds({
        id: "P2.kafka",
        what: "webhook ingest, Kafka bus ÷ B2 (no target; reported)",
        perRound: ratios(
          rounds,
          (r) => r.P1.kafka?.best,
          (r) => r.B2?.best,
        ),
        goal: 0,
        direction: "≥",
        unit: "ratio",
        measured: `${med(perRound(rounds, (r) => r.P1.kafka?.best))}/s`,
      }),
    );
  } else
    out.push(
      notMeasured({
        id: "P2.kafka",
        what: "webhook ingest, Kafka bus",
        goal: null,
        direction: "≥",
        unit: "ratio",
        note: skipped("kafka"),
      }),
    );

  // P3: latency at 1,000/s.
  const p3Goals: Record<Bus, { p50: number; p99: number } | undefined> = {
    embedded: { p50: 5, p99: 25 },
    jetstream: { p50: 8, p99: 40 },
    kafka: undefined,
  };
  for (const bus of ["embedded", "jetstream", "kafka"] as const) {
    const id = `P3.${bus === "jetstream" ? "js" : bus === "embedded" ? "emb" : "kafka"}`;
    const goals = p3Goals[bus];
    const what = `end-to-end webhook → sensor → HTTP trigger at ${cfg.p3Rate}/s for ${cfg.p3DurationMs / 1000} s, ${BUS_IDS[bus]}`;
    if (!flows[bus]?.available || !rounds.some((r) => r.P3[bus])) {
      for (const q of ["p50", "p99", "lost"])
        out.push(
          notMeasured({
            id: `${id}.${q}`,
            what: `${what}: ${q}`,
            goal: q === "lost" ? 0 : (goals?.[q as "p50" | "p99"] ?? null),
            direction: "≤",
            unit: q === "lost" ? "events" : "ms",
            note: skipped(bus),
          }),
        );
      continue;
    }
    const p3 = perRound(rounds, (r) => r.P3[bus]);
    const cpu = med(p3.map((o) => o.cpuUsPerEvent ?? 0));
    for (const q of ["p50", "p99"] as const) {
      const values = p3.map((o) => o.delivery?.latency[q] ?? Number.NaN);
      out.push(
        fromRounds({
          id: `${id}.${q}`,
          what: `${what}: ${q}`,
          perRound: values,
          goal: goals?.[q] ?? Number.POSITIVE_INFINITY,
          direction: "≤",
          unit: "ms",
          measured:
            q === "p99"
              ? `max ${Math.max(...p3.map((o) => o.delivery?.latency.max ?? 0))} ms; ${cpu} CPU-µs/event`
              : `ingest p50 ${round(median(p3.map((o) => o.client.latency.p50)), 2)} ms`,
          ...(goals ? {} : { note: "no target for Kafka; reported" }),
        }),
      );
    }
    const lost = p3.map((o) => o.delivery?.balance.missing ?? Number.NaN);
    const delivered = p3.reduce((s, o) => s + (o.delivery?.balance.delivered ?? 0), 0);
    const filtered = p3.reduce((s, o) => s + (o.delivery?.balance.filtered ?? 0), 0);
    const nonOk = p3.reduce((s, o) => s + (o.client.offered - o.client.ok), 0);
    out.push(
      fromRounds({
        id: `${id}.lost`,
        what: `${what}: acknowledged but not at the sink`,
        perRound: lost,
        goal: 0,
        direction: "≤",
        unit: "events",
        digits: 0,
        measured: `${delivered} delivered, ${filtered} filtered, ${nonOk} not acknowledged (over all rounds)`,
      }),
    );
  }

  // P4: sensor + trigger throughput.
  for (const bus of ["embedded", "jetstream", "kafka"] as const) {
    const id = `P4.${bus === "jetstream" ? "js" : bus === "embedded" ? "emb" : "kafka"}`;
    const what = `sensor + HTTP trigger throughput (whole pipeline, e2e p99 ≤ ${cfg.e2eP99Ms} ms, no backlog), ${BUS_IDS[bus]} ÷ B5`;
    if (!flows[bus]?.available || !rounds.some((r) => r.P4[bus])) {
      out.push(notMeasured({ id, what, goal: 0.4, direction: "≥", unit: "ratio", note: skipped(bus) }));
      continue;
    }
    const rate = med(perRound(rounds, (r) => r.P4[bus]?.best));
    const ingest = med(perRound(rounds, (r) => r.P1[bus]?.best));
    out.push(
      fromRounds({
        id,
        what,
        perRound: ratios(
          rounds,
          (r) => r.P4[bus]?.best,
          (r) => r.B5?.best,
        ),
        goal: 0.4,
        direction: "≥",
        unit: "ratio",
        measured: `${rate}/s vs B5 ${base.B5}/s; ingest alone ${ingest}/s; ${cpuOf((r) => r.P4[bus])} CPU-µs/event`,
      }),
    );
  }

  // P5: overload.
  const p5 = input.extra.p5;
  if (p5) {
    const c = p5.client;
    const shed = Object.entries(c.status)
      .filter(([s]) => s === "429" || s === "503")
      .reduce((s, [, n]) => s + n, 0);
    const other = Object.entries(c.status)
      .filter(([s]) => !s.startsWith("2") && s !== "429" && s !== "503")
      .reduce((s, [, n]) => s + n, 0);
    const dropped = p5.delivery?.balance.missing ?? 0;
    const unclean = other + c.shedWithoutRetryAfter + c.errors + c.timeouts + dropped;
    const reasons: string[] = [];
    if (dropped > 0) reasons.push(`${dropped} 2xx-then-drop`);
    if (other + c.shedWithoutRetryAfter > 0)
      reasons.push(`${other} other errors, ${c.shedWithoutRetryAfter} shed without Retry-After`);
    if (c.errors + c.timeouts > 0) reasons.push(`${c.errors} connection errors, ${c.timeouts} timeouts`);
    if (shed === 0 && c.latencyOk.p99 > 1000)
      reasons.push(`nothing shed: requests queued instead (2xx p99 ${c.latencyOk.p99} ms)`);
    out.push({
      id: "P5",
      what: `overload at ${cfg.overloadFactor}× sustainable ingest (${input.extra.p5Rate}/s, ${cfg.overloadConnections} connections): clean 429/503 + Retry-After, never 2xx-then-drop`,
      ratio: unclean,
      goal: 0,
      direction: "≤",
      unit: "unclean answers",
      spread: null,
      rounds: 1,
      perRound: [unclean],
      measured: `${c.ok} 2xx (p99 ${c.latencyOk.p99} ms), ${shed} shed with Retry-After, ${dropped} 2xx-then-drop`,
      pass: reasons.length === 0,
      ...(reasons.length > 0 ? { note: reasons.join("; ") } : {}),
    });
    out.push({
      id: "P5.rss",
      what: "overload: server RSS peak (bounded)",
      ratio: p5.rssPeakMb ?? null,
      goal: 300,
      direction: "≤",
      unit: "MB",
      spread: null,
      rounds: 1,
      perRound: [p5.rssPeakMb ?? 0],
      measured: `peak during ${cfg.overloadMs / 1000} s of overload`,
      pass: (p5.rssPeakMb ?? 0) <= 300,
    });
  } else
    out.push(
      notMeasured({
        id: "P5",
        what: "overload at 2× sustainable ingest",
        goal: 0,
        direction: "≤",
        unit: "unclean answers",
        note: "not run",
      }),
    );

  // P6: memory.
  out.push({
    id: "P6.idle",
    what: "server RSS idle (flows applied, warmed up)",
    ratio: input.rssIdle,
    goal: 120,
    direction: "≤",
    unit: "MB",
    spread: null,
    rounds: 1,
    perRound: [input.rssIdle],
    measured: "after warm-up",
    pass: input.rssIdle <= 120,
  });
  const p6 = input.extra.p6;
  if (p6) {
    out.push({
      id: "P6.load",
      what: `server RSS at ${cfg.rssLoadRate} events/s (embedded flow, sensor running)`,
      ratio: p6.rssPeakMb ?? null,
      goal: 300,
      direction: "≤",
      unit: "MB",
      spread: null,
      rounds: 1,
      perRound: [p6.rssPeakMb ?? 0],
      measured: `peak over ${cfg.rssLoadMs / 1000} s; ${p6.pass ? "rate sustained" : `rate not sustained (${p6.reason.slice(0, 120)})`}`,
      pass: (p6.rssPeakMb ?? 0) <= 300,
    });
  } else
    out.push(
      notMeasured({
        id: "P6.load",
        what: `server RSS at ${cfg.rssLoadRate} events/s`,
        goal: 300,
        direction: "≤",
        unit: "MB",
        note: "not run",
      }),
    );
  out.push(
    notMeasured({
      id: "P6.soak",
      what: "RSS growth over a 10-minute soak",
      goal: 10,
      direction: "≤",
      unit: "%",
      note: "run npm run bench -- --soak",
    }),
  );
  out.push(
    notMeasured({
      id: "P7",
      what: "console live list at 1,000 events/s: long tasks > 50 ms",
      goal: 0,
      direction: "≤",
      unit: "long tasks",
      note: "run npm run bench -- --console",
    }),
  );
  out.push(
    notMeasured({
      id: "P8",
      what: "console flow graph 500 nodes / 700 edges: first render",
      goal: 500,
      direction: "≤",
      unit: "ms",
      note: "run npm run bench -- --console",
    }),
  );
  out.push(
    notMeasured({
      id: "P9",
      what: "10× Argo Events, same manifests/machine/bus",
      goal: 10,
      direction: "≥",
      unit: "×",
      note: "not measured here: needs Argo Events on Kubernetes on the same machine",
    }),
  );
  return out;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
