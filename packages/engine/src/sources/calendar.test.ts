import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { EngineError, ValidationError } from "../errors.ts";
import type { LogFields, Logger } from "../host.ts";
import { parseManifests } from "../resources/parse.ts";
import type { CalendarEvent } from "../resources/eventSource.ts";
import { TestClock } from "../testing/clock.ts";
import { CALENDAR_RETRY_MS, calendarSource, calendarStateKey } from "./calendar.ts";
import { compileCalendar, nextTick } from "./calendar/schedule.ts";
import { UTC } from "./calendar/zone.ts";
import type { SourceServices } from "./registry.ts";
import type { EmitResult, SourceEmission } from "./types.ts";

const T0 = Date.UTC(2026, 6, 18); // 2026-07-18T00:00:00Z
const HOUR = 3_600_000;

interface Harness {
  clock: TestClock;
  emitted: { eventName: string; type: string; payload: string; at: number }[];
  eventTimes: () => string[];
  state: Map<string, string>;
  logs: { level: string; message: string; fields?: LogFields }[];
  /** Outcomes to answer, in order; `published` once they run out. */
  outcomes: EmitResult["outcome"][];
  stop: () => Promise<void>;
}

function recordingLogger(logs: Harness["logs"]): Logger {
  const logger: Logger = {
    debug: () => undefined,
    info: (message, fields) => logs.push({ level: "info", message, fields }),
    warn: (message, fields) => logs.push({ level: "warn", message, fields }),
    error: (message, fields) => logs.push({ level: "error", message, fields }),
    child: () => logger,
  };
  return logger;
}

async function startCalendar(
  events: Record<string, CalendarEvent>,
  options: {
    now?: number;
    state?: Map<string, string>;
    withoutStore?: boolean;
    dispatchMs?: number | ((index: number) => number);
  } = {},
): Promise<Harness> {
  const clock = new TestClock(options.now ?? T0);
  const state = options.state ?? new Map<string, string>();
  const emitted: Harness["emitted"] = [];
  const logs: Harness["logs"] = [];
  const outcomes: EmitResult["outcome"][] = [];
  const emit = (emission: SourceEmission): Promise<EmitResult> => {
    emitted.push({
      eventName: emission.eventName,
      type: emission.type,
      payload: new TextDecoder().decode(emission.data),
      at: clock.now(),
    });
    // A dispatch that takes (fake) time.
    const dispatchMs =
      typeof options.dispatchMs === "function" ? options.dispatchMs(emitted.length - 1) : options.dispatchMs;
    if (dispatchMs) clock.set(clock.now() + dispatchMs);
    const outcome = outcomes.shift() ?? "published";
    if (outcome === "failed" || outcome === "overloaded") {
      return Promise.resolve({ outcome, retryAfterMs: 1000, reason: "bus down" });
    }
    if (outcome === "filtered") return Promise.resolve({ outcome, eventId: "x", reason: "filter" });
    return Promise.resolve({ outcome: "published", eventId: "x", duplicate: false });
  };
  const services = {
    calendarState: options.withoutStore
      ? undefined
      : {
          get: (key: string) => Promise.resolve(state.get(key)),
          put: (key: string, value: string) => {
            state.set(key, value);
            return Promise.resolve();
          },
        },
  } as unknown as SourceServices;
  const running = await calendarSource.start({
    context: { namespace: "default", eventSourceName: "cal", emit, clock, logger: recordingLogger(logs) },
    events,
    services,
  });
  await clock.settle();
  return {
    clock,
    emitted,
    eventTimes: () => emitted.map((e) => (JSON.parse(e.payload) as { eventTime: string }).eventTime),
    state,
    logs,
    outcomes,
    stop: () => running.stop(),
  };
}

