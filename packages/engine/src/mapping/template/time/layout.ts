/**
 * Go reference-time layouts ("2006-01-02T15:04:05Z07:00"): tokenizing, formatting (time.Format) and parsing
 * (time.ParseInLocation), including Go's quirks: `_2` padding, `.000`/`.999` fractions, `Z07:00` writing `Z` for
 * UTC, two-digit years pivoting at 69, and the same parse error messages.
 */

import type { GoTime } from "./goTime.ts";
import { LONG_DAYS, LONG_MONTHS, SHORT_DAYS, SHORT_MONTHS } from "./parseFields.ts";

type Std =
  | "Jan"
  | "January"
  | "Mon"
  | "Monday"
  | "MST"
  | "1"
  | "01"
  | "2"
  | "_2"
  | "02"
  | "__2"
  | "002"
  | "15"
  | "3"
  | "03"
  | "4"
  | "04"
  | "5"
  | "05"
  | "2006"
  | "06"
  | "PM"
  | "pm"
  | "-070000"
  | "-07:00:00"
  | "-0700"
  | "-07:00"
  | "-07"
  | "Z070000"
  | "Z07:00:00"
  | "Z0700"
  | "Z07:00"
  | "Z07"
  | "frac0"
  | "frac9";

interface Chunk {
  prefix: string;
  std: Std | undefined;
  /** Layout text of the element. */
  text: string;
  suffix: string;
  /** Fraction digits and separator for frac0/frac9. */
  digits: number;
  sep: string;
}

const isDigitAt = (s: string, i: number): boolean => i < s.length && s[i]! >= "0" && s[i]! <= "9";
const startsWithLower = (s: string): boolean => s.length > 0 && s[0]! >= "a" && s[0]! <= "z";

/** Go's nextStdChunk. */
export function nextChunk(layout: string): Chunk {
  const done = (i: number, std: Std, len: number): Chunk => ({
    prefix: layout.slice(0, i),
    std,
    text: layout.slice(i, i + len),
    suffix: layout.slice(i + len),
    digits: 0,
    sep: "",
  });
  for (let i = 0; i < layout.length; i++) {
    const rest = layout.slice(i);
    switch (layout[i]) {
      case "J":
        if (rest.startsWith("Jan")) {
          if (rest.startsWith("January")) return done(i, "January", 7);
          if (!startsWithLower(rest.slice(3))) return done(i, "Jan", 3);
        }
        break;
      case "M":
        if (rest.startsWith("Mon")) {
          if (rest.startsWith("Monday")) return done(i, "Monday", 6);
          if (!startsWithLower(rest.slice(3))) return done(i, "Mon", 3);
        }
        if (rest.startsWith("MST")) return done(i, "MST", 3);
        break;
      case "0":
        if (rest.length >= 2 && rest[1]! >= "1" && rest[1]! <= "6") return done(i, rest.slice(0, 2) as Std, 2);
        if (rest.startsWith("002")) return done(i, "002", 3);
        break;
      case "1":
        if (rest.startsWith("15")) return done(i, "15", 2);
        return done(i, "1", 1);
      case "2":
        if (rest.startsWith("2006")) return done(i, "2006", 4);
        return done(i, "2", 1);
      case "_":
        if (rest.startsWith("_2")) {
          // "_2006" is a literal underscore followed by the long year.
          if (rest.startsWith("_2006")) return { ...done(i + 1, "2006", 4), prefix: layout.slice(0, i + 1) };
          return done(i, "_2", 2);
        }
        if (rest.startsWith("__2")) return done(i, "__2", 3);
        break;
      case "3":
      case "4":
      case "5":
        return done(i, layout[i] as Std, 1);
      case "P":
        if (rest.startsWith("PM")) return done(i, "PM", 2);
        break;
      case "p":
        if (rest.startsWith("pm")) return done(i, "pm", 2);
        break;
      case "-":
      case "Z":
        for (const z of ["070000", "07:00:00", "0700", "07:00", "07"]) {
          if (rest.startsWith(layout[i] + z)) return done(i, (layout[i] + z) as Std, 1 + z.length);
        }
        break;
      case ".":
      case ",": {
        const c = layout[i + 1];
        if (c === "0" || c === "9") {
          let j = i + 1;
          while (layout[j] === c) j++;
          if (!isDigitAt(layout, j)) {
            return { ...done(i, c === "0" ? "frac0" : "frac9", j - i), digits: j - i - 1, sep: layout[i] ?? "." };
          }
        }
        break;
      }
      default:
        break; // literal text
    }
  }
  return { prefix: layout, std: undefined, text: "", suffix: "", digits: 0, sep: "" };
}

