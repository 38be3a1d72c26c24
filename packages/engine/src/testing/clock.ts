/**
 * A {@link Clock} whose time moves only when a test says so. `sleep` registers a timer; `advance` moves time forward
 * timer by timer, in order, and after waking each one lets the woken code run (microtasks and a few event-loop
 * turns) until it is idle again, typically parked in its next `sleep`. No real time passes, ever.
 *
 * @example
 * const clock = new TestClock(Date.UTC(2026, 6, 18));
 * const running = await source.start({ context: { ...context, clock }, … });
 * await clock.advance(10_000); // fires the 10s tick, lets the source emit and go back to sleep
 */
import type { Clock } from "../host.ts";

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
  cleanup: () => void;
}

/** Options of {@link TestClock}. */
export interface TestClockOptions {
  /**
   * Event-loop turns (`setImmediate`) to let woken code run after each timer fires; raise it when the code under
   * test chains many real I/O callbacks. Default 5.
   */
  settleTurns?: number;
}

/** A controllable clock for tests: `now()` is fixed until {@link TestClock.advance} or {@link TestClock.set}. */
export class TestClock implements Clock {
  #now: number;
  #seq = 0;
  #timers: Timer[] = [];
  readonly #settleTurns: number;

  constructor(startMs = Date.UTC(2026, 0, 1), options: TestClockOptions = {}) {
    this.#now = startMs;
    this.#settleTurns = options.settleTurns ?? 5;
  }

  now(): number {
    return this.#now;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.resolve();
    if (!(ms > 0)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const onAbort = () => {
        this.#timers = this.#timers.filter((timer) => timer !== entry);
        resolve();
      };
      const entry: Timer = {
        at: this.#now + ms,
        seq: this.#seq++,
        resolve,
        cleanup: () => signal?.removeEventListener("abort", onAbort),
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.#timers.push(entry);
    });
  }

  /** Number of sleeps waiting for time to pass. */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** When the earliest pending sleep ends, if any. */
  nextTimerAt(): number | undefined {
    return this.#sorted()[0]?.at;
  }

  /** Let already-runnable code run until it is idle (parked on a timer or done). */
  async settle(): Promise<void> {
    for (let i = 0; i < this.#settleTurns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  }

  /** Move time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.#now + ms);
  }

  /** Move time forward to `target` (ms since the epoch), firing every timer due on the way, in order. */
  async advanceTo(target: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.#sorted()[0];
      if (!next || next.at > target) break;
      this.#timers = this.#timers.filter((timer) => timer !== next);
      this.#now = Math.max(this.#now, next.at);
      next.cleanup();
      next.resolve();
      await this.settle();
    }
    this.#now = Math.max(this.#now, target);
    await this.settle();
  }

  /** Run timers one at a time until none is due before `limitMs`, or `maxTimers` have fired; returns how many. */
  async runUntil(limitMs: number, maxTimers = 10_000): Promise<number> {
    let fired = 0;
    await this.settle();
    while (fired < maxTimers) {
      const next = this.#sorted()[0];
      if (!next || next.at > limitMs) break;
      await this.advanceTo(next.at);
      fired++;
    }
    return fired;
  }

  /**
   * Jump to `ms` without firing anything — a process that was down, or a wall clock that was changed. Pending
   * timers keep their end times; a jump backwards is allowed.
   */
  set(ms: number): void {
    this.#now = ms;
  }

  #sorted(): Timer[] {
    return [...this.#timers].sort((a, b) => a.at - b.at || a.seq - b.seq);
  }
}