describe("calendar source: interval", () => {
  it("ticks every interval with Go's eventTime and monotonic suffix, typed calendar, subject = event name", async () => {
    const h = await startCalendar({ tick: { interval: "10s" } });
    await h.clock.advance(30_000);
    expect(h.emitted.map((e) => [e.eventName, e.type, e.at - T0])).toEqual([
      ["tick", "calendar", 10_000],
      ["tick", "calendar", 20_000],
      ["tick", "calendar", 30_000],
    ]);
    expect(h.emitted[0]?.payload).toBe('{"eventTime":"2026-07-18 00:00:10 +0000 UTC m=+10.000000000"}');
    expect(h.eventTimes()[2]).toBe("2026-07-18 00:00:30 +0000 UTC m=+30.000000000");
    await h.stop();
  });

  it("marshals metadata like Go: after eventTime, keys sorted, omitted when empty", async () => {
    const h = await startCalendar({
      a: { interval: "1m", metadata: { zeta: "<z>", alpha: "1" } },
      b: { interval: "1m", metadata: {} },
    });
    await h.clock.advance(60_000);
    const byName = Object.fromEntries(h.emitted.map((e) => [e.eventName, e.payload]));
    expect(byName.a).toBe(
      '{"eventTime":"2026-07-18 00:01:00 +0000 UTC m=+60.000000000","metadata":{"alpha":"1","zeta":"\\u003cz\\u003e"}}',
    );
    expect(byName.b).toBe('{"eventTime":"2026-07-18 00:01:00 +0000 UTC m=+60.000000000"}');
    await h.stop();
  });

  it("keeps to whole seconds from a sub-second start and does not drift when a dispatch is slow", async () => {
    const h = await startCalendar({ tick: { interval: "10s" } }, { now: T0 + 300, dispatchMs: 4_000 });
    await h.clock.advanceTo(T0 + 40_000);
    expect(h.emitted.map((e) => e.at - T0)).toEqual([10_000, 20_000, 30_000, 40_000]);
    expect(h.eventTimes()[0]).toBe("2026-07-18 00:00:10 +0000 UTC m=+9.700000000");
    await h.stop();
  });

  it("prints a late wake-up with its fraction, as Go prints a late timer", async () => {
    const h = await startCalendar({ tick: { interval: "10s" } });
    // A clock that wakes 312µs late.
    await h.clock.advanceTo(T0 + 9_999);
    h.clock.set(T0 + 10_000.312);
    await h.clock.advanceTo(T0 + 10_000.312);
    expect(h.eventTimes()).toEqual(["2026-07-18 00:00:10.000312 +0000 UTC m=+10.000312000"]);
    await h.stop();
  });
});

describe("calendar source: cron", () => {
  it("fires in the timezone; live eventTimes print in UTC like Argo's time.Now()", async () => {
    const h = await startCalendar(
      { daily: { schedule: "0 9 * * *", timezone: "America/New_York" } },
      { now: T0 + 12 * HOUR },
    );
    await h.clock.advance(2 * 24 * HOUR);
    expect(h.emitted.map((e) => new Date(e.at).toISOString())).toEqual([
      "2026-07-18T13:00:00.000Z",
      "2026-07-19T13:00:00.000Z",
    ]);
    expect(h.eventTimes()).toEqual([
      "2026-07-18 13:00:00 +0000 UTC m=+3600.000000000",
      "2026-07-19 13:00:00 +0000 UTC m=+90000.000000000",
    ]);
    await h.stop();
  });

  it("skips 02:30 on the New York spring-forward day and fires 01:30 twice on fall-back, as robfig does", async () => {
    const spring = await startCalendar(
      { x: { schedule: "30 2 * * *", timezone: "America/New_York" } },
      { now: Date.UTC(2026, 2, 7, 12) },
    );
    await spring.clock.advanceTo(Date.UTC(2026, 2, 10, 12));
    expect(spring.emitted.map((e) => new Date(e.at).toISOString())).toEqual([
      "2026-03-09T06:30:00.000Z",
      "2026-03-10T06:30:00.000Z",
    ]);
    await spring.stop();

    const fall = await startCalendar(
      { x: { schedule: "30 1 * * *", timezone: "America/New_York" } },
      { now: Date.UTC(2026, 9, 31, 12) },
    );
    await fall.clock.advanceTo(Date.UTC(2026, 10, 2, 12));
    expect(fall.emitted.map((e) => new Date(e.at).toISOString())).toEqual([
      "2026-11-01T05:30:00.000Z",
      "2026-11-01T06:30:00.000Z",
      "2026-11-02T06:30:00.000Z",
    ]);
    await fall.stop();
  });

  it("skips ticks whose date, in the timezone, is excluded", async () => {
    const h = await startCalendar(
      {
        x: {
          schedule: "0 20 * * *",
          timezone: "America/New_York",
          exclusionDates: ["EXDATE:20260719T000000Z", "RRULE:FREQ=DAILY"],
        },
      },
      { now: T0 },
    );
    await h.clock.advanceTo(Date.UTC(2026, 6, 21));
    // 2026-07-19 20:00 EDT (= 07-20 00:00Z) is excluded; the 18th and 20th fire.
    expect(h.emitted.map((e) => new Date(e.at).toISOString())).toEqual([
      "2026-07-19T00:00:00.000Z",
      "2026-07-21T00:00:00.000Z",
    ]);
    expect(h.logs).toContainEqual(expect.objectContaining({ level: "warn", fields: { entry: "RRULE:FREQ=DAILY" } }));
    await h.stop();
  });
});

