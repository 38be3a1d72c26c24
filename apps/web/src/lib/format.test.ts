import { describe, expect, it } from "vitest";
import { formatBytes, formatLocalTime, formatUtc, shortId } from "./format.ts";

describe("format", () => {
  it("shows local time, with the date only when it is not today", () => {
    const now = new Date("2026-07-18T15:00:00Z");
    expect(formatLocalTime("2026-07-18T12:00:01.234567Z", { now, timeZone: "UTC" })).toBe("12:00:01.234");
    expect(formatLocalTime("2026-07-17T23:30:00Z", { now, timeZone: "Europe/Paris" })).toBe("01:30:00.000");
    expect(formatLocalTime("2026-07-16T10:00:00Z", { now, timeZone: "UTC" })).toBe("2026-07-16 10:00:00.000");
    expect(formatLocalTime("not a time")).toBe("not a time");
  });

  it("gives UTC on hover, short ids and sizes", () => {
    expect(formatUtc("2026-07-18T12:00:00.123456789Z")).toBe("2026-07-18 12:00:00.123 UTC");
    expect(shortId("9f1c0d5e3b7a4e2c8d6f1a2b3c4d5e6f")).toBe("9f1c0d5e");
    expect(shortId("abc")).toBe("abc");
    expect([formatBytes(532), formatBytes(1434), formatBytes(2 * 1024 * 1024)]).toEqual(["532 B", "1.4 KB", "2.0 MB"]);
  });
});
