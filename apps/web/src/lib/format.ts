/** Display helpers for events. Pure (the time zone and locale are parameters for tests). */

/** Local time of an RFC 3339 timestamp: `14:03:07.123`, with the date when it is not `today`. */
export function formatLocalTime(iso: string, options: { now?: Date; timeZone?: string; locale?: string } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  const time = new Intl.DateTimeFormat(options.locale ?? "en-GB", {
    ...zone,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    fractionalSecondDigits: 3,
    hourCycle: "h23",
  }).format(date);
  const day = (value: Date) =>
    new Intl.DateTimeFormat("en-CA", { ...zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(value);
  return day(date) === day(options.now ?? new Date()) ? time : `${day(date)} ${time}`;
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
