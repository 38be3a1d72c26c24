/**
 * Go `time.LoadLocation` and `time.Date` for time filters (§5.4), on top of `Intl` time zone data: a wall-clock time
 * becomes an instant exactly the way Go resolves it, including the days a zone skips or repeats an hour (DST).
 * Pure apart from caching formatters.
 */

/** A loaded zone. Times are Unix seconds. */
export interface Zone {
  readonly name: string;
  /** Seconds east of UTC in effect at the instant `unix`. */
  offsetAt(unix: number): number;
  /** The wall clock at the instant `unix` in this zone. */
  wallClock(unix: number): WallClock;
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

export type ZoneResult = { ok: true; zone: Zone } | { ok: false; error: string };

const UTC: Zone = {
  name: "UTC",
  offsetAt: () => 0,
  wallClock: (unix) => wallClockOfUtc(unix),
};

/**
 * `time.LoadLocation`: `""` and `UTC` are UTC; `Local` is UTC too (Argo's pods run in UTC); anything else must be
 * an IANA name with the exact case of the zone database (Go reads it from files, so `america/new_york` fails).
 */
export function loadZone(name: string): ZoneResult {
  if (name === "" || name === "UTC" || name === "Local") return { ok: true, zone: UTC };
  if (name.includes("..") || name.startsWith("/") || name.includes("\\"))
    return { ok: false, error: "time: invalid location name" };
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
  } catch {
    return { ok: false, error: `unknown time zone ${name}` };
  }
  const resolved = format.resolvedOptions().timeZone;
  // Intl ignores case; Go does not. An alias resolving to another name cannot be checked this way.
  if (resolved !== name && resolved.toLowerCase() === name.toLowerCase())
    return { ok: false, error: `unknown time zone ${name}` };
  const intlWallClock = (unix: number): WallClock => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(new Date(unix * 1000))) {
      if (part.type !== "literal") parts[part.type] = Number(part.value);
    }
    return {
      year: parts.year ?? 0,
      month: parts.month ?? 0,
      day: parts.day ?? 0,
      hour: parts.hour ?? 0,
      minute: parts.minute ?? 0,
      second: parts.second ?? 0,
    };
  };
  const intlOffset = (unix: number): number => wallSeconds(intlWallClock(unix)) - unix;
  // Intl is slow (microseconds per call): offsets are remembered per 15-minute slot when the offset is the same at
  // both ends of the slot (zones change at most once in 15 minutes, so it is then constant inside it).
  const slots = new Map<number, number>();
  const offsetAt = (unix: number): number => {
    const t = Math.floor(unix);
    const slot = Math.floor(t / SLOT_SECONDS);
    const cached = slots.get(slot);
    if (cached !== undefined) return cached;
    const offset = intlOffset(t);
    if (offset === intlOffset(slot * SLOT_SECONDS) && offset === intlOffset((slot + 1) * SLOT_SECONDS - 1)) {
      if (slots.size >= 512) slots.clear();
      slots.set(slot, offset);
    }
    return offset;
  };
  return {
    ok: true,
    zone: { name, offsetAt, wallClock: (unix) => wallClockOfUtc(Math.floor(unix) + offsetAt(unix)) },
  };
}

const SLOT_SECONDS = 900;

/**
 * Go's `time.Date(…, loc)`: look the offset up as if the wall clock were UTC; if the instant that offset gives lies
 * in another zone period, use that period's offset. So a time the zone skips (02:30 on a spring-forward day) lands
 * after the jump, and a repeated one (01:30 on a fall-back day) is read with the earlier period's offset when the
 * guess says so, exactly as Go does.
 */
export function zonedInstant(zone: Zone, wall: WallClock): number {
  const local = wallSeconds(wall);
  const guess = zone.offsetAt(local);
  if (guess === 0) return local;
  return local - zone.offsetAt(local - guess);
}

/** Seconds since the epoch of a wall clock read as UTC (proleptic Gregorian, any year). */
export function wallSeconds(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime() / 1000;
}

function wallClockOfUtc(unix: number): WallClock {
  const date = new Date(Math.floor(unix) * 1000);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    second: date.getUTCSeconds(),
  };
}
