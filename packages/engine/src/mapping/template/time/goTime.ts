/**
 * Go's time.Time for templates: an instant (Unix seconds + nanoseconds) and a location.
 *
 * Locations: `UTC`, `Local` and IANA zones. Signalbox pins `Local` to UTC (what an Argo Events controller
 * container normally runs with), so `toDate`, `date` and `now` never depend on the host's TZ. IANA offsets come
 * from the runtime's Intl data; abbreviations from a tzdata table (zoneAbbreviations.ts), else written the way
 * tzdata writes numeric ones (`+03`, `+0530`).
 */

import { GoObject } from "../values.ts";
import { formatTime } from "./layout.ts";
import { zoneAbbreviation } from "./zoneAbbreviations.ts";

export interface ZoneInfo {
  readonly offset: number;
  readonly abbrev: string;
}

export interface GoLocation {
  readonly name: string;
  lookup(unixSec: number): ZoneInfo;
}

export const UTC: GoLocation = { name: "UTC", lookup: () => ({ offset: 0, abbrev: "UTC" }) };
export const LOCAL: GoLocation = { name: "Local", lookup: () => ({ offset: 0, abbrev: "UTC" }) };

export function fixedZone(name: string, offset: number): GoLocation {
  return { name, lookup: () => ({ offset, abbrev: name }) };
}

const locationCache = new Map<string, GoLocation | undefined>();

/** time.LoadLocation: "" and "UTC" are UTC, "Local" is Local, otherwise an IANA name (undefined if unknown). */
export function loadLocation(name: string): GoLocation | undefined {
  if (name === "" || name === "UTC") return UTC;
  if (name === "Local") return LOCAL;
  if (locationCache.has(name)) return locationCache.get(name);
  let loc: GoLocation | undefined;
  try {
    if (!/^[A-Za-z0-9_+\-/]+$/.test(name) || name.startsWith("/") || name.includes("..")) throw new RangeError(name);
    const resolved = new Intl.DateTimeFormat("en-US", { timeZone: name }).resolvedOptions().timeZone;
    // Go looks zone files up by exact (case-sensitive) name.
    if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name) throw new RangeError(name);
    loc = ianaLocation(name);
  } catch {
    loc = undefined;
  }
  locationCache.set(name, loc);
  return loc;
}

function ianaLocation(name: string): GoLocation {
  const offsetFmt = new Intl.DateTimeFormat("en-US", { timeZone: name, timeZoneName: "longOffset" });
  const cache = new Map<number, ZoneInfo>();
  return {
    name,
    lookup(unixSec: number): ZoneInfo {
      const hit = cache.get(unixSec);
      if (hit) return hit;
      const ms = Math.max(-8.64e15, Math.min(8.64e15, unixSec * 1000));
      const part = offsetFmt.formatToParts(ms).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
      const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?(?::(\d{2}))?)?$/.exec(part);
      let offset = 0;
      if (m && m[1])
        offset = (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0));
      const info = { offset, abbrev: abbreviation(name, offset) };
      if (cache.size > 1000) cache.clear();
      cache.set(unixSec, info);
      return info;
    },
  };
}

function abbreviation(zone: string, offset: number): string {
  const known = zoneAbbreviation(zone, offset);
  if (known !== undefined) return known;
  // Offsets with seconds are local mean time, from before a zone adopted standard time.
  if (offset % 60 !== 0) return "LMT";
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  const h = String(Math.floor(abs / 3600)).padStart(2, "0");
  const mm = Math.floor((abs % 3600) / 60);
  return sign + h + (mm === 0 ? "" : String(mm).padStart(2, "0"));
}

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1-12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { year: number; month: number; day: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);

export function daysIn(month: number, year: number): number {
  if (month === 2) return isLeap(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Calendar fields of a time in its own location. */
export interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nsec: number;
  yday: number;
  weekday: number;
  offset: number;
  abbrev: string;
}

/** Go's time.Time. */
export class GoTime extends GoObject {
  readonly goType = "time.Time";
  readonly goKind = "struct";
  readonly sec: number;
  readonly nsec: number;
  readonly loc: GoLocation;

  constructor(sec: number, nsec: number, loc: GoLocation) {
    super();
    this.sec = sec;
    this.nsec = nsec;
    this.loc = loc;
  }

  static fromDate(d: Date, loc: GoLocation = LOCAL): GoTime {
    const ms = d.getTime();
    const sec = Math.floor(ms / 1000);
    return new GoTime(sec, (ms - sec * 1000) * 1e6, loc);
  }

  /** time.Date for UTC or fixed-offset locations (values are normalised like Go's). */
  static date(
    c: { year: number; month: number; day: number; hour: number; minute: number; second: number; nsec: number },
    loc: GoLocation,
  ): GoTime {
    const extraSec = Math.floor(c.nsec / 1e9);
    const nsec = c.nsec - extraSec * 1e9;
    const monthIndex = c.month - 1;
    const year = c.year + Math.floor(monthIndex / 12);
    const month = (((monthIndex % 12) + 12) % 12) + 1;
    const days = daysFromCivil(year, month, 1) + c.day - 1;
    const local = days * 86400 + c.hour * 3600 + c.minute * 60 + c.second + extraSec;
    let sec = local - loc.lookup(local).offset;
    // Re-check the offset at the resulting instant (DST transitions).
    sec = local - loc.lookup(sec).offset;
    return new GoTime(sec, nsec, loc);
  }

  static readonly ZERO = new GoTime(-62135596800, 0, UTC);

  civil(): Civil {
    const { offset, abbrev } = this.loc.lookup(this.sec);
    const local = this.sec + offset;
    const days = Math.floor(local / 86400);
    const rem = local - days * 86400;
    const { year, month, day } = civilFromDays(days);
    return {
      year,
      month,
      day,
      hour: Math.floor(rem / 3600),
      minute: Math.floor((rem % 3600) / 60),
      second: rem % 60,
      nsec: this.nsec,
      yday: days - daysFromCivil(year, 1, 1) + 1,
      weekday: (((days + 4) % 7) + 7) % 7,
      offset,
      abbrev,
    };
  }

  in(loc: GoLocation): GoTime {
    return new GoTime(this.sec, this.nsec, loc);
  }

  /** Nanoseconds since the Unix epoch. */
  unixNano(): bigint {
    return BigInt(this.sec) * 1_000_000_000n + BigInt(this.nsec);
  }

  addNanos(d: bigint): GoTime {
    const total = this.unixNano() + d;
    let sec = total / 1_000_000_000n;
    let nsec = total % 1_000_000_000n;
    if (nsec < 0n) {
      nsec += 1_000_000_000n;
      sec -= 1n;
    }
    return new GoTime(Number(sec), Number(nsec), this.loc);
  }

  isZero(): boolean {
    return this.sec === GoTime.ZERO.sec && this.nsec === 0;
  }

  format(layout: string): string {
    return formatTime(this, layout);
  }

  toString(): string {
    return formatTime(this, "2006-01-02 15:04:05.999999999 -0700 MST");
  }
}
