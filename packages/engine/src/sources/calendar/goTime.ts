/**
 * The pieces of Go's `time` package whose exact output Argo Events' calendar source exposes: `Time.String()` (the
 * `eventTime` of every tick), `ParseDuration` (`interval`, `maxDuration`), `Parse` with the `EXDATE` layout, and
 * reading back a persisted `eventTime`. Pure; behaviour pinned by the vectors in `vectors/`.
 */
import { UTC, abbreviationAt, civilFromDays, daysIn, offsetAt, pad, unixFromCivil, type Zone } from "./zone.ts";

/** An instant with Go's precision: whole unix seconds plus nanoseconds in [0, 1e9). */
export interface GoInstant {
  sec: number;
  nanos: number;
}

/**
 * An engine time (ms since the epoch, possibly fractional) as a {@link GoInstant}. Sub-millisecond digits are kept
 * to the microsecond: a double holding today's epoch milliseconds is not precise beyond that.
 */
export function instantFromMs(ms: number): GoInstant {
  const sec = Math.floor(ms / 1000);
  let micros = Math.round((ms - sec * 1000) * 1000);
  let wholeSec = sec;
  if (micros >= 1_000_000) {
    wholeSec += 1;
    micros -= 1_000_000;
  }
  return { sec: wholeSec, nanos: micros * 1000 };
}

/** Milliseconds since the epoch of a {@link GoInstant}. */
export function instantToMs(instant: GoInstant): number {
  return instant.sec * 1000 + instant.nanos / 1e6;
}

/**
 * Go's `Time.String()`: layout `2006-01-02 15:04:05.999999999 -0700 MST` in `zone`, then ` m=±<s>.<9 digits>` when
 * the time carries a monotonic clock reading (`monotonicNs`, nanoseconds since the process started).
 */
export function goTimeString(instant: GoInstant, zone: Zone = UTC, monotonicNs?: bigint): string {
  const offset = offsetAt(zone, instant.sec);
  const local = instant.sec + offset;
  const days = Math.floor(local / 86_400);
  const secondOfDay = local - days * 86_400;
  const { year, month, day } = civilFromDays(days);
  let out = `${year < 0 ? "-" + pad(-year, 4) : pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)} `;
  out += `${pad(Math.floor(secondOfDay / 3600), 2)}:${pad(Math.floor(secondOfDay / 60) % 60, 2)}:${pad(secondOfDay % 60, 2)}`;
  if (instant.nanos !== 0) out += `.${pad(instant.nanos, 9).replace(/0+$/, "")}`;
  out += ` ${numericZone(offset)} `;
  const name = abbreviationAt(zone, instant.sec, offset);
  out += name !== "" ? name : numericZone(offset);
  if (monotonicNs !== undefined) out += monotonicSuffix(monotonicNs);
  return out;
}

