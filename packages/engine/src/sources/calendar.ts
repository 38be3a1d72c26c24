/**
 * The `calendar` source (§4.2): ticks on a cron `schedule` or a fixed `interval`, emitting
 * `{"eventTime": <Go time.String()>, "metadata": {…}}` with CloudEvent type `calendar` and the event name as subject.
 *
 * Each event runs Argo Events' loop, driven only by the injected clock:
 * - `t = next(last)` (the schedule's next time after `last`, skipping excluded dates, in `last`'s location);
 * - if `now > t` it is a catch-up: `t` is emitted at once, printed in the schedule's location — with no monotonic
 *   reading, except for an `interval` without `timezone` whose start came from the clock (Go's `Add` keeps the
 *   reading that `In`, `Parse` and cron's `Next` drop);
 * - otherwise sleep until `t`, then emit the wake-up time as Go's timer hands it over: `time.Now()` in the process's
 *   local zone — UTC in Argo's container, whatever `timezone` says — with ` m=+<seconds since start>`;
 * - `last` becomes the emitted time (in the `timezone` location), so ticks never drift: the next time is always
 *   computed from the schedule, not from a sleep length.
 *
 * With `persistence.configMap`, the payload of every successful dispatch is saved under
 * `<namespace>/<eventSource>.<event>` in the host's {@link SourceServices.calendarState} store, and a failed dispatch
 * is retried every 100 ms (it then comes back through the catch-up branch, so the retry carries the scheduled time).
 * With `persistence.catchup.enabled` the loop starts from the saved time, capped to `now - maxDuration`, so missed
 * ticks are emitted immediately after a restart.
 */
import { EngineError, ValidationError, errorMessage } from "../errors.ts";
import type { Clock, Logger } from "../host.ts";
import type { CalendarEvent } from "../resources/eventSource.ts";
import { OrderedObject, goMarshal } from "../util/goJson.ts";
import {
  goTimeString,
  instantFromMs,
  instantToMs,
  parsePersistedEventTime,
  type GoInstant,
} from "./calendar/goTime.ts";
import { compileCalendar, nextTick, type CompiledCalendar, type ZonedTime } from "./calendar/schedule.ts";
import { UTC } from "./calendar/zone.ts";
import type { SourceKindDefinition, SourceServices } from "./registry.ts";
import type { Emit } from "./types.ts";

/** Pause between attempts when a dispatch fails and persistence is on (Argo: 100 ms). */
export const CALENDAR_RETRY_MS = 100;

/** Catch-up ticks emitted back to back before yielding to the event loop once. */
const CATCH_UP_BURST = 64;

/** The host's store for calendar state. */
export type CalendarStateStore = NonNullable<SourceServices["calendarState"]>;

/** Key of an event's last dispatched payload in {@link CalendarStateStore}. */
export function calendarStateKey(namespace: string, eventSourceName: string, eventName: string): string {
  return `${namespace}/${eventSourceName}.${eventName}`;
}

/** Argo's `CalendarEventData` as Go marshals it: `eventTime`, then `metadata` (omitted when empty). */
export function calendarPayload(eventTime: string, metadata: Readonly<Record<string, string>> | undefined): string {
  const hasMetadata = metadata !== undefined && Object.keys(metadata).length > 0;
  return goMarshal(
    new OrderedObject([
      ["eventTime", eventTime],
      ["metadata", hasMetadata ? metadata : undefined],
    ]),
  );
}

