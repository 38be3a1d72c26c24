/**
 * Argo Events' `transform.jq` (spec §5.5): gojq runs on the payload parsed as a JSON object, only the first output
 * counts, and it must be an object, which is then written with Go's `json.Marshal`.
 *
 * jq itself is the `jq-web` WebAssembly build of jq 1.7, run in a worker thread so a program that never ends can be
 * stopped: on timeout the worker is terminated and the next call starts a fresh one. `jqPrelude.ts` bends jq towards
 * gojq; `goJson.ts` writes the result the way Go does.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { marshalGoJson, parseGoJson } from "./goJson.ts";
import { compileOnlyJqProgram, wrapJqProgram } from "./jqPrelude.ts";
import { parseJqOutput } from "./jqOutput.ts";
import { decodePayload, type TransformResult } from "./payload.ts";

/** Limits for one jq run. */
export interface JqOptions {
  /** Wall-clock budget for the program, in milliseconds. Default 2000. */
  timeoutMs?: number;
}

/** A jq program that compiled; pass it to {@link runJqTransform}. */
export interface CompiledJq {
  readonly kind: "jq";
  readonly source: string;
}

/** The outcome of {@link compileJq}. */
export type JqCompileResult = { ok: true; program: CompiledJq } | { ok: false; error: string };

const DEFAULT_TIMEOUT_MS = 2000;
/** Compiling also goes through the worker; it never runs user code, but the first call pays for loading jq. */
const COMPILE_TIMEOUT_MS = 10_000;

/**
 * Checks a jq program when a sensor is saved: syntax, unknown functions and unknown variables.
 *
 * @example
 * const compiled = await compileJq(".body.message *= 2");
 * if (!compiled.ok) throw new Error(compiled.error);
 */
export async function compileJq(program: string): Promise<JqCompileResult> {
  const shape = checkJqShape(program);
  if (shape !== undefined) return { ok: false, error: shape };
  const reply = await jqPool.run({ program: compileOnlyJqProgram(program), input: "null", timeoutMs: COMPILE_TIMEOUT_MS });
  if (!reply.ok) return { ok: false, error: reply.error };
  return { ok: true, program: { kind: "jq", source: program } };
}

/**
 * Runs `transform.jq` on an event payload like Argo Events.
 *
 * `data` is the event's data: a `string` or `Uint8Array` is the raw JSON bytes, `undefined` means the event has no
 * data (Argo then leaves the event as it is), anything else is an already-parsed JSON value.
 *
 * @example
 * const result = await runJqTransform(".body.message *= 2", '{"body":{"message":21}}');
 * // result = { ok: true, changed: true, json: '{"body":{"message":42}}', data: { body: { message: 42 } } }
 */
export async function runJqTransform(program: string | CompiledJq, data: unknown, options: JqOptions = {}): Promise<TransformResult> {
  const source = typeof program === "string" ? program : program.source;
  const payload = decodePayload(data);
  if (payload.kind === "absent") return { ok: true, changed: false };
  if (payload.kind === "error") return { ok: false, error: payload.error };
  const shape = checkJqShape(source);
  if (shape !== undefined) return { ok: false, error: shape };
  const input = marshalGoJson(payload.value ?? {});
  if (!input.ok) return { ok: false, error: input.error };

  const reply = await jqPool.run({ program: wrapJqProgram(source), input: input.value, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS });
  if (!reply.ok) return { ok: false, error: reply.error };
  if (reply.output.trim() === "") return { ok: false, error: "no output available from the jq command execution" };
  const pair = parseJqOutput(reply.output);
  if (!pair.ok) return { ok: false, error: pair.error };
  const [value, badNumbers] = Array.isArray(pair.value) ? pair.value : [];
  if (typeof badNumbers === "number" && badNumbers > 0) return { ok: false, error: "json: unsupported value: NaN or Inf" };
  if (typeof value !== "object" || value === null || Array.isArray(value) || typeof value === "bigint") {
    return { ok: false, error: "jq transformation output must be a JSON object" };
  }
  // A `null` payload reaches gojq as a nil map; returned untouched, Go marshals it as `null`.
  if (payload.value === null && Object.keys(value).length === 0) return { ok: true, changed: true, json: "null", data: null };
  const json = marshalGoJson(value);
  if (!json.ok) return { ok: false, error: json.error };
  const reparsed = parseGoJson(json.value);
  if (!reparsed.ok || !isRecord(reparsed.value)) return { ok: false, error: "jq transformation output is not a JSON object" };
  return { ok: true, changed: true, json: json.value, data: reparsed.value };
}

