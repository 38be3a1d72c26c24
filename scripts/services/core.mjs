// The core of the service scripts: the registry of services and how one is started (idempotently), checked and
// stopped. index.mjs wraps these in the public, locked API.
import path from "node:path";
import chromium from "./chromium.mjs";
import kafka from "./kafka.mjs";
import {
  log,
  portFree,
  pickPort,
  readInfo,
  serviceDir,
  ServiceError,
  sleep,
  writeInfo,
} from "./lib.mjs";
import { isAlive, stopProcess, waitReady } from "./proc.mjs";
import mosquitto from "./mosquitto.mjs";
import nats from "./nats.mjs";
import postgres from "./postgres.mjs";
import rabbitmq from "./rabbitmq.mjs";
import redis from "./redis.mjs";

export const SERVICES = {
  nats,
  postgres,
  kafka,
  chromium,
  mosquitto,
  redis,
  rabbitmq,
};
export const SERVICE_NAMES = Object.keys(SERVICES);

export function lookup(name) {
  const svc = SERVICES[name];
  if (!svc)
    throw new Error(
      `unknown service '${name}' (known: ${SERVICE_NAMES.join(", ")})`,
    );
  return svc;
}
export function normalize(names) {
  const list =
    names === undefined || names === null
      ? []
      : Array.isArray(names)
        ? names
        : [names];
  const unique = [...new Set(list)];
  unique.forEach(lookup);
  return unique;
}

const withTimeout = (promise, ms) =>
  Promise.race([
    promise,
    new Promise((_, reject) =>
      setTimeout(() => reject(new Error("probe timeout")), ms).unref(),
    ),
  ]);
export async function healthy(svc, s) {
  try {
    return Boolean(await withTimeout(svc.ready(s), 8_000));
  } catch {
    return false;
  }
}

export async function stopService(svc, s) {
  await stopProcess(s.pid, {
    sig: svc.stopSignal ?? "SIGTERM",
    timeoutMs: svc.stopTimeoutMs ?? 15_000,
  });
  await svc.afterStop?.(s);
}

/** The previous port of `key` when strict (restart): waits for it to be released, fails if someone else holds it. */
async function strictPort(name, key, wanted) {
  const deadline = Date.now() + 15_000;
  while (!(await portFree(wanted))) {
    if (Date.now() > deadline)
      throw new ServiceError(
        name,
        `cannot restart on the same port: ${key} ${wanted} is in use by another process`,
      );
    await sleep(250);
  }
  const port = await pickPort(wanted);
  if (port !== wanted)
    throw new ServiceError(
      name,
      `cannot restart on the same port: ${key} ${wanted} is taken`,
    );
  return port;
}

export async function startOne(svc, { strictPorts = false } = {}) {
  const name = svc.name;
  const prev = readInfo(name);
  if (svc.daemon === false) {
    const inst = await svc.install();
    const s = {
      name,
      url: svc.url(inst),
      port: null,
      pid: null,
      dataDir: null,
      logFile: null,
      ...inst,
    };
    writeInfo(name, s);
    return s;
  }
  const logFile = path.join(serviceDir(name), `${name}.log`);
  if (prev && isAlive(prev.pid, svc.marker)) {
    if (await healthy(svc, prev)) return prev; // running and healthy: nothing to do
    try {
      // Maybe still starting (an earlier `up` was interrupted): give it a little while.
      await waitReady(name, () => svc.ready(prev), {
        pid: prev.pid,
        marker: svc.marker,
        logFile,
        timeoutMs: 20_000,
      });
      await svc.afterReady?.(prev);
      return prev;
    } catch {
      log(`${name}: pid ${prev.pid} is running but not healthy; restarting it`);
      await stopService(svc, prev);
    }
  }
  if (prev?.pid && !isAlive(prev.pid, svc.marker)) await svc.afterStop?.(prev); // leftovers of a crash (e.g. epmd)
  const inst = await svc.install();
  const s = {
    name,
    url: null,
    port: null,
    pid: null,
    dataDir: svc.dataDir(),
    logFile,
    ...inst,
  };
  for (const key of svc.ports) {
    s[key] =
      strictPorts && prev?.[key]
        ? await strictPort(name, key, prev[key])
        : await pickPort(prev?.[key]);
  }
  s.url = svc.url(s);
  const started = Date.now();
  log(`${name}: starting on 127.0.0.1:${s.port}…`);
  s.pid = await svc.start(s);
  s.startedAt = new Date().toISOString();
  writeInfo(name, s); // before the wait, so that `down`/`kill` find it even if readiness fails
  try {
    await waitReady(name, () => svc.ready(s), {
      pid: s.pid,
      marker: svc.marker,
      logFile,
      timeoutMs: svc.readyTimeoutMs ?? 30_000,
    });
    await svc.afterReady?.(s);
  } catch (err) {
    await stopService(svc, s).catch(() => {});
    throw err instanceof ServiceError
      ? err
      : new ServiceError(name, err?.message ?? String(err));
  }
  log(
    `${name}: ready at ${s.url} (${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  return s;
}
