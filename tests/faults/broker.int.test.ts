/**
 * The broker dies mid-load (SIGKILL through the project's services CLI) and comes back on the same port and data:
 * while it is away webhooks answer a clean 503 + Retry-After (never a 2xx for an event the bus did not take), the
 * server stays up, and once the broker is back intake resumes and every acknowledged event reaches the sink.
 *
 * The services are restarted with `node scripts/services.mjs restart <name>` in a child process: an in-process
 * `restart()` can fail on its second call with "port … is taken".
 */
import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { expect, it } from "vitest";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  busEnv,
  expectBalanced,
  faultFlowYaml,
  healthy,
  sleep,
  startFaultSink,
  Scenario,
  suffix,
  timer,
  waitBalanced,
  WebhookLoad,
  type BusKind,
} from "./helpers.ts";

const root = resolve(import.meta.dirname, "../..");
const run = promisify(execFile);
const services = (...args: string[]) =>
  run(process.execPath, [resolve(root, "scripts/services.mjs"), ...args], { cwd: root, timeout: 90_000 });

async function brokerRestart(bus: BusKind, service: "nats" | "kafka", downMs: number): Promise<void> {
  const scenario = new Scenario();
  try {
    const t = timer(`${service} restart`);
    const sink = scenario.own(await startFaultSink(), (s) => s.close());
    const server = scenario.own(
      await startServer({ dataDir: tempDataDir("sb-fault-broker-"), env: busEnv() }),
      (s: ServerProcess) => s.stop("SIGKILL"),
    );
    const namespace = `broker-${bus.slice(0, 3)}-${suffix()}`;
    const port = await freePort();
    await applyFlow(
      server,
      faultFlowYaml({
        namespace,
        bus,
        port,
        triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 30, duration: "500ms" } }],
      }),
      namespace,
    );

    t("server up, flow deployed");
    const load = new WebhookLoad({
      url: `http://127.0.0.1:${port}/in`,
      prefix: "a",
      concurrency: 8,
      pauseMs: 5,
      timeoutMs: 20_000,
    }).start();
    await load.waitAcked(150);
    const killedAt = Date.now();
    await services("kill", service);
    t("killed");
    const ackedAtKill = load.stats.acked.size;
    await sleep(downMs);
    const during = new Map(load.stats.statuses);
    await services("restart", service);
    const restartedAt = Date.now();
    t("restarted");
    // Intake must resume on its own once the broker is back.
    await load.waitAcked(load.stats.acked.size + 100, 40_000);
    const resumedMs = Date.now() - restartedAt;
    t("intake resumed");
    const stats = await load.stop();
    expect(await healthy(server), "the server stays up while the broker is away").toBe(true);
    expect(stats.unexpected, "answers other than 2xx and 503 + Retry-After").toEqual([]);
    expect(stats.shedWithoutRetryAfter).toBe(0);

    const result = await waitBalanced(stats.acked, sink, service === "kafka" ? 90_000 : 40_000);
    t("balanced");
    expectBalanced(
      `${service} killed mid-load, restarted after ${restartedAt - killedAt} ms, ${bus} bus`,
      result,
      `${ackedAtKill} acknowledged before the kill; answers while down ${JSON.stringify(Object.fromEntries(during))}; intake resumed ${resumedMs} ms after the restart`,
    );
  } finally {
    await scenario.release();
  }
}

it.concurrent(
  "jetstream: nats-server killed and restarted mid-load loses no acknowledged event",
  () => brokerRestart("jetstream", "nats", 2000),
  90_000,
);

it.concurrent(
  "kafka: the Kafka broker killed and restarted mid-load loses no acknowledged event",
  () => brokerRestart("kafka", "kafka", 2000),
  150_000,
);
