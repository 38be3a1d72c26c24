/**
 * Measurements: one open-loop step at a rate, and the search for the highest sustainable rate.
 *
 * A rate is *sustainable* when, over a step at that offered rate: every request got a 2xx (no errors, no
 * timeouts, nothing left unanswered), the p99 latency from the scheduled send time stays under its bound, and —
 * for flows with a sink — every acknowledged event that passes the filter reached the sink within the delivery wait
 * with an end-to-end p99 under its bound (a growing backlog fails this). Throughput is the highest such rate: an
 * open-loop figure, not a closed-loop peak.
 */
import type { LoadArgs, LoadResult } from "../agent.ts";
import { sleep } from "./clock.ts";
import type { LatencySummary } from "./histogram.ts";
import type { LedgerBalance } from "./ledger.ts";
import type { OpenLoopResult } from "./openLoop.ts";
import { cpuTimeUs, rssMb, type Agent, type Pinning } from "./processes.ts";
import type { SignalboxServer } from "./signalbox.ts";

/** Knobs of a run (quick, full, soak). */
export interface BenchConfig {
  mode: "full" | "quick" | "soak";
  rounds: number;
  /** Length of one open-loop step of a rate search. */
  stepMs: number;
  /** Keep-alive connections of every HTTP load (baselines and system alike). */
  connections: number;
  /** p99 bound of a request's answer (ingest, baselines). */
  ingestP99Ms: number;
  /** p99 bound of webhook → sink (P4's throughput criterion). */
  e2eP99Ms: number;
  p3Rate: number;
  p3DurationMs: number;
  /** How long a step waits for its acknowledged events to reach the sink. */
  deliveryWaitMs: number;
  /** How long to wait for a backlog (paused sensor, failed step) to drain. */
  catchUpMs: number;
  /** At most this long waiting for the server to go idle between steps. */
  quiesceMaxMs: number;
  b3Ms: number;
  b4Ms: number;
  /** Rate search: growth factor of the first round and of later rounds; steps per search. */
  firstFactor: number;
  refineFactor: number;
  maxStepsFirst: number;
  maxStepsRefine: number;
  /** A failing first step halves the rate, at most this often. */
  maxHalvings: number;
  warmupMs: number;
  /** Every n-th event is filtered out by the sensor. */
  filterEvery: number;
  /** P5: offered rate as a multiple of the sustainable ingest rate, and the connection count of the senders. */
  overloadFactor: number;
  overloadConnections: number;
  overloadMs: number;
  /** P6: the "under load" rate and duration. */
  rssLoadRate: number;
  rssLoadMs: number;
  logLevel: string;
}

/** Everything a measurement needs. */
export interface BenchContext {
  cfg: BenchConfig;
  pinning: Pinning;
  /** Load agent (load core): client, sink, ledger. */
  load: Agent;
  /** Server-core agent: baseline servers, B3/B4, B5's client. */
  core0: Agent;
  server: SignalboxServer;
  sinkPort: number;
  log: (line: string) => void;
  nextPrefix: (label: string) => string;
}

/** What one step did. */
export interface StepOutcome {
  label: string;
  rate: number;
  pass: boolean;
  reason: string;
  client: OpenLoopResult;
  /** After the step's delivery wait; `settle` updates it after the backlog drained (pending at cut-off kept). */
  delivery?: { balance: LedgerBalance; latency: LatencySummary; waitedMs: number; pendingAtCutoff?: number };
  prefix?: string;
  /** CPU time of the process under test per acknowledged event. */
  cpuUsPerEvent?: number;
  /** CPU share of the load generator during the step (1 = a whole core: the client may be the limit). */
  clientCpu?: number;
  rssPeakMb?: number;
}

/** What is measured in a step. */
export type StepTarget =
  | { kind: "baseline"; label: string; port: number; method: "GET" | "POST" }
  | { kind: "b5"; label: string }
  | { kind: "flow"; label: string; port: number; expectsDelivery: boolean; e2eBound?: boolean };

/** Wait until the server process uses little CPU (its history writer and sensors are done). */
export async function quiesce(ctx: BenchContext, pid: number): Promise<void> {
  const started = Date.now();
  let last = cpuTimeUs(pid) ?? 0;
  while (Date.now() - started < ctx.cfg.quiesceMaxMs) {
    await sleep(100);
    const now = cpuTimeUs(pid) ?? 0;
    if (now - last < 15_000) return; // < 15 % of a core over 100 ms
    last = now;
  }
}