describe("calendar source: persistence and catch-up", () => {
  const persisted = (maxDuration?: string): CalendarEvent["persistence"] => ({
    catchup: { enabled: true, ...(maxDuration ? { maxDuration } : {}) },
    configMap: { name: "calendar-state", createIfNotExist: true },
  });
  const key = calendarStateKey("default", "cal", "hourly");

  it("saves each dispatched payload under <namespace>/<eventSource>.<event>", async () => {
    const h = await startCalendar({ hourly: { interval: "1h", persistence: persisted() } });
    await h.clock.advance(HOUR);
    expect(key).toBe("default/cal.hourly");
    expect(h.state.get(key)).toBe(h.emitted[0]?.payload);
    await h.stop();
  });

  it("emits the ticks missed since the saved time at once, without monotonic suffix, then resumes live", async () => {
    const state = new Map([[key, '{"eventTime":"2026-07-18 05:00:00.000312 +0000 UTC m=+18000.000312000"}']]);
    const h = await startCalendar(
      { hourly: { schedule: "0 * * * *", timezone: "America/New_York", persistence: persisted() } },
      { now: T0 + 8 * HOUR + 30 * 60_000, state },
    );
    expect(h.eventTimes()).toEqual([
      "2026-07-18 02:00:00 -0400 EDT",
      "2026-07-18 03:00:00 -0400 EDT",
      "2026-07-18 04:00:00 -0400 EDT",
    ]);
    expect(h.state.get(key)).toBe('{"eventTime":"2026-07-18 04:00:00 -0400 EDT"}');
    await h.clock.advance(HOUR);
    expect(h.eventTimes()[3]).toBe("2026-07-18 09:00:00 +0000 UTC m=+1800.000000000");
    await h.stop();
  });

  it("caps catch-up at maxDuration", async () => {
    const state = new Map([[key, '{"eventTime":"2026-07-17 00:00:00 +0000 UTC"}']]);
    const h = await startCalendar({ hourly: { interval: "1h", persistence: persisted("2h30m") } }, { now: T0, state });
    // Go: lastT = time.Now().Add(-maxDuration) keeps a monotonic reading, and an interval's Next is an Add.
    expect(h.eventTimes()).toEqual([
      "2026-07-17 22:30:00 +0000 UTC m=-5400.000000000",
      "2026-07-17 23:30:00 +0000 UTC m=-1800.000000000",
    ]);
    await h.clock.advance(HOUR);
    expect(h.eventTimes()[2]).toBe("2026-07-18 00:30:00 +0000 UTC m=+1800.000000000");
    await h.stop();
  });

  it("works through a long catch-up without holding the event loop, then ticks live", async () => {
    const state = new Map([[key, '{"eventTime":"2026-07-01 00:00:00 +0000 UTC"}']]);
    const h = await startCalendar({ hourly: { interval: "1s", persistence: persisted("200s") } }, { now: T0, state });
    expect(h.emitted).toHaveLength(200);
    expect([h.eventTimes()[0], h.eventTimes()[199]]).toEqual([
      "2026-07-17 23:56:41 +0000 UTC m=-199.000000000",
      "2026-07-18 00:00:00 +0000 UTC m=+0.000000000",
    ]);
    await h.clock.advance(1_000);
    expect(h.eventTimes()[200]).toBe("2026-07-18 00:00:01 +0000 UTC m=+1.000000000");
    await h.stop();
  });

  it("does not catch up without catchup.enabled, nor without a saved time", async () => {
    const state = new Map([[key, '{"eventTime":"2026-07-17 00:00:00 +0000 UTC"}']]);
    const off = await startCalendar(
      { hourly: { interval: "1h", persistence: { configMap: { name: "cm" } } } },
      { now: T0, state },
    );
    const fresh = await startCalendar({ hourly: { interval: "1h", persistence: persisted() } }, { now: T0 });
    expect([off.emitted.length, fresh.emitted.length]).toEqual([0, 0]);
    await Promise.all([off.stop(), fresh.stop()]);
  });

  it("starts from now when the saved state cannot be read", async () => {
    const state = new Map([[key, "{not json"]]);
    const h = await startCalendar({ hourly: { interval: "1h", persistence: persisted() } }, { now: T0, state });
    expect(h.emitted).toEqual([]);
    expect(h.logs.filter((log) => log.level === "error").map((log) => log.message)).toEqual([
      "ignoring the saved calendar state: catch-up starts from now",
    ]);
    await h.stop();
  });

  it("retries a failed dispatch every 100ms while persistence is on, then carries the scheduled time", async () => {
    const h = await startCalendar({ hourly: { schedule: "0 * * * *", persistence: { configMap: { name: "cm" } } } });
    h.outcomes.push("failed", "overloaded");
    await h.clock.advance(HOUR);
    expect(h.emitted.map((e) => e.at - T0)).toEqual([HOUR]);
    await h.clock.advance(CALENDAR_RETRY_MS);
    await h.clock.advance(CALENDAR_RETRY_MS);
    expect(h.emitted.map((e) => e.at - T0)).toEqual([HOUR, HOUR + 100, HOUR + 200]);
    expect(h.eventTimes()).toEqual([
      "2026-07-18 01:00:00 +0000 UTC m=+3600.000000000",
      "2026-07-18 01:00:00 +0000 UTC",
      "2026-07-18 01:00:00 +0000 UTC",
    ]);
    expect(h.state.get(calendarStateKey("default", "cal", "hourly"))).toBe(
      '{"eventTime":"2026-07-18 01:00:00 +0000 UTC"}',
    );
    await h.clock.advance(HOUR);
    expect(h.emitted).toHaveLength(4);
    await h.stop();
  });

  it("moves on after a failed dispatch when persistence is off", async () => {
    const h = await startCalendar({ tick: { interval: "10s" } });
    h.outcomes.push("failed");
    await h.clock.advance(20_000);
    expect(h.emitted.map((e) => e.at - T0)).toEqual([10_000, 20_000]);
    await h.stop();
  });

  it("refuses to start a persistent event when the host gives no store", async () => {
    await expect(
      startCalendar({ x: { interval: "1h", persistence: persisted() } }, { withoutStore: true }),
    ).rejects.toBeInstanceOf(EngineError);
  });
});

