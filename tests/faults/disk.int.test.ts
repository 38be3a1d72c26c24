/**
 * Disk full and a read-only data dir, on the embedded bus (the one whose durability is the data dir's):
 * - disk full under load: webhooks answer a clean 503 + Retry-After (never a 2xx for an event that was not
 *   committed), the server stays up, intake resumes once space is freed, every acknowledged event reaches the
 *   sink, and both SQLite files pass `PRAGMA integrity_check` afterwards;
 * - read-only data dir: the server refuses to start with a message naming the problem (exit ≠ 0, no hang), and
 *   starts again with its data intact once the directory is writable.
 *
 * Root ignores file permissions, so the data dir is a small tmpfs mounted for the test (a real ENOSPC, and a real
 * EROFS after `mount -o remount,ro`). Where mounting is not allowed, disk full falls back to `prlimit --fsize` on the
 * server (EFBIG past the limit) and read-only to `chmod` with the server run as an unprivileged user; the test says
 * which ran.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, expect, it } from "vitest";
import { freePort, startServer, type ServerProcess } from "../helpers/server.ts";
import {
  applyFlow,
  expectBalanced,
  faultFlowYaml,
  healthy,
  sleep,
  startFaultSink,
  suffix,
  timer,
  waitBalanced,
  WebhookLoad,
  type FaultSink,
} from "./helpers.ts";

const root = resolve(import.meta.dirname, "../..");
const mountPoint = mkdtempSync(join(tmpdir(), "sb-fault-disk-"));
let mounted = false;

function tryMount(sizeMb: number): boolean {
  // SIGNALBOX_FAULTS_NO_MOUNT=1 exercises the fallbacks where mounting works.
  if (process.env.SIGNALBOX_FAULTS_NO_MOUNT === "1") return false;
  const result = spawnSync("mount", ["-t", "tmpfs", "-o", `size=${sizeMb}m,mode=0777`, "tmpfs", mountPoint], {
    encoding: "utf8",
  });
  mounted = result.status === 0;
  return mounted;
}

let server: ServerProcess | undefined;
let sink: FaultSink | undefined;
afterEach(async () => {
  await server?.stop("SIGKILL");
  await sink?.close();
  server = undefined;
  sink = undefined;
});
afterAll(() => {
  if (mounted) spawnSync("umount", ["-l", mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

function integrity(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return String(db.pragma("integrity_check", { simple: true }));
  } finally {
    db.close();
  }
}

/** Fill the file system holding `dir` with a filler file until the kernel refuses (ENOSPC). */
function fillDisk(dir: string): string {
  const filler = join(dir, "filler.bin");
  const fd = openSync(filler, "w");
  try {
    for (const size of [4 << 20, 1 << 20, 64 << 10, 4 << 10, 512]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          writeSync(fd, chunk);
        } catch {
          break;
        }
      }
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

it("disk full under load: clean 503 + Retry-After, no acknowledged event lost, no corruption", async () => {
  const t = timer("disk full");
  const useMount = tryMount(96);
  const dataDir = join(mountPoint, "data");
  mkdirSync(dataDir, { recursive: true });
  console.log(
    `[faults] disk full: ${useMount ? "tmpfs of 96 MB mounted as the data dir (real ENOSPC)" : "mount not allowed: prlimit --fsize=1 on the server (every file write fails with EFBIG)"}`,
  );
  sink = await startFaultSink();
  server = await startServer({ dataDir });
  const namespace = `disk-${suffix()}`;
  const port = await freePort();
  await applyFlow(
    server,
    faultFlowYaml({
      namespace,
      bus: "embedded",
      port,
      triggers: [{ name: "out", url: `${sink.url}/out`, retry: { steps: 40, duration: "500ms" } }],
    }),
    namespace,
  );
  t("server up");

  const load = new WebhookLoad({ url: `http://127.0.0.1:${port}/in`, prefix: "a", concurrency: 8, pauseMs: 5 }).start();
  await load.waitAcked(100);
  const pid = server.process.pid ?? 0;
  let filler: string | undefined;
  if (useMount) filler = fillDisk(dataDir);
  else {
    // Every write past offset 0 fails (SQLite rewrites its WAL from the start, so a limit near the current sizes
    // would let it go on). Soft limit only: an unprivileged process may raise it back.
    execFileSync("prlimit", ["--pid", String(pid), "--fsize=1:"]);
  }
  t("disk full");
  const ackedWhenFull = load.stats.acked.size;
  const statusesBefore = new Map(load.stats.statuses);
  await sleep(3000);
  const during = [...load.stats.statuses]
    .map(([status, n]) => [status, n - (statusesBefore.get(status) ?? 0)] as const)
    .filter(([, n]) => n > 0);
  expect(await healthy(server), "the API answers while the disk is full").toBe(true);
  expect(server.process.exitCode, `the server stays up (output: ${server.output().slice(-1500)})`).toBeNull();
  const refused = during.filter(([status]) => status === 503).reduce((s, [, n]) => s + n, 0);

  // Free the space: intake resumes by itself.
  if (filler) rmSync(filler);
  else execFileSync("prlimit", ["--pid", String(pid), "--fsize=unlimited:"]);
  t("space freed");
  await load.waitAcked(load.stats.acked.size + 50, 30_000);
  const stats = await load.stop();
  t("intake resumed");
  expect(stats.unexpected, "answers other than 2xx and 503 + Retry-After").toEqual([]);
  expect(stats.shedWithoutRetryAfter).toBe(0);
  expect(refused, `webhooks refused while the disk was full (answers then: ${JSON.stringify(during)})`).toBeGreaterThan(
    0,
  );

  const result = await waitBalanced(stats.acked, sink, 30_000);
  expect(await server.stop("SIGTERM")).toBe(0);
  const checks = ["bus.db", "signalbox.db"]
    .filter((f) => existsSync(join(dataDir, f)))
    .map((f) => `${f}: ${integrity(join(dataDir, f))}`);
  expectBalanced(
    "disk full under load, embedded bus",
    result,
    `${ackedWhenFull} acknowledged before the disk filled; answers while full ${JSON.stringify(during)}; integrity ${checks.join(", ")}`,
  );
  expect(checks).toEqual(["bus.db: ok", "signalbox.db: ok"]);
}, 90_000);

it("read-only data dir: refuses to start with a clear message, starts again with its data intact", async () => {
  const t = timer("read-only");
  if (!mounted) tryMount(96);
  const dataDir = join(mountPoint, "ro");
  mkdirSync(dataDir, { recursive: true });
  sink = await startFaultSink();
  server = await startServer({ dataDir });
  const namespace = `ro-${suffix()}`;
  const port = await freePort();
  await applyFlow(
    server,
    faultFlowYaml({ namespace, bus: "embedded", port, triggers: [{ name: "out", url: `${sink.url}/out` }] }),
    namespace,
  );
  const stats = await new WebhookLoad({ url: `http://127.0.0.1:${port}/in`, prefix: "r", concurrency: 4, total: 50 })
    .start()
    .done();
  expectBalanced("before the data dir became read-only", await waitBalanced(stats.acked, sink, 20_000));
  expect(await server.stop("SIGTERM")).toBe(0);
  server = undefined;
  t("stopped; data dir made read-only");

  let how: string;
  let command: string[];
  if (mounted && spawnSync("mount", ["-o", "remount,ro", mountPoint]).status === 0) {
    how = "tmpfs remounted read-only (EROFS, which binds root too)";
    command = [process.execPath];
  } else {
    how = "chmod a-w and the server run as the unprivileged user nobody";
    spawnSync("chmod", ["-R", "a+rX", mountPoint]);
    chmodSync(dataDir, 0o555);
    command = ["runuser", "-u", "nobody", "--", process.execPath];
  }
  console.log(`[faults] read-only data dir: ${how}`);
  const [bin, ...pre] = command;
  const started = Date.now();
  const refused = spawnSync(
    bin ?? process.execPath,
    [...pre, join(root, "apps/server/bin/signalbox.mjs"), "serve", "--port", "0", "--data-dir", dataDir],
    {
      cwd: root,
      encoding: "utf8",
      timeout: 45_000,
      env: { ...process.env, SIGNALBOX_LOG_LEVEL: "warn" },
    },
  );
  const output = `${refused.stdout}${refused.stderr}`;
  const tookMs = Date.now() - started;
  console.log(
    `[faults] read-only data dir: exit ${refused.status} after ${tookMs} ms: ${output.trim().split("\n").slice(-3).join(" | ").slice(0, 400)}`,
  );
  expect(refused.error, "the server must not hang on a read-only data dir").toBeUndefined();
  expect(refused.status, "exit code on a read-only data dir").not.toBe(0);
  expect(output, "the message names the problem").toMatch(/read-only|EROFS|EACCES|permission denied|not writable/i);
  expect(output, "no raw stack trace").not.toMatch(/^\s+at .+\(.+:\d+:\d+\)$/m);

  if (how.startsWith("tmpfs")) spawnSync("mount", ["-o", "remount,rw", mountPoint]);
  else chmodSync(dataDir, 0o755);
  t("writable again");
  server = await startServer({ dataDir });
  const after = await new WebhookLoad({ url: `http://127.0.0.1:${port}/in`, prefix: "s", concurrency: 4, total: 20 })
    .start()
    .done();
  expectBalanced(
    "after the data dir became writable again",
    await waitBalanced(new Set([...stats.acked, ...after.acked]), sink, 20_000),
  );
  expect(await server.stop("SIGTERM")).toBe(0);
  server = undefined;
  expect(integrity(join(dataDir, "bus.db"))).toBe("ok");
  expect(integrity(join(dataDir, "signalbox.db"))).toBe("ok");
}, 90_000);