/** Go's `-0700`: minutes truncated toward zero, seconds of the offset dropped. */
function numericZone(offset: number): string {
  const minutes = Math.trunc(offset / 60);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60), 2)}${pad(abs % 60, 2)}`;
}

/** ` m=+3600.001000000`: Go's rendering of a monotonic clock reading. */
export function monotonicSuffix(monotonicNs: bigint): string {
  const sign = monotonicNs < 0n ? "-" : "+";
  const abs = monotonicNs < 0n ? -monotonicNs : monotonicNs;
  const fraction = abs % 1_000_000_000n;
  const seconds = abs / 1_000_000_000n;
  const giga = seconds / 1_000_000_000n;
  const rest = seconds % 1_000_000_000n;
  const whole = giga !== 0n ? `${giga}${rest.toString().padStart(9, "0")}` : `${rest}`;
  return ` m=${sign}${whole}.${fraction.toString().padStart(9, "0")}`;
}

/** Result of {@link parseGoDuration}: nanoseconds, or Go's error text. */
export type DurationResult = { ok: true; ns: bigint } | { ok: false; message: string };

const unitNs: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  "\u00b5s": 1_000n,
  "\u03bcs": 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};

const MAX_ABS = 1n << 63n;

/** Go's `time.ParseDuration`, error messages included. */
export function parseGoDuration(text: string): DurationResult {
  const invalid = (): DurationResult => ({ ok: false, message: `time: invalid duration ${timeQuote(text)}` });
  let rest = text;
  let negative = false;
  if (rest.startsWith("-") || rest.startsWith("+")) {
    negative = rest.startsWith("-");
    rest = rest.slice(1);
  }
  if (rest === "0") return { ok: true, ns: 0n };
  if (rest === "") return invalid();
  let total = 0n;
  while (rest !== "") {
    const first = rest[0] ?? "";
    if (!(first === "." || isAsciiDigit(first))) return invalid();
    const intMatch = /^\d*/.exec(rest)?.[0] ?? "";
    let value = 0n;
    for (const digit of intMatch) {
      if (value > MAX_ABS / 10n) return invalid();
      value = value * 10n + BigInt(digit);
      if (value > MAX_ABS) return invalid();
    }
    rest = rest.slice(intMatch.length);
    const pre = intMatch.length > 0;
    let post = false;
    let fraction = 0n;
    let scale = 1;
    if (rest.startsWith(".")) {
      rest = rest.slice(1);
      const fracMatch = /^\d*/.exec(rest)?.[0] ?? "";
      let overflow = false;
      for (const digit of fracMatch) {
        if (overflow) continue;
        if (fraction > (MAX_ABS - 1n) / 10n) {
          overflow = true;
          continue;
        }
        const next = fraction * 10n + BigInt(digit);
        if (next > MAX_ABS) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      rest = rest.slice(fracMatch.length);
      post = fracMatch.length > 0;
    }
    if (!pre && !post) return invalid();
    let unitLength = 0;
    while (unitLength < rest.length && !(rest[unitLength] === "." || isAsciiDigit(rest[unitLength] ?? "")))
      unitLength++;
    if (unitLength === 0) return { ok: false, message: `time: missing unit in duration ${timeQuote(text)}` };
    const unitName = rest.slice(0, unitLength);
    rest = rest.slice(unitLength);
    const unit = unitNs[unitName];
    if (unit === undefined) {
      return { ok: false, message: `time: unknown unit ${timeQuote(unitName)} in duration ${timeQuote(text)}` };
    }
    if (value > MAX_ABS / unit) return invalid();
    value *= unit;
    if (fraction > 0n) {
      // Go: v += uint64(float64(f) * (float64(unit) / scale)) — float arithmetic, truncated.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > MAX_ABS) return invalid();
    }
    total += value;
    if (total > MAX_ABS) return invalid();
  }
  if (negative) return { ok: true, ns: -total };
  if (total > MAX_ABS - 1n) return invalid();
  return { ok: true, ns: total };
}

function isAsciiDigit(ch: string): boolean {
  return ch >= "0" && ch <= "9";
}

/** The `quote` of Go's time package: ASCII kept (with `"` and `\` escaped), other bytes as `\xNN`. */
export function timeQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x80 || code < 0x20) {
      for (const byte of new TextEncoder().encode(ch)) out += `\\x${byte.toString(16).padStart(2, "0")}`;
    } else {
      out += ch === '"' || ch === "\\" ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

/** A calendar date, as Argo compares exclusion dates (year, month, day). */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

/** Result of {@link parseExclusionDate}. */
export type ExclusionDateResult = { ok: true; date: CalendarDate } | { ok: false; message: string };

/**
 * Go's `time.Parse("20060102T150405Z", text)`, keeping the date. The time must be valid too (Go rejects hour 24),
 * and Go silently accepts a fractional second after the seconds (`…T000000.5Z`). The result is in UTC, so the date
 * is the one written.
 */
export function parseExclusionDate(text: string): ExclusionDateResult {
  const fail = (why: string): ExclusionDateResult => ({
    ok: false,
    message: `parsing time ${timeQuote(text)}: ${why}`,
  });
  let rest = text;
  if (rest.length < 4 || !/^\d{4}/.test(rest)) return fail("cannot parse the year (2006)");
  const year = Number(rest.slice(0, 4));
  rest = rest.slice(4);
  const month = fixedTwoDigits(rest);
  if (month === undefined) return fail("cannot parse the month (01)");
  if (month < 1 || month > 12) return fail("month out of range");
  rest = rest.slice(2);
  const day = fixedTwoDigits(rest);
  if (day === undefined) return fail("cannot parse the day (02)");
  rest = rest.slice(2);
  if (!rest.startsWith("T")) return fail('cannot parse "T"');
  rest = rest.slice(1);
  // Go's "15" takes one or two digits.
  const hourMatch = /^\d\d?/.exec(rest)?.[0];
  if (hourMatch === undefined) return fail("cannot parse the hour (15)");
  if (Number(hourMatch) >= 24) return fail("hour out of range");
  rest = rest.slice(hourMatch.length);
  const minute = fixedTwoDigits(rest);
  if (minute === undefined) return fail("cannot parse the minute (04)");
  if (minute >= 60) return fail("minute out of range");
  rest = rest.slice(2);
  const second = fixedTwoDigits(rest);
  if (second === undefined) return fail("cannot parse the second (05)");
  if (second >= 60) return fail("second out of range");
  rest = rest.slice(2);
  const fraction = /^[.,]\d+/.exec(rest)?.[0];
  if (fraction !== undefined) rest = rest.slice(fraction.length);
  if (!rest.startsWith("Z")) return fail('cannot parse "Z"');
  rest = rest.slice(1);
  if (rest !== "") return fail(`extra text: ${timeQuote(rest)}`);
  if (day < 1 || day > daysIn(year, month)) return fail("day out of range");
  return { ok: true, date: { year, month, day } };
}

function fixedTwoDigits(text: string): number | undefined {
  return /^\d\d/.test(text) ? Number(text.slice(0, 2)) : undefined;
}

/** A persisted `eventTime` read back: the instant and the location Go's `time.Parse` gives it. */
export type PersistedTimeResult = { ok: true; instant: GoInstant; zone: Zone } | { ok: false; message: string };

/**
 * Read back an `eventTime` (Argo strips everything from ` m=`, then parses `2006-01-02 15:04:05.999999999 -0700 MST`).
 * The instant comes from the numeric offset, except that an abbreviation of `UTC` makes Go ignore the offset. The
 * location is UTC for `UTC` and a fixed zone `(abbreviation, offset)` otherwise, as Go builds it when its local zone
 * is UTC. Deliberately more lenient than Go on the abbreviation: Go cannot read back its own `+0545` (Asia/Kathmandu)
 * or `+0430`, which would wedge the source; here any abbreviation is accepted.
 */
export function parsePersistedEventTime(eventTime: string): PersistedTimeResult {
  const [text = ""] = eventTime.split(" m=");
  const match = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))? ([+-])(\d{2})(\d{2}) (\S+)$/.exec(text);
  if (!match) return { ok: false, message: `cannot read the persisted event time ${JSON.stringify(eventTime)}` };
  const [, y, mo, d, h, mi, s, frac = "", sign, oh, om, name = ""] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month) || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, message: `the persisted event time ${JSON.stringify(eventTime)} is out of range` };
  }
  const nanos = Number(frac.slice(0, 9).padEnd(9, "0"));
  const offset = (sign === "-" ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60);
  const local = unixFromCivil(year, month, day) + hour * 3600 + minute * 60 + second;
  if (name === "UTC") return { ok: true, instant: { sec: local, nanos }, zone: UTC };
  return { ok: true, instant: { sec: local - offset, nanos }, zone: { kind: "fixed", name, offset } };
}
