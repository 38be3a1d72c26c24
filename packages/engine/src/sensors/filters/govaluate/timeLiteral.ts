/**
 * govaluate turns a quoted literal into a TIME token (its value is Unix seconds) when it parses with one of 14 Go
 * time layouts, so `d == "2021-01-02"` compares `d` with the number 1609545600, not with the string. This module
 * re-implements Go's `time.ParseInLocation` for exactly those layouts. Argo Events pods run in UTC, so the local
 * zone is UTC: a zone abbreviation (`MST`, `GMT+3`) is accepted but does not move the instant, a numeric offset does.
 * Pure.
 */

type Std =
  | "WeekDay"
  | "Month"
  | "UnderDay"
  | "ZeroDay"
  | "Hour"
  | "Hour12"
  | "ZeroMinute"
  | "ZeroSecond"
  | "ZeroSecondBeforeFrac"
  | "LongYear"
  | "ZeroMonth"
  | "TZ"
  | "NumTZ"
  | "NumColonTZ"
  | "ISO8601TZ"
  | "ISO8601ColonTZ"
  | "PM"
  | "FracSecond9";

type Element = Std | { lit: string };

const lit = (text: string): Element => ({ lit: text });
const date: Element[] = ["LongYear", lit("-"), "ZeroMonth", lit("-"), "ZeroDay"];
const clock: Element[] = ["Hour", lit(":"), "ZeroMinute", lit(":"), "ZeroSecond"];

/** govaluate's `tryParseTime` layouts, in its order, pre-split into Go layout elements. */
const layouts: Element[][] = [
  ["WeekDay", lit(" "), "Month", lit(" "), "UnderDay", lit(" "), ...clock, lit(" "), "LongYear"], // ANSIC
  ["WeekDay", lit(" "), "Month", lit(" "), "UnderDay", lit(" "), ...clock, lit(" "), "TZ", lit(" "), "LongYear"], // UnixDate
  ["WeekDay", lit(" "), "Month", lit(" "), "ZeroDay", lit(" "), ...clock, lit(" "), "NumTZ", lit(" "), "LongYear"], // RubyDate
  ["Hour12", lit(":"), "ZeroMinute", "PM"], // Kitchen
  [...date, lit("T"), ...clock, "ISO8601ColonTZ"], // RFC3339
  [
    ...date,
    lit("T"),
    "Hour",
    lit(":"),
    "ZeroMinute",
    lit(":"),
    "ZeroSecondBeforeFrac",
    "FracSecond9",
    "ISO8601ColonTZ",
  ],
  [...date],
  [...date, lit(" "), "Hour", lit(":"), "ZeroMinute"],
  [...date, lit(" "), ...clock],
  [...date, lit(" "), ...clock, "NumColonTZ"],
  [...date, lit("T"), "Hour", "ISO8601TZ"],
  [...date, lit("T"), "Hour", lit(":"), "ZeroMinute", "ISO8601TZ"],
  [...date, lit("T"), ...clock, "ISO8601TZ"],
  [...date, lit("T"), "Hour", lit(":"), "ZeroMinute", lit(":"), "ZeroSecondBeforeFrac", "FracSecond9", "ISO8601TZ"],
];

const shortDays = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

class Bad extends Error {}

const isDigit = (s: string, i: number): boolean => i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57;

function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new Bad();
  if (!isDigit(s, 1)) {
    if (fixed) throw new Bad();
    return [s.charCodeAt(0) - 48, s.slice(1)];
  }
  return [(s.charCodeAt(0) - 48) * 10 + (s.charCodeAt(1) - 48), s.slice(2)];
}

/** Go's case-insensitive (ASCII letters only) table lookup. */
function lookup(table: readonly string[], value: string): [number, string] {
  for (const [i, name] of table.entries()) {
    if (value.length < name.length) continue;
    let ok = true;
    for (let j = 0; j < name.length && ok; j++) {
      const a = value.charCodeAt(j);
      const b = name.charCodeAt(j);
      if (a === b) continue;
      const la = a | 0x20;
      ok = la === (b | 0x20) && la >= 97 && la <= 122;
    }
    if (ok) return [i, value.slice(name.length)];
  }
  throw new Bad();
}

function skip(value: string, prefix: string): string {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === " ") {
      if (v.length > 0 && v[0] !== " ") throw new Bad();
      p = p.replace(/^ +/, "");
      v = v.replace(/^ +/, "");
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) throw new Bad();
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

/** Go's `atoi` for a short ASCII field (optional sign, then digits only). */
function atoi(s: string): number {
  const m = /^([+-]?)(\d+)$/.exec(s);
  if (!m) throw new Bad();
  const n = Number(m[2]);
  return m[1] === "-" ? -n : n;
}

function signedOffsetLength(value: string): number {
  const m = /^[+-](\d*)/.exec(value);
  if (!m || m[1] === "" || m[1] === undefined) return 0;
  if (Number(m[1]) > 23) return 0;
  return 1 + m[1].length;
}

