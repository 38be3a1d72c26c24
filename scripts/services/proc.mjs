// Processes of the services: liveness (by pid and command line), stopping with all their children, detached starts,
// and waiting for readiness.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { ServiceError, sleep, tail } from "./lib.mjs";
// ---------- processes ----------
function procStat(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return {
      state: fields[0],
      ppid: Number(fields[1]),
      pgrp: Number(fields[2]),
    };
  } catch {
    return null;
  }
}
/** True when `pid` is a live (non-zombie) process whose command line contains `marker`. */
export function isAlive(pid, marker) {
  if (!pid) return false;
  const stat = procStat(pid);
  if (!stat || stat.state === "Z" || stat.state === "X") return false;
  if (!marker) return true;
  try {
    return fs
      .readFileSync(`/proc/${pid}/cmdline`, "utf8")
      .replaceAll("\0", " ")
      .includes(marker);
  } catch {
    return false;
  }
}
/** Live processes forked by `pid` (children, grandchildren, …) plus the members of its process group. */
export function descendants(pid) {
  const table = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = procStat(Number(entry));
    if (stat && stat.state !== "Z" && stat.state !== "X")
      table.push({ pid: Number(entry), ...stat });
  }
  const found = new Set(
    table.filter((p) => p.pgrp === pid && p.pid !== pid).map((p) => p.pid),
  );
  const queue = [pid];
  while (queue.length) {
    const parent = queue.pop();
    for (const p of table) {
      if (p.ppid === parent && !found.has(p.pid)) {
        found.add(p.pid);
        queue.push(p.pid);
      }
    }
  }
  return [...found];
}
function signal(pid, sig) {
  try {
    process.kill(pid, sig);
  } catch {
    /* already gone */
  }
}
async function waitGone(pids, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = pids.filter((pid) => isAlive(pid));
    if (left.length === 0) return [];
    if (Date.now() > deadline) return left;
    await sleep(100);
  }
}
/**
 * Stops the server `pid` (the leader of its own process group): `sig` first, then SIGKILL after `timeoutMs`, and waits
 * until every process of its group has gone, so that ports, shared memory and lock files are free afterwards.
 */
export async function stopProcess(
  pid,
  { sig = "SIGTERM", timeoutMs = 15_000 } = {},
) {
  if (!isAlive(pid)) return;
  const children = descendants(pid); // before the signal: orphans get re-parented
  signal(pid, sig);
  const left = await waitGone([pid], timeoutMs);
  if (left.length) signal(pid, "SIGKILL");
  await waitGone([pid], 10_000);
  // Children of a crashed/killed server (e.g. PostgreSQL backends) notice and exit by themselves; help the slow ones.
  const stragglers = await waitGone(children, 5_000);
  for (const child of stragglers) signal(child, "SIGKILL");
  await waitGone(stragglers, 5_000);
  // A zombie still answers kill(pid, 0) (PostgreSQL's pid-file check uses that): give its reaper a moment.
  const deadline = Date.now() + 2_000;
  while (fs.existsSync(`/proc/${pid}`) && Date.now() < deadline)
    await sleep(50);
}

/** Starts `cmd` detached (own session), stdout+stderr appended to `logFile`; returns its pid. */
export async function spawnDaemon(cmd, args, { logFile, cwd, env, uid, gid }) {
  const fd = fs.openSync(logFile, "a");
  fs.writeSync(
    fd,
    `\n--- ${new Date().toISOString()} starting: ${cmd} ${args.join(" ")}\n`,
  );
  try {
    const child = spawn(cmd, args, {
      cwd,
      env: env ?? process.env,
      uid,
      gid,
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    const pid = await new Promise((resolve, reject) => {
      child.once("error", reject);
      child.once("spawn", () => resolve(child.pid));
    });
    child.unref();
    return pid;
  } finally {
    fs.closeSync(fd);
  }
}

export async function waitReady(
  name,
  check,
  { pid, marker, logFile, timeoutMs, intervalMs = 200 },
) {
  const started = Date.now();
  let lastError = "";
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch (err) {
      lastError = err?.message ?? String(err);
    }
    if (pid && !isAlive(pid, marker)) {
      throw new ServiceError(
        name,
        "the server process exited during startup",
        tail(logFile),
      );
    }
    if (Date.now() - started > timeoutMs) {
      const why = lastError ? ` (last check: ${lastError})` : "";
      throw new ServiceError(
        name,
        `not ready after ${Math.round(timeoutMs / 1000)} s${why}`,
        tail(logFile),
      );
    }
    await sleep(intervalMs);
  }
}
