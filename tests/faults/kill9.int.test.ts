/**
 * kill -9 of the server under load, then a restart on the same data dir: every webhook that got a 2xx reaches the
 * sink at least once (duplicates are counted and printed). tests/crash.int.test.ts covers the embedded bus; these
 * cover the broker-backed buses, whose consumer positions live in the broker (JetStream) or in committed offsets
 * (Kafka), so an event the dead process took but never acked comes back only after the ack wait (30 s) or the
 * consumer group's session timeout — which is most of each scenario's time. The two run concurrently.
 */
import { it } from "vitest";
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

async function killUnderLoad(bus: BusKind): Promise<void> {
  const scenario = new Scenario();
  try {
    const t = timer(`kill -9 ${bus}`);
    const sink = scenario.own(await startFaultSink(), (s) => s.close());
    const dataDir = tempDataDir("sb-fault-kill9-");
    const first = scenario.own(await startServer({ dataDir, env: busEnv() }), (s: ServerProcess) => s.stop("SIGKILL"));
    const namespace = `kill9-${bus.slice(0, 3)}-${suffix()}`;
    const port = await freePort();
    await applyFlow(
      first,
      faultFlowYaml({
        namespace,
        bus,
        port,
        triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 20, duration: "500ms" } }],
      }),
      namespace,
    );
    t("server up, flow deployed");

    const url = `http://127.0.0.1:${port}/in`;
    const load = new WebhookLoad({ url, prefix: "a", concurrency: 16 }).start();
    await load.waitAcked(150);
    t("150 acknowledged: kill -9");
    first.process.kill("SIGKILL");
    const before = await load.stop();
    await first.stop("SIGKILL");

    scenario.own(await startServer({ dataDir, env: busEnv() }), (s: ServerProcess) => s.stop("SIGKILL"));
    t("restarted");
    const second = await new WebhookLoad({ url, prefix: "b", concurrency: 8, total: 100 }).start().done();
    t("100 more sent");
    const result = await waitBalanced(new Set([...before.acked, ...second.acked]), sink, 45_000);
    t("balanced");
    expectBalanced(`kill -9 under load, ${bus} bus`, result, `${before.acked.size} acknowledged before the kill`);
  } finally {
    await scenario.release();
  }
}

it.concurrent(
  "jetstream: every acknowledged event is delivered after kill -9 and restart",
  () => killUnderLoad("jetstream"),
  120_000,
);

it.concurrent(
  "kafka: every acknowledged event is delivered after kill -9 and restart",
  () => killUnderLoad("kafka"),
  120_000,
);