function timeZoneLength(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) return value.length === 3 ? 3 : 3 + signedOffsetLength(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return signedOffsetLength(value);
  let upper = 0;
  while (upper < 6 && upper < value.length && value.charCodeAt(upper) >= 65 && value.charCodeAt(upper) <= 90) upper++;
  if (upper === 3) return 3;
  if (upper === 4 && (value[3] === "T" || value.startsWith("WITA"))) return 4;
  if (upper === 5 && value[4] === "T") return 5;
  return 0;
}

function numericOffset(value: string, colon: boolean): [number, string] {
  const need = colon ? 6 : 5;
  if (value.length < need || (colon && value[3] !== ":")) throw new Bad();
  const [hr] = getnum(value.slice(1, 3), true);
  const [mm] = getnum(colon ? value.slice(4, 6) : value.slice(3, 5), true);
  if (hr > 24 || mm > 60) throw new Bad();
  const offset = (hr * 60 + mm) * 60;
  if (value[0] === "+") return [offset, value.slice(need)];
  if (value[0] === "-") return [-offset, value.slice(need)];
  throw new Bad();
}

function fraction(value: string): string {
  let n = 1;
  while (isDigit(value, n)) n++;
  return value.slice(n);
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 31;
}

/** Days from 1970-01-01 to the given proleptic Gregorian date. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function parseLayout(layout: readonly Element[], input: string): number {
  let v = input;
  let year = 0;
  let month = -1;
  let day = -1;
  let hour = 0;
  let min = 0;
  let sec = 0;
  let pm = false;
  let am = false;
  let offset = 0;
  for (const el of layout) {
    if (typeof el !== "string") {
      v = skip(v, el.lit);
      continue;
    }
    switch (el) {
      case "WeekDay":
        v = lookup(shortDays, v)[1];
        break;
      case "Month":
        [month, v] = lookup(shortMonths, v);
        month++;
        break;
      case "UnderDay":
      case "ZeroDay":
        if (el === "UnderDay" && v[0] === " ") v = v.slice(1);
        [day, v] = getnum(v, el === "ZeroDay");
        break;
      case "ZeroMonth":
        [month, v] = getnum(v, true);
        if (month <= 0 || month > 12) throw new Bad();
        break;
      case "Hour":
        [hour, v] = getnum(v, false);
        if (hour >= 24) throw new Bad();
        break;
      case "Hour12":
        [hour, v] = getnum(v, false);
        if (hour > 12) throw new Bad();
        break;
      case "ZeroMinute":
        [min, v] = getnum(v, true);
        if (min >= 60) throw new Bad();
        break;
      case "ZeroSecond":
      case "ZeroSecondBeforeFrac":
        [sec, v] = getnum(v, true);
        if (sec >= 60) throw new Bad();
        // A fraction the layout does not ask for is still accepted after the seconds.
        if (el === "ZeroSecond" && v.length >= 2 && (v[0] === "." || v[0] === ",") && isDigit(v, 1)) v = fraction(v);
        break;
      case "FracSecond9":
        if (v.length >= 2 && v[0] === "." && isDigit(v, 1)) v = fraction(v);
        else if (v.length >= 2 && v[0] === "," && isDigit(v, 1)) v = fraction(v);
        break;
      case "LongYear":
        if (v.length < 4 || !isDigit(v, 0)) throw new Bad();
        year = atoi(v.slice(0, 4));
        v = v.slice(4);
        break;
      case "PM": {
        const p = v.slice(0, 2);
        if (p === "PM") pm = true;
        else if (p === "AM") am = true;
        else throw new Bad();
        v = v.slice(2);
        break;
      }
      case "TZ": {
        if (v.startsWith("UTC")) {
          v = v.slice(3);
          break;
        }
        // An abbreviation unknown to the (UTC) local zone only names a fake zone: the instant stays as written.
        const n = timeZoneLength(v);
        if (n === 0) throw new Bad();
        v = v.slice(n);
        break;
      }
      case "ISO8601TZ":
      case "ISO8601ColonTZ":
        if (v[0] === "Z") {
          v = v.slice(1);
          break;
        }
        [offset, v] = numericOffset(v, el === "ISO8601ColonTZ");
        break;
      case "NumTZ":
      case "NumColonTZ":
        [offset, v] = numericOffset(v, el === "NumColonTZ");
        break;
    }
  }
  if (v.length > 0) throw new Bad();
  if (pm && hour < 12) hour += 12;
  else if (am && hour === 12) hour = 0;
  if (month < 0) month = 1;
  if (day < 0) day = 1;
  if (day < 1 || day > daysIn(month, year)) throw new Bad();
  return daysFromCivil(year, month, day) * 86400 + hour * 3600 + min * 60 + sec - offset;
}

/** Unix seconds of `candidate` if it parses with one of govaluate's time layouts, otherwise `undefined`. */
export function tryParseTime(candidate: string): number | undefined {
  // Every layout starts with a digit or a three-letter day name and a space: skip the rest cheaply.
  if (!/^(\d|[A-Za-z]{3} )/.test(candidate)) return undefined;
  for (const layout of layouts) {
    try {
      return parseLayout(layout, candidate);
    } catch (error) {
      if (!(error instanceof Bad)) throw error;
    }
  }
  return undefined;
}
