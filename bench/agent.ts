/**
 * A benchmark agent: a child process of `bench/run.ts`, pinned to one core, driven over IPC.
 *
 * The *load* agent (on the load core) runs the open-loop client, the sink and the ledger, so the nonces the client
 * got a 2xx for and the nonces the sink received are compared in one place. The *server-core* agent hosts the
 * baseline servers (B1, B2), the raw bus baselines (B3, B4) and the client of B5.
 */
import { sleep } from "./lib/clock.ts";
import { measureJetStream, measureSqlite, startBaselineServer } from "./lib/baselines.ts";
import { Ledger, nonceOf, StepLedger, type LedgerBalance } from "./lib/ledger.ts";
import { openLoop, type OpenLoopResult } from "./lib/openLoop.ts";
import { eventBody } from "./lib/payload.ts";
import { startBenchSink, type BenchSink } from "./lib/sink.ts";
import type { LatencySummary } from "./lib/histogram.ts";

/** Arguments of the `load` command. */
export interface LoadArgs {
  port: number;
  path: string;
  method: "GET" | "POST";
  rate: number;
  durationMs: number;
  connections: number;
  timeoutMs?: number;
  drainMs?: number;
  /** Ledger of this step (absent: baseline traffic, not tracked). */
  ledger?: {
    prefix: string;
    /** Every n-th event is of kind "skip", which the sensor's filter drops (0: none). */
    filterEvery: number;
    /** Whether the sink should receive the acknowledged events at all. */
    expectsDelivery: boolean;
    /** How long to wait after the run for the acknowledged events to reach the sink. */
    deliveryWaitMs: number;
  };
}

/** Result of the `load` command. */
export interface LoadResult {
  client: OpenLoopResult;
  delivery?: { balance: LedgerBalance; latency: LatencySummary; waitedMs: number };
}

type Handler = (args: never) => unknown;

const ledger = new Ledger();
let sink: BenchSink | undefined;
const servers = new Map<string, { port: number; close: () => Promise<void> }>();

const passesFor = (filterEvery: number) => (index: number) =>
  !(filterEvery > 0 && index % filterEvery === filterEvery - 1);

async function waitForDelivery(steps: StepLedger[], timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (steps.every((step) => step.missing() === 0)) break;
    await sleep(10);
  }
  return Date.now() - started;
}

const handlers: Record<string, Handler> = {
  "sink.start": async () => {
    sink ??= await startBenchSink(ledger);
    return { port: sink.port };
  },
  "server.start": async (args: { kind: "B1" | "B2" }) => {
    const existing = servers.get(args.kind);
    if (existing) return { port: existing.port };
    const server = await startBaselineServer(args.kind);
    servers.set(args.kind, server);
    return { port: server.port };
  },
  "server.stop": async (args: { kind: string }) => {
    await servers.get(args.kind)?.close();
    servers.delete(args.kind);
    return {};
  },
  load: async (args: LoadArgs): Promise<LoadResult> => {
    const spec = args.ledger;
    const passes = passesFor(spec?.filterEvery ?? 0);
    const total = Math.round((args.rate * args.durationMs) / 1000);
    const step = spec
      ? ledger.open(new StepLedger({ prefix: spec.prefix, total, passes, expectsDelivery: spec.expectsDelivery }))
      : undefined;
    const prefix = spec?.prefix ?? `x${Math.random().toString(36).slice(2, 8)}`;
    const client = await openLoop({
      host: "127.0.0.1",
      port: args.port,
      path: args.path,
      method: args.method,
      rate: args.rate,
      durationMs: args.durationMs,
      connections: args.connections,
      ...(args.timeoutMs !== undefined ? { timeoutMs: args.timeoutMs } : {}),
      ...(args.drainMs !== undefined ? { drainMs: args.drainMs } : {}),
      body: (index, t0) => eventBody({ nonce: nonceOf(prefix, index), t0, kind: passes(index) ? "bench" : "skip" }),
      onResponse: (index, status) => {
        if (step && status >= 200 && status < 300) step.acked[index] = 1;
      },
    });
    if (!step || !spec) return { client };
    step.closed = true;
    const waitedMs = spec.expectsDelivery ? await waitForDelivery([step], spec.deliveryWaitMs) : 0;
    return { client, delivery: { balance: step.balance(), latency: step.latency(), waitedMs } };
  },
  /** Wait for the acknowledged events of these steps (all when none named) to arrive; their balances. */
  "ledger.wait": async (args: { prefixes?: string[]; timeoutMs: number; expect?: boolean }) => {
    const steps = (args.prefixes ?? []).map((p) => ledger.step(p)).filter((s): s is StepLedger => s !== undefined);
    const waitedMs = await waitForDelivery(steps, args.timeoutMs);
    return { waitedMs, balances: steps.map((s) => ({ prefix: s.prefix, balance: s.balance(), latency: s.latency() })) };
  },
  /** From now on, deliveries are expected for these steps (a paused sensor was resumed). */
  "ledger.expect": (args: { prefixes: string[] }) => {
    for (const prefix of args.prefixes) {
      const step = ledger.step(prefix);
      if (step) step.expectsDelivery = true;
    }
    return {};
  },
  "ledger.balance": async (args: { timeoutMs: number }) => {
    const started = Date.now();
    while (Date.now() - started < args.timeoutMs && ledger.missing() > 0) await sleep(50);
    return {
      balance: ledger.balance(),
      incomplete: ledger.incomplete(),
      foreign: ledger.foreign,
      sinkRequests: sink?.requests() ?? 0,
    };
  },
  b3: (args: { url: string; durationMs: number }) => measureJetStream(args),
  b4: (args: { durationMs: number }) => measureSqlite(args),
};

process.on("message", (message: { id: number; cmd: string; args: unknown }) => {
  const handler = handlers[message.cmd];
  void (async () => {
    try {
      if (!handler) throw new Error(`unknown command ${message.cmd}`);
      const result = await (handler as (args: unknown) => unknown)(message.args);
      process.send?.({ id: message.id, ok: true, result });
    } catch (error) {
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  })();
});
process.on("disconnect", () => process.exit(0));
process.send?.({ id: 0, ok: true, result: "ready" });
