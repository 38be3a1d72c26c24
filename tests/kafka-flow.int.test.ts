/**
 * The same flow on a `jetstream` EventBus: webhook → JetStream (real a Kafka broker) → sensor → HTTP trigger, with the
 * bus's status reported on the EventBus resource.
 */
import { randomBytes } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

const brokers = process.env.SIGNALBOX_TEST_KAFKA_BROKERS;
if (!brokers) throw new Error("SIGNALBOX_TEST_KAFKA_BROKERS is not set: the integration globalSetup starts a Kafka broker");

let server: ServerProcess | undefined;
let sink: Sink | undefined;
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

it("runs a flow on a kafka EventBus and reports the bus Deployed", async () => {
  sink = await startSink();
  server = await startServer({ env: {} });
  const ns = `kf-${randomBytes(3).toString("hex")}`;
  const port = await freePort();
  await apply(
    server,
    `apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata: {name: default, namespace: ${ns}}
spec:
  kafka:
    url: ${brokers}
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: hooks, namespace: ${ns}}
spec:
  webhook:
    in: {port: "${port}", endpoint: /in, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: relay, namespace: ${ns}}
spec:
  dependencies: [{name: d, eventSourceName: hooks, eventName: in}]
  triggers:
    - template:
        name: out
        http:
          url: ${sink.url}/out
          payload: [{src: {dependencyName: d, dataKey: body.n}, dest: n}]
`,
  );
  for (let n = 0; n < 20; n++) {
    const response = await fetch(`http://127.0.0.1:${port}/in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n }) });
    expect(response.status).toBe(200);
  }
  await sink.waitFor((requests) => requests.length >= 20);
  expect(new Set(sink.requests.map((r) => (JSON.parse(r.body) as { n: string }).n)).size).toBe(20);
  const bus = (await (await fetch(`${server.url}/api/v1/namespaces/${ns}/eventbuses/default`, { headers: { authorization: `Bearer ${server.token}` } })).json()) as {
    status: { conditions: { type: string; status: string }[] };
  };
  expect(bus.status.conditions).toEqual(expect.arrayContaining([expect.objectContaining({ type: "Deployed", status: "True" })]));
  const events = (await (await fetch(`${server.url}/api/v1/events?namespace=${ns}&limit=100`, { headers: { authorization: `Bearer ${server.token}` } })).json()) as { items: unknown[] };
  expect(events.items.length).toBeGreaterThanOrEqual(20);
}, 120_000);
