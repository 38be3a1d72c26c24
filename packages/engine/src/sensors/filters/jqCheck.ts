/**
 * A synchronous jq syntax check for apply-time validation (`resources/filterChecks.ts`), which is synchronous while
 * jq (jq-web, WebAssembly) lives in a worker. The check compiles the program inside `if false then … else empty
 * end` — the same compile-only program `compileJq` uses — so user code never runs, and blocks on `Atomics.wait`
 * until the worker answers. One worker, started on first use and unref'd; answers are cached per program.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";
import { checkJqShape } from "../transform/index.ts";
import { compileOnlyJqProgram } from "../transform/jqPrelude.ts";

/** How long the first check may wait for jq to load, and any later one to compile. */
const TIMEOUT_MS = 20_000;

const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
for (const name of ["log", "error", "warn", "info", "debug"]) console[name] = () => {};
const { port, signal, jqWebPath } = workerData;
const flag = new Int32Array(signal);
const ready = require(jqWebPath);
port.on("message", async (program) => {
  let reply;
  try {
    const jq = await ready;
    jq.raw("null", program, ["-c"]);
    reply = { ok: true };
  } catch (e) {
    const stderr = e && typeof e.stderr === "string" && e.stderr.trim() !== "" ? e.stderr : String((e && e.message) || e);
    reply = { ok: false, error: stderr.trim() };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface Checker {
  worker: Worker;
  port: MessagePort;
  flag: Int32Array;
}

let checker: Checker | undefined;
const cache = new Map<string, string | undefined>();

function start(): Checker {
  if (checker) return checker;
  const signal = new SharedArrayBuffer(4);
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2, signal, jqWebPath: createRequire(import.meta.url).resolve("jq-web") },
    transferList: [port2],
    resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
  });
  worker.unref();
  port1.unref();
  worker.on("error", () => undefined);
  worker.on("exit", () => {
    if (checker?.worker === worker) checker = undefined;
  });
  checker = { worker, port: port1, flag: new Int32Array(signal) };
  return checker;
}

/**
 * jq's compile error for `program`, or `undefined` when it compiles. `undefined` too when jq could not answer in
 * time (the check is then skipped rather than rejecting a sensor that may be fine).
 */
export function jqSyntaxError(program: string): string | undefined {
  const shape = checkJqShape(program);
  if (shape !== undefined) return shape;
  if (cache.has(program)) return cache.get(program);
  const { port, flag, worker } = start();
  Atomics.store(flag, 0, 0);
  port.postMessage(compileOnlyJqProgram(program));
  if (Atomics.wait(flag, 0, 0, TIMEOUT_MS) === "timed-out") {
    // A stuck worker must not answer a later question with this one's reply.
    checker = undefined;
    void worker.terminate();
    return undefined;
  }
  const received = receiveMessageOnPort(port) as { message?: { ok: boolean; error?: string } } | undefined;
  const reply = received?.message;
  const error = reply === undefined || reply.ok ? undefined : firstError(reply.error ?? "");
  if (cache.size >= 256) cache.clear();
  cache.set(program, error);
  return error;
}

/** jq's first message, without the position: it counts lines of the wrapped program, not of the user's. */
function firstError(stderr: string): string {
  const first = stderr.split("\n").find((line) => line.startsWith("jq: error")) ?? stderr.split("\n")[0] ?? "";
  return first.replace(/ at <top-level>, line \d+:$/, "") || "jq: syntax error";
}
