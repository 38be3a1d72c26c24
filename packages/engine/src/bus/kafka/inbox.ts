/**
 * The in-process side of a Kafka subscription: records taken from the consumer wait here until acknowledged.
 *
 * - `next()` hands them out in arrival order; `nak(delay)` and an expired ack wait put them back in line
 *   (redelivery happens in process: Kafka has no per-message redelivery).
 * - `working()` restarts the ack-wait timer only. The Kafka session needs nothing from it: the consumer loop
 *   heartbeats on its own, because records are handed over here rather than processed inside `eachBatch`.
 * - At most `maxInFlight` records are held; the consumer waits for room (see `waitForRoom`).
 * - Records of a partition taken away by a rebalance are dropped; acks for them are ignored (the new owner
 *   delivers them again from the committed offset).
 */
import type { BusMessage, Delivery } from "../types.ts";
import type { AckTracker } from "./ackTracker.ts";
import { toSequence } from "./codec.ts";

/** Per-partition state of one subscription. */
export interface PartitionState {
  readonly partition: number;
  readonly tracker: AckTracker;
  readonly held: Set<Held>;
  revoked: boolean;
}

/** One record waiting for its ack. */
export interface Held {
  readonly state: PartitionState;
  readonly offset: number;
  readonly message: BusMessage;
  readonly storedAt: number;
  count: number;
  timer: NodeJS.Timeout | undefined;
  done: boolean;
}

/** Settings and callbacks of an {@link Inbox}. */
export interface InboxInit {
  readonly ackWaitMs: number;
  readonly maxInFlight: number;
  /** Partition count of the topic, for {@link toSequence}. */
  readonly partitions: number;
  /** Called once per acknowledged record, after its offset is settled. */
  readonly onAck: (held: Held) => void;
}

/** Held records, the delivery line and the waits on both sides; see the file comment. */
export class Inbox {
  private line: Held[] = [];
  private lineHead = 0;
  private count = 0;
  private nextWaiter: (() => void) | undefined;
  private roomWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly init: InboxInit) {}

  /** Hold a record and put it in line for delivery. */
  add(state: PartitionState, record: { offset: number; message: BusMessage; storedAt: number }): void {
    const { offset } = record;
    const held: Held = { state, ...record, count: 0, timer: undefined, done: false };
    state.tracker.take(offset);
    state.held.add(held);
    this.count += 1;
    this.enqueue(held);
  }

  /** Records held (in line, delivered or waiting out a nak delay). */
  get size(): number {
    return this.count;
  }

  get full(): boolean {
    return this.count >= this.init.maxInFlight;
  }

  /** Resolve when a record leaves (or after `ms`, or on close), so the consumer can check again. */
  waitForRoom(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.roomWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /** The next delivery, or `undefined` once closed. */
  async next(): Promise<Delivery | undefined> {
    for (;;) {
      if (this.closed) return undefined;
      if (this.lineHead < this.line.length) {
        const held = this.line[this.lineHead]!;
        this.lineHead += 1;
        if (this.lineHead > 1024 && this.lineHead * 2 > this.line.length) {
          this.line = this.line.slice(this.lineHead);
          this.lineHead = 0;
        }
        if (held.done || held.state.revoked) continue;
        return this.deliver(held);
      }
      await new Promise<void>((resolve) => (this.nextWaiter = resolve));
    }
  }

  /** Forget every record of a partition that was taken away. */
  drop(state: PartitionState): void {
    state.revoked = true;
    for (const held of state.held) this.release(held);
    state.held.clear();
  }

  /** Stop handing out records and wake every waiter. Unacked records simply stay uncommitted. */
  close(): void {
    this.closed = true;
    for (const held of this.line) if (held.timer) clearTimeout(held.timer);
    this.wakeNext();
    this.wakeRoom();
  }

  private deliver(held: Held): Delivery {
    held.count += 1;
    held.timer = this.later(held, this.init.ackWaitMs);
    let settled = false;
    return {
      message: held.message,
      sequence: toSequence(held.state.partition, held.offset, this.init.partitions),
      deliveryCount: held.count,
      storedAt: held.storedAt,
      ack: () => {
        if (!settled) {
          settled = true;
          this.ack(held);
        }
        return Promise.resolve();
      },
      nak: (delayMs = 0) => {
        if (settled) return;
        settled = true;
        if (held.done || held.state.revoked) return;
        if (held.timer) clearTimeout(held.timer);
        held.timer = undefined;
        if (delayMs > 0) held.timer = this.later(held, delayMs);
        else this.enqueue(held);
      },
      working: () => {
        if (!settled) held.timer?.refresh();
      },
    };
  }

  private ack(held: Held): void {
    if (held.done || held.state.revoked) return;
    held.state.held.delete(held);
    this.release(held);
    held.state.tracker.settle(held.offset);
    this.init.onAck(held);
  }

  private release(held: Held): void {
    if (held.done) return;
    held.done = true;
    if (held.timer) clearTimeout(held.timer);
    held.timer = undefined;
    this.count -= 1;
    this.wakeRoom();
  }

  /** Put `held` back in line after `ms` (ack wait or nak delay). */
  private later(held: Held, ms: number): NodeJS.Timeout {
    const timer = setTimeout(() => {
      held.timer = undefined;
      if (!held.done && !held.state.revoked) this.enqueue(held);
    }, ms);
    timer.unref();
    return timer;
  }

  private enqueue(held: Held): void {
    this.line.push(held);
    this.wakeNext();
  }

  private wakeNext(): void {
    const waiter = this.nextWaiter;
    this.nextWaiter = undefined;
    waiter?.();
  }

  private wakeRoom(): void {
    const waiters = this.roomWaiters;
    this.roomWaiters = [];
    for (const waiter of waiters) waiter();
  }
}
