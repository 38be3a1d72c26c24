/**
 * SIGTERM under load with a sensor and triggers in flight: the server exits 0 within 10 s, and after a restart every
 * webhook that got a 2xx reaches the sink (ledger balanced). tests/shutdown.int.test.ts covers the exit itself and
 * the history on the embedded bus without a sensor; this adds the end-to-end ledger, on the embedded and JetStream
 * buses, with the sink slowed down so trigger runs are cut off mid-flight.
 */
import { afterEach, expect, it } from "vitest";
import { freePort, startServer, tempDataDir, type ServerProcess } from "../helpers/server.ts";
import { applyFlow, busEnv, expectBalanced, faultFlowYaml, startFaultSink, suffix, timer, waitBalanced, WebhookLoad, type BusKind, type FaultSink } from "./helpers.ts";

let server: ServerProcess | undefined;
let sink: FaultSink | undefined;
afterEach(async () => {
  await server?.stop("SIGKILL");
  await sink?.close();
  server = undefined;
  sink = undefined;
});

async function sigtermUnderLoad(bus: BusKind): Promise<void> {
  // A slow sink keeps trigger runs in flight at the moment of the signal.
  const t = timer(`sigterm ${bus}`);
  sink = await startFaultSink({ delayMs: 200 });
  const dataDir = tempDataDir("sb-fault-term-");
  server = await startServer({ dataDir, env: busEnv() });
  const namespace = `term-${bus.slice(0, 3)}-${suffix()}`;
  const port = await freePort();
  t("server up");
  await applyFlow(server, faultFlowYaml({ namespace, bus, port, triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 20, duration: "300ms" } }] }), namespace);

  t("flow deployed");
  const url = `http://127.0.0.1:${port}/in`;
  const load = new WebhookLoad({ url, prefix: "a", concurrency: 12 }).start();
  await load.waitAcked(200);
  t("200 acknowledged; SIGTERM");
  const signalled = Date.now();
  const code = await server.stop("SIGTERM");
  const exitMs = Date.now() - signalled;
  const stats = await load.stop();
  expect(code, `exit code after SIGTERM (${server.output().slice(-2000)})`).toBe(0);
  expect(exitMs).toBeLessThan(10_000);
  // During the drain only 2xx or a clean 503 + Retry-After; afterwards the port is closed (status 0).
  expect(stats.unexpected).toEqual([]);
  expect(stats.shedWithoutRetryAfter).toBe(0);

  t(`exited ${code}`);
  sink.setDelay(0);
  server = await startServer({ dataDir, env: busEnv() });
  t("restarted");
  const result = await waitBalanced(stats.acked, sink, 25_000);
  expectBalanced(`SIGTERM under load, ${bus} bus`, result, `exit 0 in ${exitMs} ms; answers ${JSON.stringify(Object.fromEntries(stats.statuses))}`);
}

it("embedded: SIGTERM under load exits 0 and loses no acknowledged event", () => sigtermUnderLoad("embedded"), 60_000);

it("jetstream: SIGTERM under load exits 0 and loses no acknowledged event", () => sigtermUnderLoad("jetstream"), 60_000);