describe("which catch-up eventTimes carry Go's monotonic suffix (vectors/monotonic.json, from Go)", () => {
  const cases = z
    .array(
      z.object({
        schedule: z.string().optional(),
        interval: z.string().optional(),
        timezone: z.string(),
        start: z.enum(["now", "capped", "persisted", "live"]),
        monotonic: z.boolean(),
      }),
    )
    .parse(JSON.parse(readFileSync(new URL("./calendar/vectors/monotonic.json", import.meta.url), "utf8")));
  const key = calendarStateKey("default", "cal", "x");

  it.each(cases.map((c) => [`${c.schedule ?? c.interval} tz=${c.timezone || "-"} start=${c.start}`, c] as const))(
    "%s",
    async (_name, c) => {
      const base = { schedule: c.schedule, interval: c.interval, timezone: c.timezone || undefined };
      let catchUp: string | undefined;
      if (c.start === "now") {
        // Straight from the schedule layer: the loop's start value as calendar.ts builds it.
        const compiled = compileCalendar(base);
        if (!compiled.ok) throw new Error("bad case");
        const location = compiled.calendar.location;
        const next = nextTick(compiled.calendar, {
          instant: { sec: T0 / 1000, nanos: 0 },
          zone: location ?? UTC,
          monotonic: !location,
        });
        expect(next?.monotonic ?? false).toBe(c.monotonic);
        return;
      }
      if (c.start === "live") {
        // A dispatch slower than the period turns the next tick into a catch-up computed from the live one.
        const h = await startCalendar({ x: base }, { dispatchMs: (index) => (index === 0 ? 2 * HOUR : 0) });
        await h.clock.advance(HOUR);
        catchUp = h.eventTimes()[1];
        await h.stop();
      } else {
        const saved = c.start === "capped" ? "2026-07-17 00:00:00 +0000 UTC" : "2026-07-17 20:00:00 +0000 UTC";
        const state = new Map([[key, JSON.stringify({ eventTime: saved })]]);
        const persistence = { catchup: { enabled: true, maxDuration: "6h" }, configMap: { name: "cm" } };
        const h = await startCalendar({ x: { ...base, persistence } }, { state });
        catchUp = h.eventTimes()[0];
        await h.stop();
      }
      expect(catchUp).toBeDefined();
      expect(catchUp?.includes(" m=")).toBe(c.monotonic);
    },
  );
});

