/**
 * One calendar event's timing, compiled from its spec: the rule (cron or interval), the configured location, the
 * exclusion dates, and Argo's `next` — the rule's next time, skipped forward while it falls on an excluded date.
 * Pure. Also the apply-time checks, with paths relative to `spec.calendar.<event>`.
 */
import { nextCron, neverFires, parseCron, type CronSchedule } from "./cron.ts";
import { parseExclusionDate, parseGoDuration, type CalendarDate, type GoInstant } from "./goTime.ts";
import { loadZone, offsetAt, unixFromCivil, type Zone } from "./zone.ts";

/** The calendar fields that decide timing (a structural view of the `calendar` event schema). */
export interface CalendarTimingSpec {
  schedule?: string | undefined;
  interval?: string | undefined;
  timezone?: string | undefined;
  exclusionDates?: readonly string[] | undefined;
  persistence?:
    | {
        catchup?: { enabled?: boolean | undefined; maxDuration?: string | undefined } | undefined;
        configMap?: { name: string; createIfNotExist?: boolean | undefined } | undefined;
      }
    | undefined;
}

/** When ticks fall. */
export type CalendarRule = { kind: "cron"; cron: CronSchedule } | { kind: "interval"; delayNs: bigint };

/** A compiled calendar event. */
export interface CompiledCalendar {
  rule: CalendarRule;
  /** Go's `location`: the `timezone`, when one is set. */
  location: Zone | undefined;
  exclusions: readonly CalendarDate[];
  /** `exclusionDates` entries without the `EXDATE:` prefix: Argo ignores them. */
  ignoredExclusions: readonly string[];
  /** `persistence.catchup.maxDuration` in nanoseconds. */
  maxCatchupNs: bigint | undefined;
}

/** A Go `time.Time`: an instant, the location it prints in, and whether it still carries a monotonic reading. */
export interface ZonedTime {
  instant: GoInstant;
  zone: Zone;
  /**
   * True for values descending from `time.Now()` through `Add` only: Go prints them with ` m=…`. `In(location)`,
   * `time.Parse` and robfig's cron `Next` (which ends with `In`) drop the reading; `ConstantDelaySchedule.Next`
   * (an `Add`) keeps it.
   */
  monotonic?: boolean | undefined;
}

/** A problem with a calendar event, `path` relative to the event. */
export interface CalendarIssue {
  path: (string | number)[];
  message: string;
}

/** Intervals below this make Argo's `ConstantDelaySchedule` return a time that is not after the last one. */
const MIN_INTERVAL_NS = 1_000_000_000n;

/** Compile a calendar event, or list everything wrong with it. */
export function compileCalendar(
  spec: CalendarTimingSpec,
): { ok: true; calendar: CompiledCalendar } | { ok: false; issues: CalendarIssue[] } {
  const issues: CalendarIssue[] = [];
  let rule: CalendarRule | undefined;
  // Argo: a non-empty schedule wins and the interval is then never read.
  if (spec.schedule) {
    const parsed = parseCron(spec.schedule);
    if (!parsed.ok) {
      issues.push({
        path: ["schedule"],
        message: `invalid cron schedule ${JSON.stringify(spec.schedule)}: ${parsed.message}`,
      });
    } else if (neverFires(parsed.schedule)) {
      issues.push({ path: ["schedule"], message: `cron schedule ${JSON.stringify(spec.schedule)} never fires` });
    } else rule = { kind: "cron", cron: parsed.schedule };
  } else if (spec.interval) {
    const parsed = parseGoDuration(spec.interval);
    if (!parsed.ok) issues.push({ path: ["interval"], message: `invalid interval: ${parsed.message}` });
    else if (parsed.ns < MIN_INTERVAL_NS) {
      issues.push({
        path: ["interval"],
        message: `interval ${JSON.stringify(spec.interval)} is below 1s: Argo Events would tick in a tight loop`,
      });
    } else rule = { kind: "interval", delayNs: parsed.ns };
  } else {
    issues.push({ path: [], message: "must have either schedule or interval" });
  }

  let location: Zone | undefined;
  if (spec.timezone) {
    const loaded = loadZone(spec.timezone);
    if (loaded.ok) location = loaded.zone;
    else issues.push({ path: ["timezone"], message: `invalid timezone: ${loaded.message}` });
  }

  const exclusions: CalendarDate[] = [];
  const ignoredExclusions: string[] = [];
  (spec.exclusionDates ?? []).forEach((entry, index) => {
    if (!entry.startsWith("EXDATE:")) {
      ignoredExclusions.push(entry);
      return;
    }
    for (const part of entry.slice("EXDATE:".length).split(",")) {
      const parsed = parseExclusionDate(part);
      if (parsed.ok) exclusions.push(parsed.date);
      else issues.push({ path: ["exclusionDates", index], message: `invalid exclusion date: ${parsed.message}` });
    }
  });

  let maxCatchupNs: bigint | undefined;
  const maxDuration = spec.persistence?.catchup?.maxDuration;
  if (maxDuration) {
    const parsed = parseGoDuration(maxDuration);
    const path = ["persistence", "catchup", "maxDuration"];
    if (!parsed.ok) issues.push({ path, message: `invalid maxDuration: ${parsed.message}` });
    else if (parsed.ns < 0n) issues.push({ path, message: "must not be negative" });
    else maxCatchupNs = parsed.ns;
  }

  if (issues.length > 0 || !rule) return { ok: false, issues };
  return { ok: true, calendar: { rule, location, exclusions, ignoredExclusions, maxCatchupNs } };
}

/** Apply-time check of a calendar event. */
export function calendarIssues(spec: CalendarTimingSpec): CalendarIssue[] {
  const compiled = compileCalendar(spec);
  return compiled.ok ? [] : compiled.issues;
}

/** Exclusion skips tried before giving up (a 1s interval skips 86 400 ticks per excluded day). */
const MAX_SKIPS = 5_000_000;

/**
 * Argo's `next(last)`: the rule's next time after `last`, in `last`'s location, moved on while its date (in that
 * location) equals the date of an exclusion. `undefined` when the rule never fires again.
 */
export function nextTick(calendar: CompiledCalendar, last: ZonedTime): ZonedTime | undefined {
  const { rule } = calendar;
  const zone = last.zone;
  const excludedDays = new Set(
    calendar.exclusions.map((date) => unixFromCivil(date.year, date.month, date.day) / 86_400),
  );
  const excluded = (sec: number): boolean =>
    excludedDays.size > 0 && excludedDays.has(Math.floor((sec + offsetAt(zone, sec)) / 86_400));
  switch (rule.kind) {
    case "cron": {
      let sec = last.instant.sec;
      for (let i = 0; i < MAX_SKIPS; i++) {
        const next = nextCron(rule.cron, { sec, zone });
        if (next === undefined) return undefined;
        if (!excluded(next)) return { instant: { sec: next, nanos: 0 }, zone, monotonic: false };
        sec = next;
      }
      return undefined;
    }
    case "interval": {
      // robfig's ConstantDelaySchedule.Next, inlined: drop the sub-second part, add the delay.
      const wholeSeconds = Number(rule.delayNs / 1_000_000_000n);
      const nanos = Number(rule.delayNs % 1_000_000_000n);
      let sec = last.instant.sec + wholeSeconds;
      for (let i = 0; i < MAX_SKIPS; i++) {
        if (!excluded(sec)) return { instant: { sec, nanos }, zone, monotonic: last.monotonic };
        sec += wholeSeconds;
      }
      return undefined;
    }
    default: {
      const exhaustive: never = rule;
      return exhaustive;
    }
  }
}
