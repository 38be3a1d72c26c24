/**
 * SIGTERM under load with a sensor and triggers in flight: the server exits 0 within 10 s, and after a restart every
 * webhook that got a 2xx reaches the sink (ledger balanced). tests/shutdown.int.test.ts covers the exit itself and
 * the history on the embedded bus without a sensor; this adds the end-to-end ledger, on the embedded and JetStream
 * buses, with the sink slowed down so trigger runs are cut off mid-flight.
 */
import { expect, it } from "vitest";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  busEnv,
  expectBalanced,
  faultFlowYaml,
  Scenario,
  startFaultSink,
  suffix,
  timer,
  waitBalanced,
  WebhookLoad,
  type BusKind,
} from "./helpers.ts";

async function sigtermUnderLoad(bus: BusKind): Promise<void> {
  const scenario = new Scenario();
  try {
    const t = timer(`sigterm ${bus}`);
    // A slow sink keeps trigger runs in flight at the moment of the signal.
    const sink = scenario.own(await startFaultSink({ delayMs: 200 }), (s) => s.close());
    const dataDir = tempDataDir("sb-fault-term-");
    const server = scenario.own(await startServer({ dataDir, env: busEnv() }), (s: ServerProcess) => s.stop("SIGKILL"));
    t("server up");
    const namespace = `term-${bus.slice(0, 3)}-${suffix()}`;
    const port = await freePort();
    await applyFlow(
      server,
      faultFlowYaml({
        namespace,
        bus,
        port,
        triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 20, duration: "300ms" } }],
      }),
      namespace,
    );
    t("flow deployed");

    const load = new WebhookLoad({ url: `http://127.0.0.1:${port}/in`, prefix: "a", concurrency: 12 }).start();
    await load.waitAcked(200);
    t("200 acknowledged; SIGTERM");
    const signalled = Date.now();
    const code = await server.stop("SIGTERM");
    const exitMs = Date.now() - signalled;
    const stats = await load.stop();
    t(`exited ${code}`);
    expect(code, `exit code after SIGTERM (${server.output().slice(-2000)})`).toBe(0);
    expect(exitMs).toBeLessThan(10_000);
    // During the drain only 2xx or a clean 503 + Retry-After; afterwards the port is closed (status 0).
    expect(stats.unexpected).toEqual([]);
    expect(stats.shedWithoutRetryAfter).toBe(0);

    sink.setDelay(0);
    scenario.own(await startServer({ dataDir, env: busEnv() }), (s: ServerProcess) => s.stop("SIGKILL"));
    t("restarted");
    const result = await waitBalanced(stats.acked, sink, 40_000);
    expectBalanced(
      `SIGTERM under load, ${bus} bus`,
      result,
      `exit 0 in ${exitMs} ms; answers ${JSON.stringify(Object.fromEntries(stats.statuses))}`,
    );
  } finally {
    await scenario.release();
  }
}

it("embedded: SIGTERM under load exits 0 and loses no acknowledged event", () => sigtermUnderLoad("embedded"), 90_000);

it(
  "jetstream: SIGTERM under load exits 0 and loses no acknowledged event",
  () => sigtermUnderLoad("jetstream"),
  90_000,
);