describe("calendar source: lifecycle", () => {
  it("stops promptly, mid-sleep and mid-retry, and emits nothing afterwards", async () => {
    const h = await startCalendar({
      a: { interval: "1h" },
      b: { interval: "1h", persistence: { configMap: { name: "cm" } } },
    });
    h.outcomes.push("failed", "failed", "failed", "failed", "failed");
    await h.clock.advance(HOUR + 150);
    expect(h.clock.pendingTimers).toBe(2);
    await h.stop();
    expect(h.clock.pendingTimers).toBe(0);
    const count = h.emitted.length;
    await h.clock.advance(10 * HOUR);
    expect(h.emitted.length).toBe(count);
  });

  it("rejects an invalid event defensively at start, with its path", async () => {
    await expect(startCalendar({ x: { schedule: "61 * * * *" } })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("calendar schema at apply time", () => {
  const manifest = (event: string) => `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: calendar
spec:
  calendar:
    example:
${event
  .split("\n")
  .map((line) => `      ${line}`)
  .join("\n")}
`;

  function issues(event: string): { path: string; message: string }[] {
    try {
      parseManifests(manifest(event));
    } catch (error) {
      if (error instanceof ValidationError) return error.issues.map((i) => ({ path: i.path, message: i.message }));
      throw error;
    }
    return [];
  }

  it("accepts Argo's calendar example with persistence and a filter", () => {
    expect(
      issues(
        [
          'schedule: "30 * * * *"',
          "interval: not-read-when-schedule-is-set",
          "timezone: America/New_York",
          "exclusionDates: ['EXDATE:20260720T000000Z,20260721T000000Z']",
          "metadata: { team: payments }",
          "persistence: { catchup: { enabled: true, maxDuration: 5m }, configMap: { name: cm, createIfNotExist: true } }",
          'filter: { expression: "true" }',
        ].join("\n"),
      ),
    ).toEqual([]);
  });

  it("reports each bad field with its path", () => {
    expect(issues("metadata: {}")).toEqual([
      { path: "spec.calendar.example", message: "EventSource calendar: must have either schedule or interval" },
    ]);
    expect(issues('schedule: "61 * * * *"')[0]).toEqual({
      path: "spec.calendar.example.schedule",
      message: 'EventSource calendar: invalid cron schedule "61 * * * *": end of range (61) above maximum (59): 61',
    });
    expect(issues('schedule: "0 0 30 2 *"')[0]?.message).toMatch(/never fires/);
    expect(issues('schedule: ", * * * *"')[0]?.message).toMatch(/never fires/);
    expect(issues('schedule: "CRON_TZ=UTC"')[0]?.path).toBe("spec.calendar.example.schedule");
    expect(issues("interval: 1d")[0]?.path).toBe("spec.calendar.example.interval");
    expect(issues("interval: 500ms")[0]?.message).toMatch(/below 1s/);
    expect(issues("interval: 1h\ntimezone: america/new_york")[0]).toEqual({
      path: "spec.calendar.example.timezone",
      message:
        "EventSource calendar: invalid timezone: unknown time zone america/new_york (names are case-sensitive: did you mean America/New_York?)",
    });
    expect(issues("interval: 1h\nexclusionDates: [ok, 'EXDATE:20260230T000000Z']")[0]?.path).toBe(
      "spec.calendar.example.exclusionDates[1]",
    );
    expect(issues("interval: 1h\npersistence: { catchup: { enabled: true, maxDuration: 1y } }")[0]?.path).toBe(
      "spec.calendar.example.persistence.catchup.maxDuration",
    );
    expect(issues("interval: 1h\nuserPayload: {}")[0]?.path).toBe("spec.calendar.example.userPayload");
  });
});
