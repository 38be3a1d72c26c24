/**
 * Go's `*time.Location`, as far as the calendar needs one: the UTC offset at an instant, the wall clock there, Go's
 * `time.Date` normalisation (which decides what a non-existent or doubled local time means) and the abbreviation
 * Go prints. Offsets come from `Intl` (the ICU tz data bundled with Node); the abbreviations and the names Go accepts
 * come from {@link ./tzdata.ts}. Pure apart from caching `Intl` formatters. Instants are whole unix seconds.
 */
import { abbreviationTable, zoneNameList } from "./tzdata.ts";

/** A location: UTC, a fixed offset (what Go's `time.Parse` makes of `-0400 EDT`) or an IANA zone. */
export type Zone =
  | { readonly kind: "utc" }
  | { readonly kind: "fixed"; readonly name: string; readonly offset: number }
  | { readonly kind: "iana"; readonly name: string };

/** Go's `time.UTC`, and what `time.Local` is in Argo Events' container (no TZ, no /etc/localtime). */
export const UTC: Zone = { kind: "utc" };

/** Result of {@link loadZone}. */
export type LoadZoneResult = { ok: true; zone: Zone } | { ok: false; message: string };

let knownNames: Set<string> | undefined;
let namesByLowerCase: Map<string, string> | undefined;

function names(): { known: Set<string>; lower: Map<string, string> } {
  if (!knownNames || !namesByLowerCase) {
    knownNames = new Set(zoneNameList.split(/\s+/).filter(Boolean));
    namesByLowerCase = new Map([...knownNames].map((name) => [name.toLowerCase(), name]));
  }
  return { known: knownNames, lower: namesByLowerCase };
}

/**
 * Go's `time.LoadLocation`: `""` and `"UTC"` are UTC, `"Local"` is the container's local zone (UTC), anything else
 * must be a tz database name, spelled with its exact case (Go opens a file by that name; `Intl` would accept
 * `america/new_york`, Argo Events would not).
 */
export function loadZone(name: string): LoadZoneResult {
  if (name === "" || name === "UTC" || name === "Local") return { ok: true, zone: UTC };
  if (name.includes("..") || name.startsWith("/") || name.startsWith("\\")) {
    return { ok: false, message: "time: invalid location name" };
  }
  const { known, lower } = names();
  const resolved = intlZoneId(name);
  if (resolved !== undefined && (known.has(name) || resolved === name))
    return { ok: true, zone: { kind: "iana", name } };
  const suggestion = lower.get(name.toLowerCase());
  const hint = suggestion && suggestion !== name ? ` (names are case-sensitive: did you mean ${suggestion}?)` : "";
  return { ok: false, message: `unknown time zone ${name}${hint}` };
}

function intlZoneId(name: string): string | undefined {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(name: string): Intl.DateTimeFormat {
  let format = formatters.get(name);
  if (!format) {
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
    formatters.set(name, format);
  }
  return format;
}

/** Seconds east of UTC in `zone` at unix second `sec`. */
export function offsetAt(zone: Zone, sec: number): number {
  switch (zone.kind) {
    case "utc":
      return 0;
    case "fixed":
      return zone.offset;
    case "iana":
      return cachedOffset(zone.name, sec);
    default: {
      const exhaustive: never = zone;
      return exhaustive;
    }
  }
}

/** Offsets are cached per 15-minute slice of time that holds no transition. */
const SLICE = 900;
const offsetCache = new Map<string, Map<number, number>>();

function cachedOffset(name: string, sec: number): number {
  const slice = Math.floor(sec / SLICE);
  let cache = offsetCache.get(name);
  if (!cache) {
    cache = new Map();
    offsetCache.set(name, cache);
  }
  const hit = cache.get(slice);
  if (hit !== undefined) return hit;
  const first = intlOffset(name, slice * SLICE);
  // Only a slice with the same offset at both ends is cached (no zone changes twice within 15 minutes); one that
  // holds a transition is asked about second by second.
  if (first !== intlOffset(name, slice * SLICE + SLICE - 1)) return intlOffset(name, sec);
  if (cache.size >= 100_000) cache.clear();
  cache.set(slice, first);
  return first;
}

function intlOffset(name: string, sec: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatter(name).formatToParts(new Date(sec * 1000))) {
    if (part.type !== "literal") fields[part.type] = Number(part.value);
  }
  const local = unixFromCivil(fields.year ?? 1970, fields.month ?? 1, fields.day ?? 1) + (fields.hour ?? 0) * 3600;
  return local + (fields.minute ?? 0) * 60 + (fields.second ?? 0) - sec;
}

/** The wall clock of a zone at an instant, as Go's `Time` accessors report it. */
export interface WallClock {
  year: number;
  /** 1–12. */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday. */
  weekday: number;
  /** Seconds east of UTC. */
  offset: number;
}