/** Registry entry of the calendar source. */
export const calendarSource: SourceKindDefinition<"calendar"> = {
  type: "calendar",
  async start({ context, events, services }) {
    const { clock } = context;
    // Go's monotonic readings count from process start; a source's start is Signalbox's equivalent.
    const startedAt = clock.now();
    const controller = new AbortController();
    const runs: EventRun[] = [];
    for (const [eventName, config] of Object.entries(events)) {
      const logger = context.logger.child({ eventName });
      const compiled = compileCalendar(config);
      if (!compiled.ok) {
        throw new ValidationError(
          compiled.issues.map((issue) => ({ path: issuePath(eventName, issue.path), message: issue.message })),
        );
      }
      const persistent = config.persistence?.configMap !== undefined;
      const store = services.calendarState;
      if (persistent && !store) {
        throw new EngineError(
          "INTERNAL",
          `calendar event '${eventName}' has persistence.configMap, but the host provides no calendarState store`,
        );
      }
      if (config.persistence?.catchup?.enabled && !persistent) {
        logger.warn("persistence.catchup has no effect without persistence.configMap (as in Argo Events)");
      }
      for (const entry of compiled.calendar.ignoredExclusions) {
        logger.warn("exclusion date ignored: entries must start with 'EXDATE:' (as in Argo Events)", { entry });
      }
      const key = calendarStateKey(context.namespace, context.eventSourceName, eventName);
      const state = persistent && store ? { store, key } : undefined;
      const start = await executionStart({ clock, logger, calendar: compiled.calendar, config, state });
      runs.push({
        eventName,
        calendar: compiled.calendar,
        metadata: config.metadata,
        state,
        start,
        startedAt,
        clock,
        logger,
        emit: context.emit,
        signal: controller.signal,
      });
    }
    const loops = runs.map((run) =>
      runEvent(run).catch((error: unknown) => {
        run.logger.error("calendar event stopped on an unexpected error", { error: errorMessage(error) });
      }),
    );
    return {
      async stop() {
        controller.abort();
        await Promise.all(loops);
      },
    };
  },
};

interface EventRun {
  eventName: string;
  calendar: CompiledCalendar;
  metadata: Readonly<Record<string, string>> | undefined;
  state: { store: CalendarStateStore; key: string } | undefined;
  start: ZonedTime;
  startedAt: number;
  clock: Clock;
  logger: Logger;
  emit: Emit;
  signal: AbortSignal;
}

function issuePath(eventName: string, path: readonly (string | number)[]): string {
  let out = `spec.calendar.${eventName}`;
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `.${part}`;
  return out;
}

/**
 * Argo's `getExecutionTime` plus the move into the `timezone` location: now, or — with catch-up — the time saved by
 * the last successful dispatch, but no earlier than `now - maxDuration`.
 */
async function executionStart(options: {
  clock: Clock;
  logger: Logger;
  calendar: CompiledCalendar;
  config: CalendarEvent;
  state: { store: CalendarStateStore; key: string } | undefined;
}): Promise<ZonedTime> {
  const { clock, logger, calendar, config, state } = options;
  let last: ZonedTime = { instant: instantFromMs(clock.now()), zone: UTC, monotonic: true };
  if (state && config.persistence?.catchup?.enabled) {
    const saved = await state.store.get(state.key);
    if (saved !== undefined && saved !== "") {
      const parsed = readSavedTime(saved);
      if (parsed.ok) last = parsed.time;
      // Argo fails the source forever on an unreadable entry; starting from now loses only the catch-up.
      else logger.error("ignoring the saved calendar state: catch-up starts from now", { reason: parsed.reason });
    }
    if (calendar.maxCatchupNs !== undefined) {
      const now = clock.now();
      const maxMs = Number(calendar.maxCatchupNs) / 1e6;
      if (maxMs < now - instantToMs(last.instant)) {
        last = { instant: instantFromMs(now - maxMs), zone: UTC, monotonic: true };
      }
    }
  }
  return calendar.location ? { instant: last.instant, zone: calendar.location, monotonic: false } : last;
}

function readSavedTime(saved: string): { ok: true; time: ZonedTime } | { ok: false; reason: string } {
  let eventTime: unknown;
  try {
    eventTime = (JSON.parse(saved) as { eventTime?: unknown } | null)?.eventTime;
  } catch (error) {
    return { ok: false, reason: `not JSON: ${errorMessage(error)}` };
  }
  if (typeof eventTime !== "string") return { ok: false, reason: "no eventTime string" };
  const parsed = parsePersistedEventTime(eventTime);
  return parsed.ok
    ? { ok: true, time: { instant: parsed.instant, zone: parsed.zone } }
    : { ok: false, reason: parsed.message };
}