/** Stops the jq worker, e.g. on shutdown or at the end of a test file. The next call starts a new one. */
export async function closeJq(): Promise<void> {
  await jqPool.close();
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The program is pasted inside `first( … )`, so it must not close that parenthesis itself: `.a) | (.b` would
 * otherwise become valid. Strings (with `\( … )` interpolation) and `#` comments are skipped.
 */
export function checkJqShape(program: string): string | undefined {
  const stack: string[] = [];
  const closing: Record<string, string> = { ")": "(", "]": "[", "}": "{" };
  let i = 0;
  // Each entry of `strings` is the bracket depth at which an interpolation inside a string started.
  const strings: number[] = [];
  let inString = false;
  while (i < program.length) {
    const ch = program[i] as string;
    if (inString) {
      if (ch === "\\") {
        if (program[i + 1] === "(") {
          strings.push(stack.length);
          stack.push("(");
          inString = false;
          i += 2;
          continue;
        }
        i += 2;
        continue;
      }
      if (ch === '"') inString = false;
      i++;
      continue;
    }
    if (ch === "#") {
      while (i < program.length && program[i] !== "\n") i++;
      continue;
    }
    if (ch === '"') {
      inString = true;
    } else if (ch === "(" || ch === "[" || ch === "{") {
      stack.push(ch);
    } else if (ch === ")" || ch === "]" || ch === "}") {
      if (stack.pop() !== closing[ch]) return `syntax error: unexpected "${ch}" at offset ${i}`;
      if (ch === ")" && strings.length > 0 && strings[strings.length - 1] === stack.length) {
        strings.pop();
        inString = true;
      }
    }
    i++;
  }
  if (inString || stack.length > 0) return "syntax error: unexpected end of program";
  return undefined;
}

type JqReply = { ok: true; output: string } | { ok: false; error: string };

interface JqJob {
  program: string;
  input: string;
  timeoutMs: number;
}

interface PendingJob extends JqJob {
  resolve: (reply: JqReply) => void;
}

/**
 * Runs in the worker. jq-web loads its .wasm once; each job is one `jq -c PROGRAM` call over the input string.
 * jq-web echoes jq's stderr to the console, which would leak `debug` output into the host's logs, so it is muted.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
for (const name of ["log", "error", "warn", "info", "debug"]) console[name] = () => {};
const ready = require(workerData.jqWebPath);
ready.then(() => parentPort.postMessage({ type: "ready" }), (e) => parentPort.postMessage({ type: "failed", error: String(e) }));
parentPort.on("message", async (job) => {
  const jq = await ready;
  try {
    const output = jq.raw(job.input, job.program, ["-c"]);
    parentPort.postMessage({ type: "done", ok: true, output });
  } catch (e) {
    const stderr = e && typeof e.stderr === "string" && e.stderr.trim() !== "" ? e.stderr : String(e && e.message || e);
    parentPort.postMessage({ type: "done", ok: false, error: stderr.trim() });
  }
});
`;

/** One worker, one job at a time; a job that overruns its time kills the worker. */
class JqPool {
  #worker: Worker | undefined;
  #ready: Promise<void> | undefined;
  #queue: PendingJob[] = [];
  #busy = false;

  run(job: JqJob): Promise<JqReply> {
    return new Promise((resolve) => {
      this.#queue.push({ ...job, resolve });
      void this.#pump();
    });
  }

  async close(): Promise<void> {
    const worker = this.#worker;
    this.#worker = undefined;
    this.#ready = undefined;
    if (worker !== undefined) await worker.terminate();
  }

  #start(): { worker: Worker; ready: Promise<void> } {
    if (this.#worker !== undefined && this.#ready !== undefined) return { worker: this.#worker, ready: this.#ready };
    const jqWebPath = createRequire(import.meta.url).resolve("jq-web");
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { jqWebPath },
      // jq's own memory is WebAssembly memory (capped at 2 GiB by the build); this caps the JS side.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    worker.unref();
    // Without a listener an 'error' event would be thrown in the host; the 'exit' handlers below report it.
    worker.on("error", () => undefined);
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (isWorkerMessage(message) && message.type === "ready") resolve();
        else if (isWorkerMessage(message) && message.type === "failed") reject(new Error(message.error ?? "jq failed to load"));
        worker.off("message", onMessage);
      };
      worker.on("message", onMessage);
      worker.once("error", reject);
    });
    // A rejected load is reported through the job that awaited it.
    ready.catch(() => undefined);
    worker.on("exit", () => {
      if (this.#worker === worker) {
        this.#worker = undefined;
        this.#ready = undefined;
      }
    });
    this.#worker = worker;
    this.#ready = ready;
    return { worker, ready };
  }

  async #pump(): Promise<void> {
    if (this.#busy) return;
    const job = this.#queue.shift();
    if (job === undefined) return;
    this.#busy = true;
    try {
      job.resolve(await this.#runOne(job));
    } finally {
      this.#busy = false;
      void this.#pump();
    }
  }

  async #runOne(job: JqJob): Promise<JqReply> {
    const { worker, ready } = this.#start();
    try {
      await ready;
    } catch (cause) {
      await this.close();
      return { ok: false, error: `jq could not be loaded: ${cause instanceof Error ? cause.message : String(cause)}` };
    }
    worker.ref();
    try {
      return await new Promise<JqReply>((resolve) => {
        const timer = setTimeout(() => {
          cleanup();
          void this.close();
          resolve({ ok: false, error: `jq program exceeded the time limit of ${job.timeoutMs} ms` });
        }, job.timeoutMs);
        const onMessage = (message: unknown): void => {
          if (!isWorkerMessage(message) || message.type !== "done") return;
          cleanup();
          resolve(message.ok === true ? { ok: true, output: message.output ?? "" } : { ok: false, error: message.error ?? "jq failed" });
        };
        const onExit = (): void => {
          cleanup();
          resolve({ ok: false, error: "jq worker stopped (out of memory?)" });
        };
        const cleanup = (): void => {
          clearTimeout(timer);
          worker.off("message", onMessage);
          worker.off("exit", onExit);
        };
        worker.on("message", onMessage);
        worker.once("exit", onExit);
        worker.postMessage({ program: job.program, input: job.input });
      });
    } finally {
      worker.unref();
    }
  }
}

interface WorkerMessage {
  type: "ready" | "failed" | "done";
  ok?: boolean;
  output?: string;
  error?: string;
}

function isWorkerMessage(message: unknown): message is WorkerMessage {
  return typeof message === "object" && message !== null && "type" in message;
}

const jqPool = new JqPool();
