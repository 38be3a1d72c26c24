/**
 * Schemathesis (installed by scripts/schemathesis.mjs into `.services/venv`) against a real `signalbox serve`'s
 * `/api/v1/openapi.json`, with an admin token: generated and fuzzed requests for every operation, and not one 5xx.
 * Revoking tokens runs last and alone, so the run keeps its token while the other operations are exercised.
 */
import { spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureSchemathesis } from "../scripts/schemathesis.mjs";
import { apply, startServer, type ServerProcess } from "./helpers/server.ts";

let server: ServerProcess;
let st: string;
const seed = Number(process.env.ST_SEED ?? Math.floor(Math.random() * 1_000_000));

beforeAll(async () => {
  st = ensureSchemathesis();
  server = await startServer();
  await apply(
    server,
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order: {port: "0", endpoint: /st-order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify}
spec:
  dependencies: [{name: order, eventSourceName: shop, eventName: order}]
  triggers: [{template: {name: log-it, log: {}}}]
`,
  );
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

function run(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(st, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("exit", (code) => resolve({ code, output }));
  });
}

describe("schemathesis against openapi.json", () => {
  const common = () => [
    "run",
    `${server.url}/api/v1/openapi.json`,
    "--checks",
    "not_a_server_error",
    "--header",
    `Authorization: Bearer ${server.token}`,
    "--seed",
    String(seed),
    "--phases",
    "coverage,fuzzing",
    // One worker: with two, schemathesis compiles code in two threads at once, and Debian's CPython has crashed doing
    // that ("SystemError: AST constructor recursion depth mismatch") — a tool crash, not a finding about the API.
    "--workers",
    "1",
    "--request-timeout",
    "30",
    "--no-color",
    // Nothing written into the work tree.
    "--generation-database",
    "none",
    // Data-generation health checks (schemas whose constraints reject most random data) are not API failures.
    "--suppress-health-check",
    "all",
  ];

  it("finds no 5xx in any operation", async () => {
    process.stdout.write(`[schemathesis] seed ${seed} (ST_SEED=${seed} replays it)\n`);
    // attach.create connects to the broker the request names and answers 503 when it cannot (by design: an
    // unreachable upstream); generated addresses never exist, so it is left out here and covered by its own tests.
    const main = await run([...common(), "--max-examples", "20", "--exclude-operation-id", "tokens.revoke", "--exclude-operation-id", "attach.create"]);
    const summary = main.output.split("\n").filter((line) => /generated|passed|failed|Server error|5\d\d/.test(line)).join("\n");
    process.stdout.write(`${summary}\n`);
    expect(main.output).not.toMatch(/Server error/i);
    expect(main.code, main.output.slice(-4000)).toBe(0);
    const revoke = await run([...common(), "--max-examples", "20", "--include-operation-id", "tokens.revoke"]);
    expect(revoke.code, revoke.output.slice(-4000)).toBe(0);
    expect(server.output()).not.toMatch(/"level":"error".*(failed|internal)/);
  }, 600_000);
});
