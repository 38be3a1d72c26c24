/**
 * The calendar source on a real server: interval ticks reach an HTTP trigger with Argo's `eventTime` data, and with
 * persistence a restart catches up on the ticks it missed.
 */
import { afterAll, expect, it } from "vitest";
import { apply, startServer, tempDataDir, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess | undefined;
let sink: Sink | undefined;
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

it("ticks every interval and catches up after a restart", async () => {
  sink = await startSink();
  const dataDir = tempDataDir("sb-cal-");
  server = await startServer({ dataDir });
  await apply(
    server,
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: clock}
spec:
  calendar:
    tick:
      interval: 1s
      metadata: {team: ops}
      persistence:
        catchup: {enabled: true, maxDuration: 1m}
        configMap: {name: clock-state, createIfNotExist: true}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: clock}
spec:
  dependencies: [{name: t, eventSourceName: clock, eventName: tick}]
  triggers:
    - template:
        name: out
        http:
          url: ${sink.url}/tick
          payload:
            - {src: {dependencyName: t, dataKey: eventTime}, dest: at}
            - {src: {dependencyName: t, dataKey: metadata.team}, dest: team}
            - {src: {dependencyName: t, contextKey: type}, dest: type}
`,
  );
  await sink.waitFor((requests) => requests.length >= 3, 20_000);
  const first = JSON.parse(sink.requests[0]!.body) as { at: string; team: string; type: string };
  expect(first.team).toBe("ops");
  expect(first.type).toBe("calendar");
  expect(first.at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC( m=\+\d+\.\d{9})?$/);
  await server.stop();
  const stoppedAt = sink.requests.length;
  await new Promise((resolve) => setTimeout(resolve, 3_000));
  server = await startServer({ dataDir });
  // The ticks missed while down arrive at once (catch-up), then live ticks resume.
  await sink.waitFor((requests) => requests.length >= stoppedAt + 4, 20_000);
  const caughtUp = sink.requests.slice(stoppedAt).map((r) => (JSON.parse(r.body) as { at: string }).at);
  expect(caughtUp.some((at) => !at.includes(" m="))).toBe(true);
}, 90_000);
