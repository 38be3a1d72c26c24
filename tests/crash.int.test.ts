/**
 * "An event acknowledged to its sender is durable": 1,000 webhooks while the sink is stalled, kill -9 of the
 * server mid-stream, restart on the same data dir. Every event that got a 2xx must reach the real sink at least
 * once; duplicates are allowed and printed.
 */
import { afterAll, expect, it } from "vitest";
import { apply, freePort, startServer, tempDataDir, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess | undefined;
let sink: Sink | undefined;

afterAll(async () => {
  await server?.stop("SIGKILL");
  await sink?.close();
});

it("delivers every acknowledged webhook after a kill -9 and restart", async () => {
  sink = await startSink();
  sink.stall();
  const dataDir = tempDataDir("sb-crash-");
  server = await startServer({ dataDir });
  const port = await freePort();
  await apply(
    server,
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: crash}
spec:
  webhook:
    in: {port: "${port}", endpoint: /in, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: crash}
spec:
  dependencies:
    - {name: d, eventSourceName: crash, eventName: in}
  triggers:
    - template:
        name: out
        http:
          url: ${sink.url}/out
          timeout: 3
          payload:
            - src: {dependencyName: d, dataKey: body.n}
              dest: n
      atLeastOnce: true
      retryStrategy: {steps: 30, duration: 500ms, factor: 1, jitter: 0.1}
`,
  );

  const total = 1000;
  const acknowledged = new Set<number>();
  let next = 0;
  let killed = false;
  const send = async (n: number, target: ServerProcess) => {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ n }) });
      if (response.status >= 200 && response.status < 300) acknowledged.add(n);
      await response.arrayBuffer();
    } catch {
      // Refused or reset by the dying process: not acknowledged, so not owed.
    }
    void target;
  };
  const worker = async (target: ServerProcess) => {
    while (next < total && !killed) await send(next++, target);
  };
  const first = server;
  const killer = (async () => {
    while (acknowledged.size < total / 2) await new Promise((r) => setTimeout(r, 5));
    killed = true;
    first.process.kill("SIGKILL");
  })();
  await Promise.all([...Array.from({ length: 16 }, () => worker(first)), killer]);
  await first.stop("SIGKILL");
  const beforeRestart = acknowledged.size;

  server = await startServer({ dataDir });
  sink.release();
  killed = false;
  const second = server;
  await Promise.all(Array.from({ length: 16 }, () => worker(second)));

  const received = () => {
    const counts = new Map<number, number>();
    for (const request of sink!.requests) {
      const { n } = JSON.parse(request.body) as { n: string };
      counts.set(Number(n), (counts.get(Number(n)) ?? 0) + 1);
    }
    return counts;
  };
  await sink.waitFor(() => {
    const counts = received();
    return [...acknowledged].every((n) => counts.has(n));
  }, 120_000);
  const counts = received();
  const duplicates = [...counts.values()].reduce((sum, count) => sum + count - 1, 0);
  const missing = [...acknowledged].filter((n) => !counts.has(n));
  console.log(
    `crash test: ${acknowledged.size} acknowledged (${beforeRestart} before the kill), ${counts.size} distinct delivered, ${duplicates} duplicates, ${missing.length} lost`,
  );
  expect(missing).toEqual([]);
  expect(acknowledged.size).toBeGreaterThan(total / 2);
}, 240_000);
