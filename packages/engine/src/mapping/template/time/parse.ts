/** time.ParseInLocation for Go reference layouts. Throws {@link TimeParseError} with Go's messages. */

import { quote } from "../quote.ts";
import { daysIn, fixedZone, GoTime, type GoLocation, UTC } from "./goTime.ts";
import { nextChunk, TimeParseError } from "./layout.ts";
import {
  atoi,
  Bad,
  commaOrPeriod,
  getnum,
  getnum3,
  isDigit,
  LONG_DAYS,
  LONG_MONTHS,
  lookup,
  parseNanoseconds,
  parseNumericZone,
  parseTimeZone,
  SHORT_DAYS,
  SHORT_MONTHS,
  skip,
} from "./parseFields.ts";

/** time.ParseInLocation(layout, value, loc). */
export function parseLayout(layout: string, value: string, defaultLoc: GoLocation): GoTime {
  const origLayout = layout;
  const origValue = value;
  let year = 0;
  let month = -1;
  let day = -1;
  let yday = -1;
  let hour = 0;
  let minute = 0;
  let sec = 0;
  let nsec = 0;
  let z: GoLocation | undefined;
  let zoneOffset = -1;
  let zoneName = "";
  let pmSet = false;
  let amSet = false;
  const fail = (elem: string, rest: string, message = ""): never => {
    if (message !== "") throw new TimeParseError(`parsing time ${quote(origValue)}${message}`);
    throw new TimeParseError(
      `parsing time ${quote(origValue)} as ${quote(origLayout)}: cannot parse ${quote(rest)} as ${quote(elem)}`,
    );
  };
  for (;;) {
    const ch = nextChunk(layout);
    try {
      value = skip(value, ch.prefix);
    } catch {
      fail(ch.prefix, value);
    }
    if (ch.std === undefined) {
      if (value.length !== 0) fail("", "", `: extra text: ${quote(value)}`);
      break;
    }
    layout = ch.suffix;
    const hold = value;
    let rangeErr = "";
    try {
      switch (ch.std) {
        case "06": {
          if (value.length < 2) throw new Bad();
          year = atoi(value.slice(0, 2));
          value = value.slice(2);
          year += year >= 69 ? 1900 : 2000;
          break;
        }
        case "2006":
          if (value.length < 4 || !isDigit(value, 0)) throw new Bad();
          year = atoi(value.slice(0, 4));
          value = value.slice(4);
          break;
        case "Jan":
          [month, value] = lookup(SHORT_MONTHS, value);
          month++;
          break;
        case "January":
          [month, value] = lookup(LONG_MONTHS, value);
          month++;
          break;
        case "1":
        case "01":
          [month, value] = getnum(value, ch.std === "01");
          if (month <= 0 || month > 12) rangeErr = "month";
          break;
        case "Mon":
          [, value] = lookup(SHORT_DAYS, value);
          break;
        case "Monday":
          [, value] = lookup(LONG_DAYS, value);
          break;
        case "2":
        case "_2":
        case "02":
          if (ch.std === "_2" && value[0] === " ") value = value.slice(1);
          [day, value] = getnum(value, ch.std === "02");
          break;
        case "__2":
        case "002":
          for (let i = 0; i < 2; i++) if (ch.std === "__2" && value[0] === " ") value = value.slice(1);
          [yday, value] = getnum3(value, ch.std === "002");
          break;
        case "15":
          [hour, value] = getnum(value, false);
          if (hour < 0 || hour >= 24) rangeErr = "hour";
          break;
        case "3":
        case "03":
          [hour, value] = getnum(value, ch.std === "03");
          if (hour < 0 || hour > 12) rangeErr = "hour";
          break;
        case "4":
        case "04":
          [minute, value] = getnum(value, ch.std === "04");
          if (minute < 0 || minute >= 60) rangeErr = "minute";
          break;
        case "5":
        case "05": {
          [sec, value] = getnum(value, ch.std === "05");
          if (sec < 0 || sec >= 60) {
            rangeErr = "second";
            break;
          }
          if (value.length >= 2 && commaOrPeriod(value[0]) && isDigit(value, 1)) {
            const next = nextChunk(layout).std;
            if (next === "frac0" || next === "frac9") break;
            let n = 2;
            while (n < value.length && isDigit(value, n)) n++;
            nsec = parseNanoseconds(value, n);
            value = value.slice(n);
          }
          break;
        }
        case "PM":
        case "pm": {
          if (value.length < 2) throw new Bad();
          const p = value.slice(0, 2);
          value = value.slice(2);
          const pm = ch.std === "PM" ? "PM" : "pm";
          const am = ch.std === "PM" ? "AM" : "am";
          if (p === pm) pmSet = true;
          else if (p === am) amSet = true;
          else throw new Bad();
          break;
        }
        case "MST": {
          if (value.startsWith("UTC")) {
            z = UTC;
            value = value.slice(3);
            break;
          }
          const n = parseTimeZone(value);
          if (n === 0) throw new Bad();
          zoneName = value.slice(0, n);
          value = value.slice(n);
          break;
        }
        case "frac0": {
          const ndigit = 1 + ch.digits;
          if (value.length < ndigit) throw new Bad();
          nsec = parseNanoseconds(value, ndigit);
          value = value.slice(ndigit);
          break;
        }
        case "frac9": {
          if (value.length < 2 || !commaOrPeriod(value[0]) || !isDigit(value, 1)) break;
          let i = 0;
          while (i + 1 < value.length && isDigit(value, i + 1)) i++;
          nsec = parseNanoseconds(value, 1 + i);
          value = value.slice(1 + i);
          break;
        }
        default: {
          if (ch.std.startsWith("Z") && value[0] === "Z") {
            value = value.slice(1);
            z = UTC;
            break;
          }
          [zoneOffset, value, rangeErr] = parseNumericZone(ch.std.slice(1), value);
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      fail(ch.text, hold);
    }
    if (rangeErr !== "") fail(ch.text, value, `: ${rangeErr} out of range`);
  }
  if (pmSet && hour < 12) hour += 12;
  else if (amSet && hour === 12) hour = 0;
  if (yday >= 0) {
    if (yday < 1 || yday > (daysIn(2, year) === 29 ? 366 : 365)) fail("", value, ": day-of-year out of range");
    let d = yday;
    let m = 1;
    while (d > daysIn(m, year)) {
      d -= daysIn(m, year);
      m++;
    }
    if (month >= 0 && month !== m) fail("", value, ": day-of-year does not match month");
    month = m;
    if (day >= 0 && day !== d) fail("", value, ": day-of-year does not match day");
    day = d;
  } else {
    if (month < 0) month = 1;
    if (day < 0) day = 1;
  }
  if (day < 1 || day > daysIn(month, year)) fail("", value, ": day out of range");
  const fields = { year, month, day, hour, minute, second: sec, nsec };
  if (z) return GoTime.date(fields, z);
  if (zoneOffset !== -1) {
    const utc = GoTime.date(fields, UTC);
    const sec2 = utc.sec - zoneOffset;
    const local = defaultLoc.lookup(sec2);
    if (local.offset === zoneOffset && (zoneName === "" || local.abbrev === zoneName)) {
      return new GoTime(sec2, utc.nsec, defaultLoc);
    }
    return new GoTime(sec2, utc.nsec, fixedZone(zoneName, zoneOffset));
  }
  if (zoneName !== "") {
    const utc = GoTime.date(fields, UTC);
    const local = defaultLoc.lookup(utc.sec);
    if (local.abbrev === zoneName) return new GoTime(utc.sec - local.offset, utc.nsec, defaultLoc);
    let offset = 0;
    if (zoneName.length > 3 && zoneName.startsWith("GMT")) offset = Number(zoneName.slice(3)) * 3600;
    // Go keeps the wall clock as UTC here and only labels it with the guessed offset.
    return new GoTime(utc.sec, utc.nsec, fixedZone(zoneName, offset));
  }
  return GoTime.date(fields, defaultLoc);
}