/** Run one step at `rate`. */
export async function step(
  ctx: BenchContext,
  target: StepTarget,
  input: { rate: number; durationMs?: number; connections?: number; timeoutMs?: number },
): Promise<StepOutcome> {
  const durationMs = input.durationMs ?? ctx.cfg.stepMs;
  const connections = input.connections ?? ctx.cfg.connections;
  const rate = Math.max(1, Math.round(input.rate));
  const base = {
    rate,
    durationMs,
    connections,
    timeoutMs: input.timeoutMs ?? 10_000,
    drainMs: Math.max(3000, ctx.cfg.deliveryWaitMs),
  };
  const measuredPid = target.kind === "flow" ? ctx.server.pid : ctx.core0.pid;
  const clientPid = target.kind === "b5" ? ctx.core0.pid : ctx.load.pid;
  const cpuBefore = cpuTimeUs(measuredPid) ?? 0;
  const clientBefore = cpuTimeUs(clientPid) ?? 0;
  const startedAt = Date.now();
  let rssPeak = 0;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(ctx.server.pid) ?? 0);
  }, 100);
  let result: LoadResult;
  let prefix: string | undefined;
  try {
    if (target.kind === "baseline") {
      result = await ctx.load.call<LoadResult>("load", {
        ...base,
        port: target.port,
        path: "/",
        method: target.method,
      } satisfies LoadArgs);
    } else if (target.kind === "b5") {
      result = await ctx.core0.call<LoadResult>("load", {
        ...base,
        port: ctx.sinkPort,
        path: "/sink",
        method: "POST",
      } satisfies LoadArgs);
    } else {
      prefix = ctx.nextPrefix(target.label);
      result = await ctx.load.call<LoadResult>("load", {
        ...base,
        port: target.port,
        path: "/in",
        method: "POST",
        ledger: {
          prefix,
          filterEvery: ctx.cfg.filterEvery,
          expectsDelivery: target.expectsDelivery,
          deliveryWaitMs: ctx.cfg.deliveryWaitMs,
        },
      } satisfies LoadArgs);
    }
  } finally {
    clearInterval(sampler);
  }
  const clientCpu = ((cpuTimeUs(clientPid) ?? 0) - clientBefore) / ((Date.now() - startedAt) * 1000);
  if (target.kind === "flow") await quiesce(ctx, ctx.server.pid);
  const cpuUs = (cpuTimeUs(measuredPid) ?? 0) - cpuBefore;
  const outcome: StepOutcome = {
    label: target.label,
    rate,
    pass: true,
    reason: "",
    client: result.client,
    ...(result.delivery ? { delivery: result.delivery } : {}),
    ...(prefix ? { prefix } : {}),
    cpuUsPerEvent: result.client.ok > 0 ? Math.round(cpuUs / result.client.ok) : 0,
    clientCpu: Math.round(clientCpu * 100) / 100,
    ...(target.kind === "flow" ? { rssPeakMb: rssPeak } : {}),
  };
  judge(ctx, outcome, target);
  return outcome;
}

function judge(ctx: BenchContext, outcome: StepOutcome, target: StepTarget): void {
  const c = outcome.client;
  const reasons: string[] = [];
  const non2xx = Object.entries(c.status).filter(([status]) => !status.startsWith("2"));
  if (non2xx.length > 0) reasons.push(`non-2xx ${non2xx.map(([s, n]) => `${s}×${n}`).join(" ")}`);
  if (c.errors > 0) reasons.push(`${c.errors} connection errors`);
  if (c.timeouts > 0) reasons.push(`${c.timeouts} timeouts`);
  if (c.unfinished > 0) reasons.push(`${c.unfinished} unanswered`);
  if (c.latency.p99 > ctx.cfg.ingestP99Ms) reasons.push(`p99 ${c.latency.p99} ms > ${ctx.cfg.ingestP99Ms} ms`);
  if (target.kind === "flow" && target.expectsDelivery && outcome.delivery) {
    const d = outcome.delivery;
    if (d.balance.missing > 0)
      reasons.push(`${d.balance.missing} acknowledged events not at the sink after ${d.waitedMs} ms`);
    if (target.e2eBound !== false && d.latency.p99 > ctx.cfg.e2eP99Ms)
      reasons.push(`end-to-end p99 ${d.latency.p99} ms > ${ctx.cfg.e2eP99Ms} ms`);
  }
  outcome.pass = reasons.length === 0;
  outcome.reason = reasons.join("; ");
}

/** Result of a rate search. */
export interface SearchResult {
  /** Highest sustainable rate found (0: none). */
  best: number;
  /** The passing step at `best`. */
  at?: StepOutcome;
  steps: StepOutcome[];
  /** Whether the load generator used most of its core at the best step (then `best` is a lower bound). */
  clientBound: boolean;
}

/**
 * Search the highest sustainable rate: from `start`, multiply by `factor` while steps pass. Later rounds start
 * just under the previous round's best with a finer factor. A failing first step halves the rate (at most 3×).
 */
export async function searchRate(
  ctx: BenchContext,
  target: StepTarget,
  input: {
    start: number;
    factor: number;
    maxSteps: number;
    maxRate?: number;
    afterFailure?: (outcome: StepOutcome) => Promise<void>;
  },
): Promise<SearchResult> {
  const steps: StepOutcome[] = [];
  let rate = input.start;
  let best: StepOutcome | undefined;
  let halvings = 0;
  while (steps.length < input.maxSteps) {
    const outcome = await step(ctx, target, { rate });
    steps.push(outcome);
    ctx.log(
      `    ${target.label.padEnd(10)} ${String(outcome.rate).padStart(6)}/s  ${outcome.pass ? "ok  " : "FAIL"}  p50 ${outcome.client.latency.p50} p99 ${outcome.client.latency.p99} ms` +
        (outcome.delivery && target.kind === "flow" && target.expectsDelivery
          ? `  e2e p50 ${outcome.delivery.latency.p50} p99 ${outcome.delivery.latency.p99} ms`
          : "") +
        `  client cpu ${Math.round((outcome.clientCpu ?? 0) * 100)}%` +
        (outcome.pass ? "" : `  (${outcome.reason})`),
    );
    if (!outcome.pass) await input.afterFailure?.(outcome);
    if (outcome.pass) {
      best = outcome;
      if (input.maxRate !== undefined && rate >= input.maxRate) break;
      rate = Math.round(rate * input.factor);
    } else if (!best && halvings < ctx.cfg.maxHalvings) {
      halvings++;
      rate = Math.max(1, Math.round(rate / 2));
    } else {
      break;
    }
  }
  return {
    best: best?.rate ?? 0,
    ...(best ? { at: best } : {}),
    steps,
    clientBound: (best?.clientCpu ?? 0) > 0.85 || (best?.client.clientLoopDelayP99 ?? 0) > 20,
  };
}
