import { describe, expect, it } from "vitest";
import { TestClock } from "./clock.ts";

describe("TestClock", () => {
  it("stands still until advanced, then wakes sleepers in time order at their own time", async () => {
    const clock = new TestClock(1_000);
    const woke: [string, number][] = [];
    void clock.sleep(300).then(() => woke.push(["b", clock.now()]));
    void clock.sleep(100).then(() => woke.push(["a", clock.now()]));
    await clock.settle();
    expect([clock.now(), woke, clock.pendingTimers, clock.nextTimerAt()]).toEqual([1_000, [], 2, 1_100]);
    await clock.advance(250);
    expect([clock.now(), woke]).toEqual([1_250, [["a", 1_100]]]);
    await clock.advance(50);
    expect(woke).toEqual([
      ["a", 1_100],
      ["b", 1_300],
    ]);
  });

  it("lets woken code run and sleep again before firing later timers", async () => {
    const clock = new TestClock(0);
    const ticks: number[] = [];
    const controller = new AbortController();
    const loop = (async () => {
      while (!controller.signal.aborted) {
        await clock.sleep(10, controller.signal);
        if (!controller.signal.aborted) ticks.push(clock.now());
      }
    })();
    await clock.advance(35);
    expect(ticks).toEqual([10, 20, 30]);
    controller.abort();
    await loop;
    expect(clock.pendingTimers).toBe(0);
  });

  it("resolves at once for a zero sleep or an aborted signal, and counts what runUntil fired", async () => {
    const clock = new TestClock(0);
    await clock.sleep(0);
    const controller = new AbortController();
    controller.abort();
    await clock.sleep(1_000, controller.signal);
    void clock.sleep(5);
    void clock.sleep(7);
    void clock.sleep(50);
    expect(await clock.runUntil(10)).toBe(2);
    expect(clock.now()).toBe(7);
  });

  it("jumps without firing anything", async () => {
    const clock = new TestClock(0);
    let woke = false;
    void clock.sleep(10).then(() => (woke = true));
    clock.set(100);
    await clock.settle();
    expect([clock.now(), woke]).toEqual([100, false]);
    await clock.advance(0);
    expect(woke).toBe(true);
  });
});
