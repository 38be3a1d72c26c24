import { describe, expect, it } from "vitest";
import { AckTracker } from "./ackTracker.ts";

describe("AckTracker", () => {
  it("has no position before the first record", () => {
    expect(new AckTracker().position()).toBeUndefined();
  });

  it("stays at the lowest unacknowledged offset while later ones are acknowledged", () => {
    const tracker = new AckTracker();
    for (const offset of [10, 11, 12, 13]) tracker.take(offset);
    tracker.settle(13);
    tracker.settle(11);
    expect(tracker.position()).toBe(10);
    tracker.settle(10);
    expect(tracker.position()).toBe(12);
    tracker.settle(12);
    expect(tracker.position()).toBe(14);
  });

  it("moves past records that need no ack and over offset gaps", () => {
    const tracker = new AckTracker();
    tracker.take(3, true);
    expect(tracker.position()).toBe(4);
    tracker.take(7);
    tracker.take(9, true);
    expect(tracker.position()).toBe(7);
    tracker.settle(7);
    expect(tracker.position()).toBe(10);
    expect(tracker.nextOffset).toBe(10);
  });

  it("keeps up with many records acknowledged in reverse order", () => {
    const tracker = new AckTracker();
    for (let offset = 0; offset < 5000; offset++) tracker.take(offset);
    for (let offset = 4999; offset >= 1; offset--) tracker.settle(offset);
    expect(tracker.position()).toBe(0);
    tracker.settle(0);
    expect(tracker.position()).toBe(5000);
    expect(tracker.openCount).toBe(0);
  });
});
