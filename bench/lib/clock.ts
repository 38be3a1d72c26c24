/**
 * One clock for every process of a run: `process.hrtime.bigint()` reads CLOCK_MONOTONIC, which is the same for all
 * processes of a Linux machine, so a scheduled-send time taken in the load generator can be subtracted from an
 * arrival time taken in the sink (another process, another core).
 */

/** Monotonic nanoseconds, comparable across processes of this machine. */
export function nowNs(): bigint {
  return process.hrtime.bigint();
}

/** Monotonic time in milliseconds (a float), for scheduling. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** Sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