/** The wall clock in `zone` at unix second `sec`. */
export function wallClock(zone: Zone, sec: number): WallClock {
  const offset = offsetAt(zone, sec);
  const local = sec + offset;
  const days = Math.floor(local / 86_400);
  const secondOfDay = local - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  return {
    year,
    month,
    day,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor(secondOfDay / 60) % 60,
    second: secondOfDay % 60,
    weekday: (((days + 4) % 7) + 7) % 7,
    offset,
  };
}

/**
 * Go's `time.Date(year, month, day, hour, min, sec, 0, loc)`: fields may overflow (month 13, day 32, hour 24), and a
 * local time that a transition skips or doubles resolves the way Go resolves it — look up the offset at the local
 * time read as UTC, then again at the instant that gives, and use the second answer.
 */
export function zonedDate(zone: Zone, fields: Omit<WallClock, "weekday" | "offset">): number {
  const monthIndex = fields.month - 1;
  const year = fields.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const unix =
    unixFromCivil(year, month, 1) + (fields.day - 1) * 86_400 + fields.hour * 3600 + fields.minute * 60 + fields.second;
  const guess = offsetAt(zone, unix);
  if (guess === 0) return unix;
  return unix - offsetAt(zone, unix - guess);
}

/** Go's `t.AddDate(years, months, days)` for a whole-second instant in `zone`. */
export function addDate(zone: Zone, sec: number, delta: { years?: number; months?: number; days?: number }): number {
  const wall = wallClock(zone, sec);
  return zonedDate(zone, {
    ...wall,
    year: wall.year + (delta.years ?? 0),
    month: wall.month + (delta.months ?? 0),
    day: wall.day + (delta.days ?? 0),
  });
}

/** The abbreviation Go prints for `zone` at `sec` (where the offset is `offset`): `EDT`, `CEST`, `+0545`, `UTC`. */
export function abbreviationAt(zone: Zone, sec: number, offset: number): string {
  switch (zone.kind) {
    case "utc":
      return "UTC";
    case "fixed":
      return zone.name;
    case "iana":
      return lookupAbbreviation(zone.name, sec, offset) ?? numericAbbreviation(offset);
    default: {
      const exhaustive: never = zone;
      return exhaustive;
    }
  }
}

/** tzdata's `%z` abbreviation for zones without a name: `+04`, `+0545`, `-0330`. */
export function numericAbbreviation(offset: number): string {
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const hours = Math.floor(abs / 3600);
  const minutes = Math.floor(abs / 60) % 60;
  const seconds = abs % 60;
  let out = `${sign}${pad(hours, 2)}`;
  if (minutes !== 0 || seconds !== 0) out += pad(minutes, 2);
  if (seconds !== 0) out += pad(seconds, 2);
  return out;
}

interface AbbreviationEntry {
  offset: number;
  abbreviation: string;
  from: number;
  to: number;
}

let table: Map<string, AbbreviationEntry[]> | undefined;

function lookupAbbreviation(name: string, sec: number, offset: number): string | undefined {
  if (!table) {
    table = new Map();
    for (const line of abbreviationTable.split("\n")) {
      const eq = line.indexOf("=");
      if (eq < 0) continue;
      const entries = line
        .slice(eq + 1)
        .split(",")
        .map((item) => {
          const [off = "0", abbreviation = "", from = "0", to = "0"] = item.split("/");
          return { offset: Number(off), abbreviation, from: parseInt(from, 36), to: parseInt(to, 36) };
        });
      table.set(line.slice(0, eq), entries);
    }
  }
  const candidates = (table.get(name) ?? []).filter((entry) => entry.offset === offset);
  // A pair in use at `sec` wins (the latest to start, when a zone reused an offset under a new name); otherwise the
  // pair closest in time, for instants outside 1970–2100.
  let best: AbbreviationEntry | undefined;
  let bestDistance = Infinity;
  for (const entry of candidates) {
    const distance = sec < entry.from ? entry.from - sec : sec >= entry.to ? sec - entry.to + 1 : 0;
    if (distance < bestDistance || (distance === 0 && bestDistance === 0 && best && entry.from > best.from)) {
      best = entry;
      bestDistance = distance;
    }
  }
  return best?.abbreviation;
}

/** Unix seconds of midnight UTC on a proleptic Gregorian date (any year, month 1–12). */
export function unixFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthFromMarch = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthFromMarch + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return (era * 146_097 + dayOfEra - 719_468) * 86_400;
}

/** The proleptic Gregorian date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const dayOfEra = z - era * 146_097;
  const yearOfEra = Math.floor(
    (dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365,
  );
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

/** Days in a month of a proleptic Gregorian year. */
export function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Zero-padded decimal. */
export function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
