// Shared helpers for the service scripts: paths, state files, logging, running commands, free loopback ports.
// Plain Node ESM, built-ins only.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = path.resolve(
  fileURLToPath(new URL("../..", import.meta.url)),
);
/** All per-checkout state (ports, pids, logs, most data) lives here; `.services/` is git-ignored. */
export const stateRoot = path.join(repoRoot, ".services");
/** Short, stable id of this checkout, so two clones on one machine never share data or node names. */
export const repoHash = crypto
  .createHash("sha256")
  .update(fs.realpathSync(repoRoot))
  .digest("hex")
  .slice(0, 12);
/** Data that an unprivileged user must reach (PostgreSQL): /root/... is not traversable for it. */
export const externalRoot = path.join("/var/tmp", `signalbox-${repoHash}`);
/** Downloads reused across checkouts (Kafka jars). */
export const cacheRoot = path.join(
  process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"),
  "signalbox",
);
export const isRoot =
  typeof process.getuid === "function" && process.getuid() === 0;

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export function log(message) {
  process.stderr.write(`[services] ${message}\n`);
}

/** An error that names the service it is about and carries the tail of its log. */
export class ServiceError extends Error {
  constructor(service, message, logTail = "") {
    super(
      `${service}: ${message}${logTail ? `\n--- last lines of its log ---\n${logTail}` : ""}`,
    );
    this.service = service;
  }
}

// ---------- state files ----------
export function serviceDir(name) {
  const dir = path.join(stateRoot, name);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}
const infoPath = (name) => path.join(stateRoot, name, "info.json");
export function readInfo(name) {
  try {
    return JSON.parse(fs.readFileSync(infoPath(name), "utf8"));
  } catch {
    return null;
  }
}
export function writeInfo(name, info) {
  serviceDir(name);
  const tmp = `${infoPath(name)}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(info, null, 2)}\n`);
  fs.renameSync(tmp, infoPath(name));
}
export function removeInfo(name) {
  fs.rmSync(infoPath(name), { force: true });
}

/** The last `lines` lines of a log, from its latest "--- <time> starting" header on (spawnDaemon writes those). */
export function tail(file, lines = 30) {
  try {
    let text = fs.readFileSync(file, "utf8");
    const header = text.lastIndexOf("\n--- ");
    if (header > 0) text = text.slice(header + 1);
    return text
      .split("\n")
      .slice(-lines - 1)
      .join("\n")
      .trimEnd();
  } catch {
    return "";
  }
}

/** Runs a command to completion; resolves { code, stdout, stderr } (never rejects on a non-zero exit). */
export function run(
  cmd,
  args,
  { cwd, env, uid, gid, timeoutMs = 120_000, input, logFile } = {},
) {
  return new Promise((resolve, reject) => {
    const stdin = input === undefined ? "ignore" : "pipe";
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      uid,
      gid,
      stdio: [stdin, "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const logFd = logFile ? fs.openSync(logFile, "a") : null;
    const onData = (which) => (chunk) => {
      if (which === "out") stdout += chunk;
      else stderr += chunk;
      if (logFd !== null) fs.writeSync(logFd, chunk);
    };
    child.stdout.on("data", onData("out"));
    child.stderr.on("data", onData("err"));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      if (logFd !== null) fs.closeSync(logFd);
      reject(err);
    });
    child.once("close", (code, sig) => {
      clearTimeout(timer);
      if (logFd !== null) fs.closeSync(logFd);
      resolve({ code: code ?? (sig ? 128 : 1), stdout, stderr });
    });
    if (child.stdin) {
      child.stdin.on("error", () => {}); // the command may exit without reading it
      child.stdin.end(input);
    }
  });
}

/** Path of an executable found on PATH (plus the sbin dirs, which a non-root PATH may lack), or null. */
export function which(bin) {
  if (bin.includes("/")) return fs.existsSync(bin) ? bin : null;
  const dirs = [
    ...(process.env.PATH ?? "").split(":"),
    "/usr/local/sbin",
    "/usr/sbin",
    "/sbin",
  ];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = path.join(dir, bin);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      return candidate;
    } catch {
      /* next */
    }
  }
  return null;
}

// ---------- ports (loopback only) ----------
function listenOnce(port) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once("error", () => resolve(null));
    server.listen({ host: "127.0.0.1", port, exclusive: true }, () => {
      const { port: bound } = server.address();
      server.close(() => resolve(bound));
    });
  });
}
export const portFree = async (port) => (await listenOnce(port)) === port;
const reserved = new Set();
/** The previous port when it is still free, else a fresh free loopback port; never hands out one port twice. */
export async function pickPort(previous) {
  if (previous && !reserved.has(previous) && (await portFree(previous))) {
    reserved.add(previous);
    return previous;
  }
  for (;;) {
    const port = await listenOnce(0);
    if (port && !reserved.has(port)) {
      reserved.add(port);
      return port;
    }
  }
}

/** Polls `check` (→ truthy when ready) until it passes, the process dies, or the timeout expires. */