const pad = (n: number, width: number): string => {
  const s = String(Math.abs(n)).padStart(width, "0");
  return n < 0 ? "-" + s : s;
};

/** time.Time.Format. */
export function formatTime(t: GoTime, layout: string): string {
  const c = t.civil();
  let out = "";
  let rest = layout;
  for (;;) {
    const ch = nextChunk(rest);
    out += ch.prefix;
    if (ch.std === undefined) return out;
    rest = ch.suffix;
    const hour12 = c.hour % 12 === 0 ? 12 : c.hour % 12;
    switch (ch.std) {
      case "06":
        out += pad(((c.year % 100) + 100) % 100, 2);
        break;
      case "2006":
        out += pad(c.year, 4);
        break;
      case "Jan":
        out += SHORT_MONTHS[c.month - 1] ?? "";
        break;
      case "January":
        out += LONG_MONTHS[c.month - 1] ?? "";
        break;
      case "1":
        out += String(c.month);
        break;
      case "01":
        out += pad(c.month, 2);
        break;
      case "Mon":
        out += SHORT_DAYS[c.weekday] ?? "";
        break;
      case "Monday":
        out += LONG_DAYS[c.weekday] ?? "";
        break;
      case "2":
        out += String(c.day);
        break;
      case "_2":
        out += c.day < 10 ? " " + String(c.day) : String(c.day);
        break;
      case "02":
        out += pad(c.day, 2);
        break;
      case "__2":
        out += String(c.yday).padStart(3, " ");
        break;
      case "002":
        out += pad(c.yday, 3);
        break;
      case "15":
        out += pad(c.hour, 2);
        break;
      case "3":
        out += String(hour12);
        break;
      case "03":
        out += pad(hour12, 2);
        break;
      case "4":
        out += String(c.minute);
        break;
      case "04":
        out += pad(c.minute, 2);
        break;
      case "5":
        out += String(c.second);
        break;
      case "05":
        out += pad(c.second, 2);
        break;
      case "PM":
        out += c.hour >= 12 ? "PM" : "AM";
        break;
      case "pm":
        out += c.hour >= 12 ? "pm" : "am";
        break;
      case "MST":
        out += c.abbrev !== "" ? c.abbrev : numericZone(c.offset, {});
        break;
      case "frac0":
      case "frac9": {
        const digits = String(c.nsec).padStart(9, "0").slice(0, Math.min(ch.digits, 9));
        if (ch.std === "frac0") out += ch.sep + digits;
        else {
          const trimmed = String(c.nsec).padStart(9, "0").slice(0, Math.min(ch.digits, 9)).replace(/0+$/, "");
          if (trimmed !== "") out += ch.sep + trimmed;
        }
        break;
      }
      default: {
        const iso = ch.std.startsWith("Z");
        if (iso && c.offset === 0) {
          out += "Z";
          break;
        }
        const body = ch.std.slice(1);
        out += numericZone(c.offset, { colon: body.includes(":"), short: body === "07", seconds: body.length >= 6 });
      }
    }
  }
}

function numericZone(
  offset: number,
  { colon = false, short = false, seconds = false }: { colon?: boolean; short?: boolean; seconds?: boolean },
): string {
  let zone = Math.trunc(offset / 60);
  let abs = offset;
  let s = "+";
  if (zone < 0) {
    s = "-";
    zone = -zone;
    abs = -abs;
  }
  s += pad(Math.floor(zone / 60), 2);
  if (!short) s += (colon ? ":" : "") + pad(zone % 60, 2);
  if (seconds) s += (colon ? ":" : "") + pad(abs % 60, 2);
  return s;
}

/** A time.ParseError. */
export class TimeParseError extends Error {}