async function runEvent(run: EventRun): Promise<void> {
  const { calendar, clock, signal } = run;
  let last = run.start;
  let burst = 0;
  while (!signal.aborted) {
    const next = nextTick(calendar, last);
    if (!next) {
      run.logger.error("the schedule has no next time within five years: this event stops ticking");
      return;
    }
    const dueMs = instantToMs(next.instant);
    if (clock.now() > dueMs) {
      // A long catch-up (a day of 1s ticks) must not hold the event loop, whatever emit does.
      if (++burst % CATCH_UP_BURST === 0) await yieldToEventLoop();
      const monotonic = next.monotonic ? monotonicNs(next.instant, run.startedAt) : undefined;
      const ok = await dispatch(run, goTimeString(next.instant, next.zone, monotonic));
      if (!ok && run.state) {
        await clock.sleep(CALENDAR_RETRY_MS, signal);
        continue;
      }
      last = calendar.location ? { instant: next.instant, zone: calendar.location, monotonic: false } : next;
      continue;
    }
    burst = 0;
    if (!(await sleepUntil(clock, dueMs, signal))) return;
    const firedMs = clock.now();
    const fired = instantFromMs(firedMs);
    const ok = await dispatch(run, goTimeString(fired, UTC, monotonicNs(fired, run.startedAt)));
    if (!ok && run.state) {
      await clock.sleep(CALENDAR_RETRY_MS, signal);
      continue;
    }
    last = calendar.location
      ? { instant: fired, zone: calendar.location, monotonic: false }
      : { instant: fired, zone: UTC, monotonic: true };
  }
}

/** Let I/O and timers run (not a delay: no time is measured). */
function yieldToEventLoop(): Promise<void> {
  return new Promise<void>((resolve) => {
    if (typeof setImmediate === "function") setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}

/** Go's monotonic reading of a time: nanoseconds since the source started (the clock's ms kept to the µs). */
function monotonicNs(instant: GoInstant, startedAtMs: number): bigint {
  const start = instantFromMs(startedAtMs);
  return BigInt(instant.sec - start.sec) * 1_000_000_000n + BigInt(instant.nanos - start.nanos);
}

/** Sleep until the clock reads at least `dueMs` (a sleep that wakes early is resumed); false when stopped. */
async function sleepUntil(clock: Clock, dueMs: number, signal: AbortSignal): Promise<boolean> {
  for (let now = clock.now(); now < dueMs; now = clock.now()) {
    if (signal.aborted) return false;
    await clock.sleep(dueMs - now, signal);
  }
  return !signal.aborted;
}

/** Emit one tick; on success save it when persistence is on. True when the dispatch succeeded (or was filtered). */
async function dispatch(run: EventRun, eventTime: string): Promise<boolean> {
  const payload = calendarPayload(eventTime, run.metadata);
  let outcome: string;
  try {
    const result = await run.emit({
      eventName: run.eventName,
      type: "calendar",
      data: new TextEncoder().encode(payload),
    });
    outcome = result.outcome;
    if (result.outcome === "overloaded" || result.outcome === "failed") {
      run.logger.warn("failed to dispatch calendar event", { eventTime, reason: result.reason });
      return false;
    }
  } catch (error) {
    run.logger.error("failed to dispatch calendar event", { eventTime, error: errorMessage(error) });
    return false;
  }
  run.logger.debug("calendar event dispatched", { eventTime, outcome });
  if (run.state) {
    try {
      await run.state.store.put(run.state.key, payload);
    } catch (error) {
      // As in Argo: the tick was delivered; only the catch-up point is stale.
      run.logger.error("failed to persist calendar event", { error: errorMessage(error) });
    }
  }
  return true;
}
