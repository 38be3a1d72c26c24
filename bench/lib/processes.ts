/**
 * Child processes of a benchmark run: pinned with `taskset` (server on one core, load on the other), IPC agents,
 * and CPU time and RSS read from /proc.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { cpus } from "node:os";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");

/** Where each side runs. */
export interface Pinning {
  /** Whether `taskset` pinning is in effect. */
  pinned: boolean;
  serverCore: number | undefined;
  loadCore: number | undefined;
  /** Human-readable: printed with every result. */
  description: string;
}

/** Decide the pinning: server on core 0, load on core 1, when `taskset` works and there are ≥ 2 cores. */
export function choosePinning(): Pinning {
  const cores = cpus().length;
  if (cores < 2)
    return { pinned: false, serverCore: undefined, loadCore: undefined, description: `not pinned: only ${cores} core` };
  try {
    execFileSync("taskset", ["-c", "0", "true"], { stdio: "ignore" });
    execFileSync("taskset", ["-c", "1", "true"], { stdio: "ignore" });
  } catch (error) {
    return {
      pinned: false,
      serverCore: undefined,
      loadCore: undefined,
      description: `not pinned: taskset failed (${(error as Error).message.split("\n")[0]})`,
    };
  }
  return {
    pinned: true,
    serverCore: 0,
    loadCore: 1,
    description: `pinned with taskset: server (Signalbox, baseline servers, B3/B4, B5's client) on core 0; load generator, sink and ledger on core 1; nats-server is a shared service and not pinned`,
  };
}

/** Spawn `node <args>` pinned to `core` (when given). */
export function spawnNode(input: {
  core: number | undefined;
  args: string[];
  env?: NodeJS.ProcessEnv;
  ipc?: boolean;
  stdio?: "pipe" | "ignore" | "inherit";
}): ChildProcess {
  const node = [process.execPath, ...input.args];
  const [command, ...args] = input.core === undefined ? node : ["taskset", "-c", String(input.core), ...node];
  const out = input.stdio ?? "pipe";
  return spawn(command ?? process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...input.env },
    stdio: input.ipc ? ["ignore", out, out, "ipc"] : ["ignore", out, out],
  });
}

/** The pid of the Node process itself (taskset execs node, so it is the same pid). */
export function cpuTimeUs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1e6) / clockTicks();
  } catch {
    return undefined;
  }
}

let ticksPerSecond: number | undefined;
function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Resident set size in MB. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Math.round((Number(match[1]) / 1024) * 10) / 10 : undefined;
  } catch {
    return undefined;
  }
}

/** The cores a process may run on (`taskset -p`), for the report. */
export function affinity(pid: number): string {
  try {
    return (
      execFileSync("taskset", ["-cp", String(pid)], { encoding: "utf8" })
        .trim()
        .split(": ")
        .pop() ?? "?"
    );
  } catch {
    return "?";
  }
}

/** A child process driven over IPC (bench/agent.ts). */
export class Agent {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  readonly ready: Promise<void>;
  private output = "";

  constructor(
    readonly name: string,
    readonly child: ChildProcess,
  ) {
    let markReady!: () => void;
    this.ready = new Promise((resolveReady) => (markReady = resolveReady));
    child.stdout?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    child.stderr?.on("data", (chunk: Buffer) => (this.output = (this.output + chunk.toString()).slice(-20_000)));
    child.on("message", (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      if (message.id === 0) return markReady();
      const waiter = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiter?.resolve(message.result);
      else waiter?.reject(new Error(`${this.name}: ${message.error}`));
    });
    child.on("exit", (code, signal) => {
      for (const waiter of this.pending.values())
        waiter.reject(new Error(`${this.name} exited (${code ?? signal}):\n${this.output}`));
      this.pending.clear();
    });
  }

  static async start(name: string, core: number | undefined): Promise<Agent> {
    const child = spawnNode({ core, args: ["--import", "tsx", resolve(ROOT, "bench/agent.ts")], ipc: true });
    const agent = new Agent(name, child);
    await Promise.race([
      agent.ready,
      new Promise((_, reject) =>
        child.once("exit", (code) => reject(new Error(`${name} agent exited with ${code}: ${agent.output}`))),
      ),
    ]);
    return agent;
  }

  call<T>(cmd: string, args: unknown = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolveCall, reject) => {
      this.pending.set(id, { resolve: resolveCall as (value: unknown) => void, reject });
      this.child.send({ id, cmd, args });
    });
  }

  get pid(): number {
    return this.child.pid ?? 0;
  }

  stop(): void {
    if (this.child.exitCode === null) this.child.kill("SIGTERM");
  }
}
