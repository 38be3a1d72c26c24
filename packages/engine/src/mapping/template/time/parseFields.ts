/** Field scanners for time.Parse: numbers, names, zone abbreviations and numeric offsets, with Go's rules. */

export const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
export const LONG_MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];
export const SHORT_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
export const LONG_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

/** A value that does not match its layout element. */
export class Bad extends Error {}

export const isDigit = (s: string, i: number): boolean => i < s.length && s[i]! >= "0" && s[i]! <= "9";
export const commaOrPeriod = (c: string | undefined): boolean => c === "." || c === ",";

export function getnum(s: string, fixed: boolean): [number, string] {
  if (!isDigit(s, 0)) throw new Bad();
  if (!isDigit(s, 1)) {
    if (fixed) throw new Bad();
    return [Number(s[0]), s.slice(1)];
  }
  return [Number(s.slice(0, 2)), s.slice(2)];
}

export function getnum3(s: string, fixed: boolean): [number, string] {
  let n = 0;
  let i = 0;
  for (; i < 3 && isDigit(s, i); i++) n = n * 10 + Number(s[i]);
  if (i === 0 || (fixed && i !== 3)) throw new Bad();
  return [n, s.slice(i)];
}

function cutspace(s: string): string {
  let i = 0;
  while (s[i] === " ") i++;
  return s.slice(i);
}

export function skip(value: string, prefix: string): string {
  let v = value;
  let p = prefix;
  while (p.length > 0) {
    if (p[0] === " ") {
      if (v.length > 0 && v[0] !== " ") throw new Bad();
      p = cutspace(p);
      v = cutspace(v);
      continue;
    }
    if (v.length === 0 || v[0] !== p[0]) throw new Bad();
    p = p.slice(1);
    v = v.slice(1);
  }
  return v;
}

export function lookup(tab: readonly string[], val: string): [number, string] {
  for (let i = 0; i < tab.length; i++) {
    const name = tab[i] ?? "";
    if (val.length >= name.length && val.slice(0, name.length).toLowerCase() === name.toLowerCase()) {
      return [i, val.slice(name.length)];
    }
  }
  throw new Bad();
}

export function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new Bad();
  return Number(s);
}

export function parseNanoseconds(value: string, nbytes: number): number {
  if (!commaOrPeriod(value[0])) throw new Bad();
  const n = Math.min(nbytes, 10);
  const digits = value.slice(1, n);
  if (!/^\d+$/.test(digits)) throw new Bad();
  return Number(digits) * 10 ** (10 - n);
}

function parseSignedOffset(value: string): number {
  const sign = value[0];
  if (sign !== "+" && sign !== "-") return 0;
  const m = /^\d+/.exec(value.slice(1));
  if (!m) return 0;
  const x = Number(m[0]);
  if (x > 23) return 0;
  return 1 + m[0].length;
}

export function parseTimeZone(value: string): number {
  if (value.length < 3) return 0;
  if (value.startsWith("ChST") || value.startsWith("MeST")) return 4;
  if (value.startsWith("GMT")) return 3 + parseSignedOffset(value.slice(3));
  if (value[0] === "+" || value[0] === "-") return parseSignedOffset(value);
  let n = 0;
  while (n < 6 && n < value.length && value[n]! >= "A" && value[n]! <= "Z") n++;
  if (n === 5 && value[4] === "T") return 5;
  if (n === 4 && (value[3] === "T" || value.startsWith("WITA"))) return 4;
  if (n === 3) return 3;
  return 0;
}

/** Parses `-0700`-style offsets; returns seconds east of UTC. */
export function parseNumericZone(kind: string, value: string): [number, string, string] {
  let sign: string;
  let hh: string;
  let mm = "00";
  let ss = "00";
  let rest: string;
  if (kind === "07:00") {
    if (value.length < 6 || value[3] !== ":") throw new Bad();
    [sign, hh, mm, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(4, 6), value.slice(6)];
  } else if (kind === "07") {
    if (value.length < 3) throw new Bad();
    [sign, hh, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(3)];
  } else if (kind === "07:00:00") {
    if (value.length < 9 || value[3] !== ":" || value[6] !== ":") throw new Bad();
    [sign, hh, mm, ss, rest] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(4, 6),
      value.slice(7, 9),
      value.slice(9),
    ];
  } else if (kind === "070000") {
    if (value.length < 7) throw new Bad();
    [sign, hh, mm, ss, rest] = [
      value.slice(0, 1),
      value.slice(1, 3),
      value.slice(3, 5),
      value.slice(5, 7),
      value.slice(7),
    ];
  } else {
    if (value.length < 5) throw new Bad();
    [sign, hh, mm, rest] = [value.slice(0, 1), value.slice(1, 3), value.slice(3, 5), value.slice(5)];
  }
  const [h] = getnum(hh, true);
  const [m] = getnum(mm, true);
  const [s] = getnum(ss, true);
  let offset = (h * 60 + m) * 60 + s;
  if (sign === "-") offset = -offset;
  else if (sign !== "+") throw new Bad();
  const rangeErr =
    s > 60 ? "time zone offset second" : m > 60 ? "time zone offset minute" : h > 24 ? "time zone offset hour" : "";
  return [offset, rest, rangeErr];
}
