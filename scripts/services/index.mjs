// Importable API of the project's test services (used by scripts/services.mjs and test global setups).
//
//   import { up, down, kill, restart, info } from "./scripts/services/index.mjs";
//   const { nats, postgres } = await up(["nats", "postgres"]);   // → { name, url, port, pid, dataDir, logFile, version }
//
// State: <repo>/.services/<name>/info.json (+ the service's log and, for most, its data dir).
import fs from "node:fs";
import {
  healthy,
  lookup,
  normalize,
  SERVICE_NAMES,
  SERVICES,
  startOne,
  stopService,
} from "./core.mjs";
import { log, readInfo, removeInfo, ServiceError, writeInfo } from "./lib.mjs";
import { withLock } from "./lock.mjs";
import { isAlive, stopProcess } from "./proc.mjs";

export { SERVICE_NAMES, SERVICES } from "./core.mjs";

/** Error thrown by up(): names every service that failed; `results` holds those that did start. */
export class ServicesError extends Error {
  constructor(failures, results) {
    super(
      failures
        .map(({ name, error }) =>
          error instanceof ServiceError
            ? error.message
            : `${name}: ${error?.stack ?? error}`,
        )
        .join("\n\n"),
    );
    this.failed = failures.map((f) => f.name);
    this.results = results;
  }
}

/** Installs (if missing) and starts each service, in parallel; idempotent. Resolves { [name]: info }. */
export function up(names) {
  const list = normalize(names);
  return withLock(async () => {
    const settled = await Promise.allSettled(
      list.map((name) => startOne(lookup(name))),
    );
    const results = {};
    const failures = [];
    settled.forEach((r, i) =>
      r.status === "fulfilled"
        ? (results[list[i]] = r.value)
        : failures.push({ name: list[i], error: r.reason }),
    );
    if (failures.length) throw new ServicesError(failures, results);
    return results;
  });
}

/** Stops the named services cleanly (all started ones when none is named). Keeps ports and data for the next up. */
export function down(names) {
  const list = normalize(names);
  return withLock(async () => {
    const targets = list.length
      ? list
      : SERVICE_NAMES.filter((n) => readInfo(n));
    await Promise.all(
      targets.map(async (name) => {
        const svc = lookup(name);
        const s = readInfo(name);
        if (!s || svc.daemon === false) return;
        if (isAlive(s.pid, svc.marker)) {
          log(`${name}: stopping pid ${s.pid}`);
          await stopService(svc, s);
        }
        writeInfo(name, { ...s, pid: null });
      }),
    );
    return targets;
  });
}

/** SIGKILL to the real server process (a crash, for broker-failure tests). Ports and data stay for restart(). */
export function kill(name) {
  const svc = lookup(name);
  return withLock(async () => {
    const s = readInfo(name);
    if (!s || !isAlive(s.pid, svc.marker))
      throw new ServiceError(name, "is not running");
    await stopProcess(s.pid, { sig: "SIGKILL", timeoutMs: 5_000 });
    return s;
  });
}

/** Starts the service again on the SAME port(s) and data dir (stopping it first if it still runs). */
export function restart(name) {
  const svc = lookup(name);
  return withLock(async () => {
    const prev = readInfo(name);
    if (!prev) throw new ServiceError(name, "was never started; use up");
    if (svc.daemon !== false && isAlive(prev.pid, svc.marker))
      await stopService(svc, prev);
    return startOne(svc, { strictPorts: true });
  });
}

/** Stops the services and deletes their data, ports and logs (a clean slate for the next up). */
export function clean(names) {
  const list = normalize(names);
  return down(list).then((targets) =>
    withLock(async () => {
      for (const name of targets) {
        const s = readInfo(name);
        if (s?.dataDir) fs.rmSync(s.dataDir, { recursive: true, force: true });
        await lookup(name).clean?.(s);
        removeInfo(name);
        if (s?.logFile) fs.rmSync(s.logFile, { force: true });
      }
      return targets;
    }),
  );
}

/** The saved info of a service plus `running` (its process is alive), or null if it was never started. */
export function info(name) {
  const svc = lookup(name);
  const s = readInfo(name);
  if (!s) return null;
  return {
    ...s,
    running: svc.daemon === false ? true : isAlive(s.pid, svc.marker),
  };
}

/** One row per known service: { name, state: running|unhealthy|stopped|installed|absent, url, pid }. */
export async function status() {
  return Promise.all(
    SERVICE_NAMES.map(async (name) => {
      const svc = SERVICES[name];
      const s = readInfo(name);
      if (!s) return { name, state: "absent", url: null, pid: null };
      if (svc.daemon === false)
        return {
          name,
          state: "installed",
          url: s.url,
          pid: null,
          version: s.version,
        };
      if (!isAlive(s.pid, svc.marker))
        return {
          name,
          state: "stopped",
          url: s.url,
          pid: null,
          version: s.version,
        };
      return {
        name,
        state: (await healthy(svc, s)) ? "running" : "unhealthy",
        url: s.url,
        pid: s.pid,
        version: s.version,
      };
    }),
  );
}

/** { VAR: value } for the running services among `names` (all when none named). */
export function envVars(names) {
  const list = normalize(names);
  const out = {};
  for (const name of list.length ? list : SERVICE_NAMES) {
    const i = info(name);
    if (i?.running) out[SERVICES[name].envVar] = i.url;
  }
  return out;
}
