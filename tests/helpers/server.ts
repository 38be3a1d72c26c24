/**
 * Run a real `signalbox serve` process for integration tests: its own data dir, auth on, API on a free port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "../..");

/** A running server process. */
export interface ServerProcess {
  url: string;
  token: string;
  dataDir: string;
  process: ChildProcess;
  output: () => string;
  /** Send a signal and wait for the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A fresh data dir. */
export function tempDataDir(prefix = "sb-it-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Start `signalbox serve` and wait until `/readyz` answers 200. */
export async function startServer(options: { dataDir?: string; env?: Record<string, string>; args?: string[] } = {}): Promise<ServerProcess> {
  const dataDir = options.dataDir ?? tempDataDir();
  const urlFile = join(dataDir, "api.url");
  if (existsSync(urlFile)) rmSync(urlFile);
  let output = "";
  const child = spawn(process.execPath, [join(root, "apps/server/bin/signalbox.mjs"), "serve", "--port", "0", "--data-dir", dataDir, ...(options.args ?? [])], {
    cwd: root,
    env: { ...process.env, SIGNALBOX_LOG_LEVEL: "warn", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolveExit) => child.once("exit", (code) => resolveExit(code)));
  const deadline = Date.now() + 60_000;
  let url = "";
  for (;;) {
    if (child.exitCode !== null) throw new Error(`signalbox serve exited with ${child.exitCode}:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`signalbox serve did not become ready:\n${output}`);
    }
    if (existsSync(urlFile)) {
      url = readFileSync(urlFile, "utf8").trim();
      const ready = await fetch(`${url}/readyz`).then((r) => r.status).catch(() => 0);
      if (ready === 200) break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    token: readFileSync(join(dataDir, "admin.token"), "utf8").trim(),
    dataDir,
    process: child,
    output: () => output,
    stop: async (signal = "SIGTERM") => {
      if (child.exitCode !== null) return child.exitCode;
      child.kill(signal);
      return exited;
    },
  };
}

/** Apply manifests through REST; throws with the API's error on failure. */
export async function apply(server: ServerProcess, yaml: string): Promise<unknown> {
  const response = await fetch(`${server.url}/api/v1/manifests`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/yaml" },
    body: yaml,
  });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`apply failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
