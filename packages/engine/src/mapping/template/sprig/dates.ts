/**
 * sprig v3.3.0 date functions on Go's time.Time, plus the time.Time methods templates can call
 * (`(toDate "2006-01-02" .d).Year`). "Now" is the executor's injected clock; `Local` is UTC (see goTime.ts).
 * As in sprig, `date` and friends given anything but a time.Time or an int/int64 Unix time use the current time,
 * so a float64 from JSON formats "now".
 */

import { def, type FuncDef, GoCallError, str } from "../funcs.ts";
import { durationString, HOUR, MINUTE, parseDuration, roundDuration, SECOND } from "../time/duration.ts";
import { GoTime, LOCAL, loadLocation, UTC } from "../time/goTime.ts";
import { formatTime, TimeParseError } from "../time/layout.ts";
import { parseLayout } from "../time/parse.ts";
import { GoInt, type GoValue } from "../values.ts";
import { parseInt64 } from "./cast.ts";

const MAX_DURATION = (1n << 63n) - 1n;
const MIN_DURATION = -(1n << 63n);

function timeOf(v: GoValue, now: () => Date, ints: readonly string[] = ["int", "int64", "int32"]): GoTime {
  if (v instanceof GoTime) return v;
  if (v instanceof GoInt && ints.includes(v.kind)) return new GoTime(Number(v.value), 0, LOCAL);
  return GoTime.fromDate(now());
}

/** sprig's dateInZone once the time is known: format in `zone` (UTC when the zone is unknown). */
function formatInZone(layout: string, t: GoTime, zone: string): string {
  return formatTime(t.in(loadLocation(zone) ?? UTC), layout);
}

/** t.Sub(u), saturating like Go. */
function sub(t: GoTime, u: GoTime): bigint {
  const d = t.unixNano() - u.unixNano();
  return d > MAX_DURATION ? MAX_DURATION : d < MIN_DURATION ? MIN_DURATION : d;
}

function toDate(layout: string, value: string): GoTime {
  try {
    return parseLayout(layout, value, LOCAL);
  } catch (e) {
    if (e instanceof TimeParseError) throw new GoCallError(e.message);
    throw e;
  }
}

function dateModify(spec: string, t: GoTime, strict: boolean): GoTime {
  try {
    return t.addNanos(parseDuration(spec));
  } catch (e) {
    if (e instanceof GoCallError || !(e instanceof Error)) throw e;
    if (strict) throw new GoCallError(e.message);
    return t;
  }
}

function durationRound(v: GoValue, now: () => Date): string {
  let d = 0n;
  if (typeof v === "string") {
    try {
      d = parseDuration(v);
    } catch {
      d = 0n;
    }
  } else if (v instanceof GoInt && v.kind === "int64") d = v.value;
  else if (v instanceof GoTime) d = sub(GoTime.fromDate(now()), v);
  const u = BigInt.asUintN(64, d < 0n ? -d : d);
  const day = 24n * HOUR;
  const units: [bigint, string][] = [
    [365n * day, "y"],
    [30n * day, "mo"],
    [day, "d"],
    [HOUR, "h"],
    [MINUTE, "m"],
    [SECOND, "s"],
  ];
  for (const [size, suffix] of units) if (u > size) return (u / size).toString() + suffix;
  return "0s";
}

function duration(v: GoValue): string {
  let n = 0n;
  if (typeof v === "string") n = parseInt64(v, 10) ?? 0n;
  else if (v instanceof GoInt && v.kind === "int64") n = v.value;
  return durationString(BigInt.asIntN(64, n * SECOND));
}

const dateModifyFn = def(["string", "time"], ([s, t]) => dateModify(str(s), t as GoTime, false));
const mustDateModifyFn = def(["string", "time"], ([s, t]) => dateModify(str(s), t as GoTime, true));
const dateInZoneFn = def(["string", "any", "string"], ([f, d, z], ctx) =>
  formatInZone(str(f), timeOf(d, ctx.now), str(z)),
);

export const DATE_FUNCS: Record<string, FuncDef> = {
  now: def([], (_args, ctx) => GoTime.fromDate(ctx.now())),
  date: def(["string", "any"], ([f, d], ctx) => formatInZone(str(f), timeOf(d, ctx.now), "Local")),
  dateInZone: dateInZoneFn,
  date_in_zone: dateInZoneFn,
  htmlDate: def(["any"], ([d], ctx) => formatInZone("2006-01-02", timeOf(d, ctx.now), "Local")),
  htmlDateInZone: def(["any", "string"], ([d, z], ctx) => formatInZone("2006-01-02", timeOf(d, ctx.now), str(z))),
  dateModify: dateModifyFn,
  date_modify: dateModifyFn,
  mustDateModify: mustDateModifyFn,
  must_date_modify: mustDateModifyFn,
  ago: def(["any"], ([d], ctx) => {
    const t = timeOf(d, ctx.now, ["int", "int64"]);
    return durationString(roundDuration(sub(GoTime.fromDate(ctx.now()), t), SECOND));
  }),
  duration: def(["any"], ([v]) => duration(v)),
  durationRound: def(["any"], ([v], ctx) => durationRound(v, ctx.now)),
  toDate: def(["string", "string"], ([f, s]) => {
    try {
      return toDate(str(f), str(s));
    } catch {
      return GoTime.ZERO;
    }
  }),
  mustToDate: def(["string", "string"], ([f, s]) => toDate(str(f), str(s))),
  unixEpoch: def(["time"], ([t]) => String((t as GoTime).sec)),
};

/** Methods of time.Time (and of time.Month / time.Weekday via String) that templates may call. */
export function timeMethod(t: GoTime, name: string): FuncDef | undefined {
  const c = () => t.civil();
  const int = (n: number | bigint): GoInt => new GoInt("int", BigInt(n));
  switch (name) {
    case "Year":
      return def([], () => int(c().year));
    case "Month":
      return def([], () => new GoInt("time.Month", BigInt(c().month)));
    case "Day":
      return def([], () => int(c().day));
    case "Hour":
      return def([], () => int(c().hour));
    case "Minute":
      return def([], () => int(c().minute));
    case "Second":
      return def([], () => int(c().second));
    case "Nanosecond":
      return def([], () => int(t.nsec));
    case "YearDay":
      return def([], () => int(c().yday));
    case "Weekday":
      return def([], () => new GoInt("time.Weekday", BigInt(c().weekday)));
    case "Unix":
      return def([], () => new GoInt("int64", BigInt(t.sec)));
    case "UnixMilli":
      return def([], () => new GoInt("int64", BigInt(t.sec) * 1000n + BigInt(Math.floor(t.nsec / 1e6))));
    case "UnixNano":
      return def([], () => new GoInt("int64", t.unixNano()));
    case "UTC":
      return def([], () => t.in(UTC));
    case "Local":
      return def([], () => t.in(LOCAL));
    case "IsZero":
      return def([], () => t.isZero());
    case "String":
      return def([], () => t.toString());
    case "Format":
      return def(["string"], ([layout]) => formatTime(t, str(layout)));
    default:
      return undefined;
  }
}
