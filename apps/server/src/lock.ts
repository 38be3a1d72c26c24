/**
 * One process per data dir: a lock file holding the owner's pid. A lock left by a dead process (kill -9) is
 * taken over; one held by a live process stops start-up with a clear message.
 */
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";

/** A held lock. */
export interface DataDirLock {
  release(): void;
}

/** Thrown when another live process holds the data dir. */
export class LockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "LockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Take the lock at `file` or throw {@link LockedError}. */
export function acquireLock(file: string): DataDirLock {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          try {
            if (readFileSync(file, "utf8").trim() === String(process.pid)) unlinkSync(file);
          } catch {
            // Already gone.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const pid = Number(readFileSync(file, "utf8").trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && alive(pid)) {
        throw new LockedError(`another Signalbox process (pid ${pid}) is using this data dir (${file})`);
      }
      unlinkSync(file);
    }
  }
  throw new LockedError(`could not take the lock ${file}`);
}
