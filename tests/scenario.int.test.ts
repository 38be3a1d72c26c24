/**
 * Runs scripts/scenario.sh (curl and the CLI only) against a real `signalbox serve` and a real HTTP sink: every step
 * is asserted by the script; here, that it finished and that the sink got exactly the requests the scenario implies
 * (the dry run and the replay to the log trigger sent nothing to it).
 */
import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess;
let sink: Sink;

beforeAll(async () => {
  sink = await startSink();
  server = await startServer();
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

describe("the curl + CLI scenario", () => {
  it("applies, searches, replays to one trigger, bulk-replays, follows, and dry-runs", async () => {
    const port = await freePort();
    const result = await new Promise<{ code: number | null; output: string }>((done) => {
      const child = spawn("bash", [resolve(import.meta.dirname, "../scripts/scenario.sh")], {
        env: { ...process.env, SIGNALBOX_SERVER: server.url, SIGNALBOX_TOKEN: server.token, WEBHOOK_PORT: String(port), SINK_URL: sink.url },
        stdio: ["ignore", "pipe", "pipe"],
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("exit", (code) => done({ code, output }));
    });
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("SCENARIO OK");
    // http-out fired for ann (20) and bob (30), and for the bulk replay of ann's 20; ann's 5 is filtered.
    await sink.waitFor((requests) => requests.length >= 3);
    await new Promise((r) => setTimeout(r, 500));
    expect(sink.requests.map((request) => request.path)).toEqual(["/orders", "/orders", "/orders"]);
  }, 180_000);
});
