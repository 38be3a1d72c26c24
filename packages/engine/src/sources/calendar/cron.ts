/**
 * Cron schedules exactly as Argo Events reads them: robfig/cron v3's parser configured with
 * `Minute | Hour | Dom | Month | Dow` (five fields, no descriptors, optional `CRON_TZ=`/`TZ=` prefix), and its
 * `SpecSchedule.Next`, including how it walks across daylight-saving changes (a skipped local time does not fire
 * that day; a repeated one fires twice). (Argo's `interval` is robfig's `ConstantDelaySchedule`, in `schedule.ts`.)
 *
 * Written from the behaviour, not on top of `croner`: croner rejects expressions robfig accepts (`5/15`, `*-5`,
 * `1,,2`), accepts ones robfig rejects (`7` for Sunday, `L`, six fields, `@daily`) and resolves DST gaps and
 * overlaps differently (it fires a skipped 02:30 at 03:00 and a doubled 01:30 once). Pure; vectors in
 * `vectors/schedules.json` and `vectors/cronErrors.json` come from robfig/cron v3.0.1 itself.
 */
import { addDate, loadZone, wallClock, zonedDate, type WallClock, type Zone } from "./zone.ts";

/** One field as a set of allowed values (index = value). */
type Bits = readonly boolean[];

/** A parsed five-field schedule (robfig's `SpecSchedule`, with the implicit `0` seconds field). */
export interface CronSchedule {
  readonly second: Bits;
  readonly minute: Bits;
  readonly hour: Bits;
  readonly dom: Bits;
  readonly month: Bits;
  readonly dow: Bits;
  /** A `*` or `?` (with no step above 1) appeared in day-of-month / day-of-week: days then match with AND. */
  readonly domStar: boolean;
  readonly dowStar: boolean;
  /** `CRON_TZ=`/`TZ=` override; otherwise times are computed in the location of the time given to {@link nextCron}. */
  readonly zone: Zone | undefined;
}

/** Result of {@link parseCron}: a schedule, or robfig's error text. */
export type CronParseResult = { ok: true; schedule: CronSchedule } | { ok: false; message: string };

interface Bounds {
  min: number;
  max: number;
  names?: Readonly<Record<string, number>>;
}

const secondsBounds: Bounds = { min: 0, max: 59 };
const minuteBounds: Bounds = { min: 0, max: 59 };
const hourBounds: Bounds = { min: 0, max: 23 };
const domBounds: Bounds = { min: 1, max: 31 };
const monthBounds: Bounds = {
  min: 1,
  max: 12,
  names: { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 },
};
const dowBounds: Bounds = { min: 0, max: 6, names: { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } };

// Go's strings.Fields separators (unicode.IsSpace).
const goSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Parse a schedule the way Argo Events' calendar source does. */
export function parseCron(spec: string): CronParseResult {
  if (spec.length === 0) return { ok: false, message: "empty spec string" };
  let zone: Zone | undefined;
  let text = spec;
  if (text.startsWith("TZ=") || text.startsWith("CRON_TZ=")) {
    const space = text.indexOf(" ");
    const eq = text.indexOf("=");
    // robfig slices spec[eq+1:space] and panics when there is no space; report it instead.
    if (space < 0) return { ok: false, message: `expected a space and five fields after ${text}` };
    const name = text.slice(eq + 1, space);
    const loaded = loadZone(name);
    if (!loaded.ok) return { ok: false, message: `provided bad location ${name}: ${loaded.message}` };
    zone = loaded.zone;
    text = text.slice(space).trim();
  }
  if (text.startsWith("@")) return { ok: false, message: `parser does not accept descriptors: ${text}` };
  const fields = text.split(goSpace).filter((field) => field !== "");
  if (fields.length !== 5) {
    return { ok: false, message: `expected exactly 5 fields, found ${fields.length}: [${fields.join(" ")}]` };
  }
  const parsed: ParsedField[] = [];
  const bounds = [minuteBounds, hourBounds, domBounds, monthBounds, dowBounds];
  for (let i = 0; i < 5; i++) {
    const field = parseField(fields[i] ?? "", bounds[i] ?? minuteBounds);
    if (!field.ok) return field;
    parsed.push(field);
  }
  const [minute, hour, dom, month, dow] = parsed as [ParsedField, ParsedField, ParsedField, ParsedField, ParsedField];
  const second = parseField("0", secondsBounds) as ParsedField;
  return {
    ok: true,
    schedule: {
      second: second.bits,
      minute: minute.bits,
      hour: hour.bits,
      dom: dom.bits,
      month: month.bits,
      dow: dow.bits,
      domStar: dom.star,
      dowStar: dow.star,
      zone,
    },
  };
}

