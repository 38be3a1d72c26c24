/**
 * kill -9 of the server under load, then a restart on the same data dir: every webhook that got a 2xx reaches the
 * sink at least once (duplicates are counted and printed). tests/crash.int.test.ts covers the embedded bus; these
 * cover the broker-backed buses, whose consumer positions live in the broker (JetStream) or in committed offsets
 * (Kafka), so an event the dead process took but never acked must come back after the ack wait / rebalance.
 */
import { afterEach, it } from "vitest";
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

async function killUnderLoad(bus: BusKind): Promise<void> {
  const t = timer(`kill -9 ${bus}`);
  sink = await startFaultSink();
  const dataDir = tempDataDir("sb-fault-kill9-");
  server = await startServer({ dataDir, env: busEnv() });
  const namespace = `kill9-${bus.slice(0, 3)}-${suffix()}`;
  const port = await freePort();
  await applyFlow(server, faultFlowYaml({ namespace, bus, port, triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 20, duration: "500ms" } }] }), namespace);

  t("server up, flow deployed");
  const url = `http://127.0.0.1:${port}/in`;
  const first = new WebhookLoad({ url, prefix: "a", concurrency: 16 }).start();
  await first.waitAcked(150);
  t("150 acknowledged: kill -9");
  server.process.kill("SIGKILL");
  const before = await first.stop();
  await server.stop("SIGKILL");

  server = await startServer({ dataDir, env: busEnv() });
  t("restarted");
  const second = await new WebhookLoad({ url, prefix: "b", concurrency: 8, total: 100 }).start().done();
  t("100 more sent");
  const acked = new Set([...before.acked, ...second.acked]);
  const result = await waitBalanced(acked, sink, 45_000);
  t("balanced");
  expectBalanced(`kill -9 under load, ${bus} bus`, result, `${before.acked.size} acknowledged before the kill`);
}

it("jetstream: every acknowledged event is delivered after kill -9 and restart", () => killUnderLoad("jetstream"), 90_000);

it("kafka: every acknowledged event is delivered after kill -9 and restart", () => killUnderLoad("kafka"), 90_000);
