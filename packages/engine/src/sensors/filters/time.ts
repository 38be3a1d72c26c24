/**
 * `filters.time` (§5.4): is the event's CloudEvent `time` (its publish time, not its arrival) inside
 * `[start, stop)` on the event's calendar date in UTC or `timezone`? When `stop` is not after `start` the window
 * wraps past midnight. Start and stop are parsed as Go's `time.Parse("2006-01-02 15:04:05", date + " " + t)`, with
 * Go's error texts. Compiled once; evaluation is pure.
 */
import type { DependencyFilters } from "../../resources/sensor.ts";
import type { CompiledKind, KindResult } from "./types.ts";
import { goStrconvQuote } from "./strconv.ts";
import { loadZone, zonedInstant, type WallClock, type Zone } from "./zone.ts";

type TimeFilter = NonNullable<DependencyFilters["time"]>;

const LAYOUT = "2006-01-02 15:04:05";

/** A clock time read from `HH:MM:SS` (Go also takes a one-digit hour and a fractional second). */
export interface ClockTime {
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
}

export type ClockResult = { ok: true; clock: ClockTime } | { ok: false; error: string };

/**
 * Go's `time.Parse(LAYOUT, date + " " + text)` restricted to the clock part, `date` being `YYYY-MM-DD`. Errors are
 * Go's: `parsing time "2024-01-01 25:00:00": hour out of range`.
 */
export function parseClock(date: string, text: string): ClockResult {
  const whole = `${date} ${text}`;
  const cannot = (rest: string, element: string): ClockResult => ({
    ok: false,
    error: `parsing time ${goStrconvQuote(whole)} as ${goStrconvQuote(LAYOUT)}: cannot parse ${goStrconvQuote(rest)} as ${goStrconvQuote(element)}`,
  });
  const range = (what: string): ClockResult => ({
    ok: false,
    error: `parsing time ${goStrconvQuote(whole)}: ${what} out of range`,
  });
  // The layout's space matches any run of spaces.
  let rest = (" " + text).replace(/^ +/, "");
  const digits = (fixed: boolean): number | undefined => {
    if (!isDigit(rest, 0)) return undefined;
    if (!isDigit(rest, 1)) {
      if (fixed) return undefined;
      const value = Number(rest[0]);
      rest = rest.slice(1);
      return value;
    }
    const value = Number(rest.slice(0, 2));
    rest = rest.slice(2);
    return value;
  };
  let hold = rest;
  const hour = digits(false);
  if (hour === undefined) return cannot(hold, "15");
  if (hour >= 24) return range("hour");
  if (!rest.startsWith(":")) return cannot(rest, ":");
  rest = rest.slice(1);
  hold = rest;
  const minute = digits(true);
  if (minute === undefined) return cannot(hold, "04");
  if (minute >= 60) return range("minute");
  if (!rest.startsWith(":")) return cannot(rest, ":");
  rest = rest.slice(1);
  hold = rest;
  const second = digits(true);
  if (second === undefined) return cannot(hold, "05");
  if (second >= 60) return range("second");
  let nanosecond = 0;
  // Go accepts a fractional second the layout does not mention.
  if (rest.length >= 2 && (rest[0] === "." || rest[0] === ",") && isDigit(rest, 1)) {
    let n = 2;
    while (n < rest.length && isDigit(rest, n)) n++;
    // Go keeps the first nine digits.
    const fraction = rest.slice(1, Math.min(n, 10));
    nanosecond = Number(fraction.padEnd(9, "0"));
    rest = rest.slice(n);
  }
  if (rest.length > 0)
    return { ok: false, error: `parsing time ${goStrconvQuote(whole)}: extra text: ${goStrconvQuote(rest)}` };
  return { ok: true, clock: { hour, minute, second, nanosecond } };
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

/** Compile `filters.time`; `path` locates it in the spec for the verdict. */
export function compileTimeFilter(filter: TimeFilter, path: string): CompiledKind {
  const timezone = filter.timezone ?? "";
  const loaded = loadZone(timezone);
  const label = timezone === "" ? "UTC" : timezone;
  const window = `[${filter.start}, ${filter.stop})`;
  // Start and stop instants depend only on the event's calendar date: remember the last few dates.
  const cache = new Map<string, { start: number; stop: number } | { error: string }>();
  const bounds = (zone: Zone, date: WallClock): { start: number; stop: number } | { error: string } => {
    const key = `${date.year}-${date.month}-${date.day}`;
    const cached = cache.get(key);
    if (cached) return cached;
    const dateText = `${String(date.year).padStart(4, "0")}-${pad(date.month)}-${pad(date.day)}`;
    const start = parseClock(dateText, filter.start);
    const stop = start.ok ? parseClock(dateText, filter.stop) : start;
    const result = !start.ok
      ? { error: start.error }
      : !stop.ok
        ? { error: stop.error }
        : {
            start: instant(zone, date, start.clock),
            stop: instant(zone, date, stop.clock),
          };
    if (cache.size >= 8) cache.delete(cache.keys().next().value ?? "");
    cache.set(key, result);
    return result;
  };
  return {
    kind: "time",
    evaluate(event): KindResult {
      const error = (message: string, value?: string): KindResult => {
        const text = `time filter error (${message})`;
        return {
          kind: "time",
          match: false,
          error: text,
          reason: text,
          verdicts: [{ kind: "time", path, pass: false, reason: `error: ${message}`, ...(value ? { value } : {}) }],
        };
      };
      if (!loaded.ok) return error(`invalid timezone '${timezone}': ${loaded.error}`);
      const ms = Date.parse(event.context.time);
      if (Number.isNaN(ms)) return error(`event time ${JSON.stringify(event.context.time)} is not a valid time`);
      const t = ms / 1000;
      const zone = loaded.zone;
      const wall = zone.wallClock(Math.floor(t));
      const value = `${formatWall(wall)} ${label}`;
      const b = bounds(zone, wall);
      if ("error" in b) return error(b.error, value);
      const match = b.start < b.stop ? t >= b.start && t < b.stop : t >= b.start || t < b.stop;
      const wraps = b.start < b.stop ? "" : " (wrapping past midnight)";
      const reason = `${value} is ${match ? "within" : "outside"} ${window}${wraps}`;
      return { kind: "time", match, reason, verdicts: [{ kind: "time", path, value, pass: match, reason }] };
    },
  };
}

function instant(zone: Zone, date: WallClock, clock: ClockTime): number {
  return (
    zonedInstant(zone, { ...date, hour: clock.hour, minute: clock.minute, second: clock.second }) +
    clock.nanosecond / 1e9
  );
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

function formatWall(wall: WallClock): string {
  return `${String(wall.year).padStart(4, "0")}-${pad(wall.month)}-${pad(wall.day)} ${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;
}