interface ParsedField {
  ok: true;
  bits: boolean[];
  star: boolean;
}

function parseField(field: string, bounds: Bounds): ParsedField | { ok: false; message: string } {
  const bits: boolean[] = new Array<boolean>(bounds.max + 1).fill(false);
  let star = false;
  for (const expr of field.split(",").filter((part) => part !== "")) {
    const range = parseRange(expr, bounds);
    if (!range.ok) return range;
    for (let i = range.start; i <= range.end; i += range.step) bits[i] = true;
    star ||= range.star;
  }
  return { ok: true, bits, star };
}

type RangeResult =
  { ok: true; start: number; end: number; step: number; star: boolean } | { ok: false; message: string };

function parseRange(expr: string, bounds: Bounds): RangeResult {
  const rangeAndStep = expr.split("/");
  const lowAndHigh = (rangeAndStep[0] ?? "").split("-");
  const singleDigit = lowAndHigh.length === 1;
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === "*" || lowAndHigh[0] === "?") {
    // robfig ignores whatever follows a star's hyphen: `*-5` is `*`.
    start = bounds.min;
    end = bounds.max;
    star = true;
  } else {
    const low = parseIntOrName(lowAndHigh[0] ?? "", bounds.names);
    if (!low.ok) return low;
    start = low.value;
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) {
      const high = parseIntOrName(lowAndHigh[1] ?? "", bounds.names);
      if (!high.ok) return high;
      end = high.value;
    } else return { ok: false, message: `too many hyphens: ${expr}` };
  }
  let step: number;
  if (rangeAndStep.length === 1) step = 1;
  else if (rangeAndStep.length === 2) {
    const parsed = atoi(rangeAndStep[1] ?? "");
    if (!parsed.ok) return parsed;
    step = parsed.value;
    // `N/step` means `N-max/step`.
    if (singleDigit) end = bounds.max;
    if (step > 1) star = false;
  } else return { ok: false, message: `too many slashes: ${expr}` };
  if (start < bounds.min)
    return { ok: false, message: `beginning of range (${start}) below minimum (${bounds.min}): ${expr}` };
  if (end > bounds.max) return { ok: false, message: `end of range (${end}) above maximum (${bounds.max}): ${expr}` };
  if (start > end) return { ok: false, message: `beginning of range (${start}) beyond end of range (${end}): ${expr}` };
  if (step === 0) return { ok: false, message: `step of range should be a positive number: ${expr}` };
  return { ok: true, start, end, step, star };
}

type IntResult = { ok: true; value: number } | { ok: false; message: string };

function parseIntOrName(expr: string, names: Readonly<Record<string, number>> | undefined): IntResult {
  const named = names?.[expr.toLowerCase()];
  if (named !== undefined) return { ok: true, value: named };
  return atoi(expr);
}

/** robfig's `mustParseInt`: Go's `strconv.Atoi` (optional sign, decimal digits, int64 range), then no negatives. */
function atoi(expr: string): IntResult {
  const match = /^([+-]?)(\d+)$/.exec(expr);
  if (!match)
    return {
      ok: false,
      message: `failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: invalid syntax`,
    };
  const magnitude = BigInt(match[2] ?? "0");
  const negative = match[1] === "-";
  if (magnitude > (negative ? 1n << 63n : (1n << 63n) - 1n)) {
    return {
      ok: false,
      message: `failed to parse int from ${expr}: strconv.Atoi: parsing ${goQuote(expr)}: value out of range`,
    };
  }
  const value = Number(negative ? -magnitude : magnitude);
  if (value < 0) return { ok: false, message: `negative number (${value}) not allowed: ${expr}` };
  return { ok: true, value };
}

