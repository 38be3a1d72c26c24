/** A counting semaphore with FIFO waiters and a way to wait until every holder released. */
export class Semaphore {
  private available: number;
  private readonly waiters: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];

  constructor(private readonly size: number) {
    this.available = size;
  }

  /** Resolve once a slot is held. */
  acquire(): Promise<void> {
    if (this.available > 0) {
      this.available -= 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Give a slot back. */
  release(): void {
    const next = this.waiters.shift();
    if (next) return next();
    this.available += 1;
    if (this.available === this.size) {
      const idle = this.idleWaiters;
      this.idleWaiters = [];
      for (const resolve of idle) resolve();
    }
  }

  /** Resolve when no slot is held. */
  drain(): Promise<void> {
    if (this.available === this.size) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }
}
