// Serialises state-changing service commands: a lock file across processes (two test runners starting `up` at once),
// a promise queue within one process.
import fs from "node:fs";
import path from "node:path";
import { log, sleep, stateRoot } from "./lib.mjs";
import { isAlive } from "./proc.mjs";
const lockPath = path.join(stateRoot, ".lock");
let queue = Promise.resolve();
async function acquireFileLock() {
  fs.mkdirSync(stateRoot, { recursive: true });
  const started = Date.now();
  let announced = false;
  for (;;) {
    try {
      fs.writeFileSync(
        lockPath,
        JSON.stringify({ pid: process.pid, at: new Date().toISOString() }),
        { flag: "wx" },
      );
      return;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let holder = null;
    let raw = "";
    try {
      raw = fs.readFileSync(lockPath, "utf8");
      holder = JSON.parse(raw);
    } catch {
      /* being written, or garbage */
    }
    const ageMs = (() => {
      try {
        return Date.now() - fs.statSync(lockPath).mtimeMs;
      } catch {
        return 0;
      }
    })();
    if (
      (holder && !isAlive(holder.pid)) ||
      (!holder && ageMs > 5_000) ||
      ageMs > 60 * 60_000
    ) {
      // Stale: its owner is gone. Re-read first so that a lock just taken by someone else is not removed.
      let now = null;
      try {
        now = fs.readFileSync(lockPath, "utf8");
      } catch {
        /* gone already */
      }
      if (now === raw) fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (!announced && Date.now() - started > 1_000) {
      log(
        `waiting for another services command (pid ${holder?.pid ?? "?"}) to finish…`,
      );
      announced = true;
    }
    if (Date.now() - started > 30 * 60_000)
      throw new Error(
        `services lock ${lockPath} held for 30 min by pid ${holder?.pid}`,
      );
    await sleep(200);
  }
}
/** Serialises state-changing commands across processes (lock file) and within this process (a queue). */
export function withLock(fn) {
  const result = queue.then(async () => {
    await acquireFileLock();
    try {
      return await fn();
    } finally {
      fs.rmSync(lockPath, { force: true });
    }
  });
  queue = result.catch(() => {});
  return result;
}