/** Go's `strconv.Quote`, close enough for error messages. */
function goQuote(text: string): string {
  let out = '"';
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (code === 0x0a) out += "\\n";
    else if (code === 0x09) out += "\\t";
    else if (code === 0x0d) out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += ch;
  }
  return `${out}"`;
}

/**
 * True when a field allows no value at all (`,` or a dom/month pair that never occurs with `*` day-of-week):
 * robfig then answers "no time within five years", and Argo Events would spin emitting the zero time.
 */
export function neverFires(schedule: CronSchedule): boolean {
  for (const field of [schedule.minute, schedule.hour, schedule.dom, schedule.month, schedule.dow]) {
    if (!field.includes(true)) return true;
  }
  if (!schedule.domStar && schedule.dowStar) {
    const maxDays = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    const firstDom = schedule.dom.indexOf(true);
    return schedule.month.every((allowed, month) => !allowed || firstDom > (maxDays[month - 1] ?? 0));
  }
  return false;
}

/**
 * robfig's `SpecSchedule.Next`: the first activation strictly after `fromSec` (+ `fromNanos`), computed on the wall
 * clock of the schedule's `CRON_TZ` zone or else of `zone` (the location of the given time), as a unix second; or
 * `undefined` when nothing matches within five years (robfig's zero time).
 */
export function nextCron(schedule: CronSchedule, from: { sec: number; zone: Zone }): number | undefined {
  const loc = schedule.zone ?? from.zone;
  // The upcoming whole second.
  let t = from.sec + 1;
  let wall = wallClock(loc, t);
  let added = false;
  const yearLimit = wall.year + 5;
  const set = (sec: number): void => {
    t = sec;
    wall = wallClock(loc, t);
  };

  wrap: for (;;) {
    if (wall.year > yearLimit) return undefined;

    while (!schedule.month[wall.month]) {
      if (!added) {
        added = true;
        set(zonedDate(loc, { year: wall.year, month: wall.month, day: 1, hour: 0, minute: 0, second: 0 }));
      }
      set(addDate(loc, t, { months: 1 }));
      if (wall.month === 1) continue wrap;
    }

    while (!dayMatches(schedule, wall)) {
      if (!added) {
        added = true;
        set(zonedDate(loc, { year: wall.year, month: wall.month, day: wall.day, hour: 0, minute: 0, second: 0 }));
      }
      set(addDate(loc, t, { days: 1 }));
      // Where midnight does not exist (or repeats), robfig nudges back to the start of the day.
      if (wall.hour !== 0) set(wall.hour > 12 ? t + (24 - wall.hour) * 3600 : t - wall.hour * 3600);
      if (wall.day === 1) continue wrap;
    }

    while (!schedule.hour[wall.hour]) {
      if (!added) {
        added = true;
        set(
          zonedDate(loc, { year: wall.year, month: wall.month, day: wall.day, hour: wall.hour, minute: 0, second: 0 }),
        );
      }
      set(t + 3600);
      if (wall.hour === 0) continue wrap;
    }

    while (!schedule.minute[wall.minute]) {
      if (!added) {
        added = true;
        set(Math.floor(t / 60) * 60);
      }
      set(t + 60);
      if (wall.minute === 0) continue wrap;
    }

    while (!schedule.second[wall.second]) {
      if (!added) added = true;
      set(t + 1);
      if (wall.second === 0) continue wrap;
    }

    return t;
  }
}

function dayMatches(schedule: CronSchedule, wall: WallClock): boolean {
  const domMatch = schedule.dom[wall.day] === true;
  const dowMatch = schedule.dow[wall.weekday] === true;
  if (schedule.domStar || schedule.dowStar) return domMatch && dowMatch;
  return domMatch || dowMatch;
}
