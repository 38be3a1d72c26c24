import { readFileSync } from "node:fs";
import { Cron } from "croner";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { nextCron, parseCron } from "./cron.ts";
import { goTimeString } from "./goTime.ts";
import { compileCalendar, nextTick, type ZonedTime } from "./schedule.ts";
import { UTC, loadZone } from "./zone.ts";

function vectors<T extends z.ZodType>(file: string, schema: T): z.infer<T>[] {
  return z.array(schema).parse(JSON.parse(readFileSync(new URL(`./vectors/${file}`, import.meta.url), "utf8")));
}

const scheduleCases = vectors(
  "schedules.json",
  z.object({
    schedule: z.string().optional(),
    interval: z.string().optional(),
    timezone: z.string(),
    exclusionDates: z.array(z.string()).optional(),
    from: z.string(),
    count: z.number(),
    note: z.string().optional(),
    expected: z.array(z.object({ at: z.string(), eventTime: z.string() })),
  }),
);

/** RFC 3339 with up to nine fractional digits → whole seconds and nanoseconds. */
function instantOf(rfc3339: string): { sec: number; nanos: number } {
  const match = /^(.*?)(?:\.(\d+))?Z$/.exec(rfc3339);
  const sec = Date.parse(`${match?.[1] ?? ""}Z`) / 1000;
  return { sec, nanos: Number((match?.[2] ?? "").padEnd(9, "0")) };
}

function rfc3339(instant: { sec: number; nanos: number }): string {
  const base = new Date(instant.sec * 1000).toISOString().replace(".000Z", "");
  return instant.nanos === 0 ? `${base}Z` : `${base}.${String(instant.nanos).padStart(9, "0").replace(/0+$/, "")}Z`;
}

describe("schedule vectors (robfig/cron v3.0.1 through Argo Events' next, exclusions included)", () => {
  it("covers both New York DST changes with 30 2 * * * and 0 * * * *", () => {
    const ny = scheduleCases.filter((c) => c.timezone === "America/New_York");
    expect(ny.map((c) => c.schedule)).toEqual(expect.arrayContaining(["30 2 * * *", "0 * * * *"]));
    expect(scheduleCases.reduce((sum, c) => sum + c.expected.length, 0)).toBeGreaterThan(250);
  });

  it.each(
    scheduleCases.map(
      (c) =>
        [
          `${c.schedule ?? `every ${c.interval}`} in ${c.timezone || "UTC"} from ${c.from}${c.note ? ` (${c.note})` : ""}`,
          c,
        ] as const,
    ),
  )("%s", (_name, c) => {
    const compiled = compileCalendar({
      schedule: c.schedule,
      interval: c.interval,
      timezone: c.timezone,
      exclusionDates: c.exclusionDates,
    });
    if (!compiled.ok) {
      // The one vector whose schedule can never fire: robfig returns the zero time, Signalbox refuses it at apply.
      expect(c.expected).toEqual([{ at: "0001-01-01T00:00:00Z", eventTime: "0001-01-01 00:00:00 +0000 UTC" }]);
      expect(compiled.issues[0]?.message).toMatch(/never fires/);
      return;
    }
    const { calendar } = compiled;
    let last: ZonedTime = { instant: instantOf(c.from), zone: calendar.location ?? UTC };
    const got: { at: string; eventTime: string }[] = [];
    for (let i = 0; i < c.count; i++) {
      const next = nextTick(calendar, last);
      if (!next) break;
      got.push({ at: rfc3339(next.instant), eventTime: goTimeString(next.instant, next.zone) });
      last = { instant: next.instant, zone: calendar.location ?? next.zone };
    }
    expect(got).toEqual(c.expected);
  });
});

describe("cron parse vectors (robfig/cron v3.0.1, Minute|Hour|Dom|Month|Dow)", () => {
  const cases = vectors("cronErrors.json", z.object({ schedule: z.string(), error: z.string().optional() }));
  it.each(cases.map((c) => [JSON.stringify(c.schedule), c] as const))("%s", (_name, c) => {
    const got = parseCron(c.schedule);
    if (c.error === undefined) expect(got.ok).toBe(true);
    else if (c.error.startsWith("panic:")) expect(got.ok).toBe(false);
    else expect(got).toEqual({ ok: false, message: c.error });
  });
});

describe("agreement with croner where robfig and croner mean the same thing", () => {
  // Plain numbers, ranges, lists and */steps, in UTC (no DST): both libraries must pick the same times. Day fields
  // are either both stars (croner and robfig AND them) or one star (AND in both).
  const value = (min: number, max: number) => fc.integer({ min, max }).map(String);
  const field = (min: number, max: number) =>
    fc.oneof(
      fc.constant("*"),
      value(min, max),
      fc
        .tuple(fc.integer({ min, max }), fc.integer({ min, max }))
        .map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
      fc.integer({ min: 2, max: Math.max(2, Math.floor((max - min) / 2)) }).map((step) => `*/${step}`),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 2, maxLength: 4 }).map((xs) => xs.join(",")),
    );
  const expression = fc
    .tuple(field(0, 59), field(0, 23), field(1, 28), field(1, 12), field(0, 6), fc.boolean())
    .map(
      ([minute, hour, dom, month, dow, domSide]) =>
        `${minute} ${hour} ${domSide ? dom : "*"} ${month} ${domSide ? "*" : dow}`,
    );

  it("computes the same next three times from the same instant", () => {
    fc.assert(
      fc.property(
        expression,
        fc.integer({ min: Date.UTC(2024, 0, 1) / 1000, max: Date.UTC(2030, 0, 1) / 1000 }),
        (spec, start) => {
          const parsed = parseCron(spec);
          expect(parsed.ok).toBe(true);
          if (!parsed.ok) return;
          const croner = new Cron(spec, { timezone: "UTC", paused: true });
          let ours = start;
          let theirs = new Date(start * 1000);
          for (let i = 0; i < 3; i++) {
            const next = nextCron(parsed.schedule, { sec: ours, zone: UTC });
            const other = croner.nextRun(theirs);
            expect(next === undefined ? undefined : next * 1000).toBe(other?.getTime());
            if (next === undefined || !other) return;
            ours = next;
            theirs = other;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("differs from croner across DST, where robfig is the reference", () => {
    const ny = loadZone("America/New_York");
    if (!ny.ok) throw new Error(ny.message);
    const parsed = parseCron("30 2 * * *");
    if (!parsed.ok) throw new Error(parsed.message);
    const from = Date.UTC(2026, 2, 7, 12) / 1000;
    // From 07:00 EST on the 7th, robfig skips the 8th (02:30 does not exist there) and fires on the 9th.
    const ours = nextCron(parsed.schedule, { sec: from, zone: ny.zone });
    expect(goTimeString({ sec: ours ?? 0, nanos: 0 }, ny.zone)).toBe("2026-03-09 02:30:00 -0400 EDT");
    const croner = new Cron("30 2 * * *", { timezone: "America/New_York", paused: true }).nextRun(
      new Date(from * 1000),
    );
    expect(croner?.toISOString()).toBe("2026-03-08T07:00:00.000Z");
  });
});
