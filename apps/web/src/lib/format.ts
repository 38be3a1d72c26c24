/** Display helpers for events. Pure (the time zone and locale are parameters for tests). */

// Building an Intl.DateTimeFormat costs far more than formatting with one (it resolves locale data): the live list
// formats the time of every row it mounts, dozens per frame at 1,000 events/s, so formatters are made once per
// (locale, time zone) and reused.
const timeFormats = new Map<string, Intl.DateTimeFormat>();
const dayFormats = new Map<string, Intl.DateTimeFormat>();

function timeFormat(locale: string, timeZone: string | undefined): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone ?? ""}`;
  let format = timeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      ...(timeZone ? { timeZone } : {}),
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      fractionalSecondDigits: 3,
      hourCycle: "h23",
    });
    timeFormats.set(key, format);
  }
  return format;
}

function dayFormat(timeZone: string | undefined): Intl.DateTimeFormat {
  const key = timeZone ?? "";
  let format = dayFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-CA", {
      ...(timeZone ? { timeZone } : {}),
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    dayFormats.set(key, format);
  }
  return format;
}

/** Local time of an RFC 3339 timestamp: `14:03:07.123`, with the date when it is not `today`. */
export function formatLocalTime(iso: string, options: { now?: Date; timeZone?: string; locale?: string } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const time = timeFormat(options.locale ?? "en-GB", options.timeZone).format(date);
  const days = dayFormat(options.timeZone);
  const day = days.format(date);
  return day === days.format(options.now ?? new Date()) ? time : `${day} ${time}`;
}

/** The same instant in UTC, for the hover title: `2026-07-18 12:00:00.123 UTC`. */
export function formatUtc(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().replace("T", " ").replace("Z", "")} UTC`;
}

/** First 8 characters of an event id (ids are 32 hex chars). */
export function shortId(id: string): string {
  return id.length > 12 ? id.slice(0, 8) : id;
}

/** `532 B`, `1.4 KB`, `2.0 MB`. */
export function formatBytes(size: number): string {
  if (size < 1024) return `${size} B`;
  if (size < 1024 * 1024) return `${(size / 1024).toFixed(1)} KB`;
  return `${(size / 1024 / 1024).toFixed(1)} MB`;
}
