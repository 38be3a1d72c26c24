/**
 * `conditionsReset` (§5.3): at each tick of a `byTime` cron (5 fields, timezone default UTC) the held events of the
 * trigger are discarded; at start-up, held events older than the most recent past tick are discarded too.
 */
import { Cron } from "croner";
import type { Clock } from "../host.ts";

/** A byTime criterion. */
export interface ResetSchedule {
  cron: string;
  timezone?: string | undefined;
}

function cronOf(schedule: ResetSchedule): Cron {
  return new Cron(schedule.cron, { timezone: schedule.timezone ?? "UTC", paused: true, mode: "5-part" });
}

/** Check a schedule at apply time; the error message, or `undefined` when valid. */
export function checkResetSchedule(schedule: ResetSchedule): string | undefined {
  try {
    cronOf(schedule);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** The most recent tick at or before `now` (ms), or `undefined`. */
export function lastTick(schedule: ResetSchedule, now: number): number | undefined {
  const previous = cronOf(schedule).previousRuns(1, new Date(now))[0];
  return previous ? previous.getTime() : undefined;
}

/** The next tick after `now` (ms). */
export function nextTick(schedule: ResetSchedule, now: number): number | undefined {
  return cronOf(schedule).nextRun(new Date(now))?.getTime();
}

/** Run `onTick` at every tick of every schedule until `signal` aborts. */
export async function runResets(schedules: readonly ResetSchedule[], clock: Clock, signal: AbortSignal, onTick: () => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    const now = clock.now();
    const next = Math.min(...schedules.map((schedule) => nextTick(schedule, now) ?? Number.POSITIVE_INFINITY));
    if (!Number.isFinite(next)) return;
    await clock.sleep(Math.max(0, next - now), signal);
    if (signal.aborted) return;
    await onTick();
  }
}
