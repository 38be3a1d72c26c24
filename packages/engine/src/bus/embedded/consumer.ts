/**
 * A durable consumer of the embedded log. Delivery is at least once: the persisted position is the ack floor (every
 * message at or below it was acked), so after a crash everything above the floor is delivered again.
 */
import type { Clock } from "../../host.ts";
import type { BusMessage, Delivery, SubscribeOptions, Subscription } from "../types.ts";
import { subjectOf, type EmbeddedLog } from "./log.ts";
import type { StoredRow } from "./schema.ts";

interface InFlight {
  row: StoredRow;
  count: number;
  deadline: number;
}

/** Parameters the embedded bus hands to each consumer it opens. */
export interface EmbeddedConsumerInit {
  log: EmbeddedLog;
  stream: string;
  clock: Clock;
  options: SubscribeOptions;
  onClose: () => void;
}

const READ_BATCH = 256;

/** Implements {@link Subscription} on top of {@link EmbeddedLog}. */
export class EmbeddedConsumer implements Subscription {
  private readonly log: EmbeddedLog;
  private readonly stream: string;
  private readonly clock: Clock;
  private readonly durable: string;
  private readonly subjects: string[];
  private readonly ackWaitMs: number;
  private readonly maxInFlight: number;
  private ackFloor = 0;
  private cursor = 0;
  private persistedFloor = 0;
  private floorWriteQueued = false;
  private readonly inFlight = new Map<number, InFlight>();
  private buffer: StoredRow[] = [];
  private readonly redeliver: number[] = [];
  private waiter: (() => void) | undefined;
  private timer: NodeJS.Timeout | undefined;
  private isClosed = false;
  private resolveClosed!: () => void;
  readonly closed: Promise<void>;
  private readonly unlisten: () => void;
  private readonly onClose: () => void;

  constructor(init: EmbeddedConsumerInit) {
    this.log = init.log;
    this.stream = init.stream;
    this.clock = init.clock;
    this.durable = init.options.durable;
    // `*`/`*` (every subject) reads the whole stream, like JetStream's `default.*.*`.
    const everything = init.options.filters.some((f) => f.eventSourceName === "*" && f.eventName === "*");
    this.subjects = everything ? [] : init.options.filters.map((f) => subjectOf(f.eventSourceName, f.eventName));
    this.ackWaitMs = init.options.ackWaitMs ?? 30_000;
    this.maxInFlight = init.options.maxInFlight ?? 512;
    this.onClose = init.onClose;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.loadPosition(init.options.deliver ?? "new");
    this.unlisten = this.log.onAppend((stream) => {
      if (stream === this.stream) this.wake();
    });
  }

  private loadPosition(deliver: "new" | "all"): void {
    const row = this.log.db
      .prepare("SELECT ack_floor FROM consumers WHERE stream = ? AND durable = ?")
      .get(this.stream, this.durable) as { ack_floor: number } | undefined;
    if (row) {
      this.ackFloor = row.ack_floor;
    } else {
      this.ackFloor = deliver === "new" ? this.log.lastSequence(this.stream) : 0;
      this.log.db
        .prepare("INSERT INTO consumers (stream, durable, ack_floor, created_at) VALUES (?, ?, ?, ?)")
        .run(this.stream, this.durable, this.ackFloor, this.clock.now());
    }
    this.cursor = this.ackFloor;
    this.persistedFloor = this.ackFloor;
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery> {
    return { next: () => this.next(), return: async () => (await this.close(), { done: true, value: undefined }) };
  }

  private async next(): Promise<IteratorResult<Delivery>> {
    for (;;) {
      if (this.isClosed) return { done: true, value: undefined };
      this.expireDeadlines();
      const redeliverSeq = this.redeliver.shift();
      if (redeliverSeq !== undefined) {
        const entry = this.inFlight.get(redeliverSeq);
        if (entry) {
          entry.count += 1;
          entry.deadline = this.clock.now() + this.ackWaitMs;
          return { done: false, value: this.toDelivery(entry) };
        }
        continue;
      }
      if (this.inFlight.size < this.maxInFlight) {
        if (this.buffer.length === 0 && !this.log.closed) {
          this.buffer = this.log.read(this.stream, this.cursor, this.subjects, READ_BATCH);
        }
        const row = this.buffer.shift();
        if (row) {
          this.cursor = row.seq;
          const entry: InFlight = { row, count: 1, deadline: this.clock.now() + this.ackWaitMs };
          this.inFlight.set(row.seq, entry);
          return { done: false, value: this.toDelivery(entry) };
        }
        // Nothing matched up to the end of the log: messages of other subjects below here need no ack from us.
        this.skipTo(this.log.closed ? this.cursor : this.log.lastSequence(this.stream));
      }
      await this.wait();
    }
  }

  private skipTo(seq: number): void {
    if (seq <= this.cursor) return;
    this.cursor = seq;
    if (this.inFlight.size === 0) this.setFloor(seq);
  }

  private toDelivery(entry: InFlight): Delivery {
    const { row } = entry;
    const dot = row.subject.indexOf(".");
    const message: BusMessage = {
      id: row.msg_id,
      eventSourceName: row.subject.slice(0, dot),
      eventName: row.subject.slice(dot + 1),
      body: new Uint8Array(row.body.buffer, row.body.byteOffset, row.body.byteLength),
      headers: parseHeaders(row.headers),
    };
    let settled = false;
    const seq = row.seq;
    return {
      message,
      sequence: seq,
      deliveryCount: entry.count,
      storedAt: row.stored_at,
      ack: async () => {
        if (settled) return;
        settled = true;
        await this.ack(seq);
      },
      nak: (delayMs = 0) => {
        if (settled) return;
        settled = true;
        this.nak(seq, delayMs);
      },
      working: () => {
        const current = this.inFlight.get(seq);
        if (current) current.deadline = this.clock.now() + this.ackWaitMs;
      },
    };
  }

  private async ack(seq: number): Promise<void> {
    if (!this.inFlight.delete(seq)) return;
    // Every message below the lowest one still in flight was acked (entries leave `inFlight` only by ack), and
    // messages of other subjects never enter it: the floor jumps to just below the lowest unacked delivery.
    const lowestInFlight = this.lowestInFlight();
    const limit = lowestInFlight === undefined ? this.cursor : lowestInFlight - 1;
    if (limit > this.ackFloor) await this.persistFloor(limit);
    this.wake();
  }

  private lowestInFlight(): number | undefined {
    // Entries are inserted in increasing sequence order and never re-inserted (a redelivery reuses its entry),
    // so the Map's first key is the lowest.
    for (const seq of this.inFlight.keys()) return seq;
    return undefined;
  }

  private setFloor(seq: number): void {
    if (seq <= this.ackFloor) return;
    this.ackFloor = seq;
    // Persisted with the next group commit; losing it in a crash only means redelivering, never losing.
    void this.queueFloorWrite();
  }

  private persistFloor(seq: number): Promise<void> {
    this.ackFloor = seq;
    return this.queueFloorWrite();
  }

  private floorWrite: Promise<void> = Promise.resolve();

  private queueFloorWrite(): Promise<void> {
    if (this.floorWriteQueued || this.log.closed) return this.floorWrite;
    this.floorWriteQueued = true;
    this.floorWrite = this.log
      .write(() => {
        this.floorWriteQueued = false;
        if (this.ackFloor === this.persistedFloor) return;
        this.log.db
          .prepare("UPDATE consumers SET ack_floor = ? WHERE stream = ? AND durable = ?")
          .run(this.ackFloor, this.stream, this.durable);
        this.persistedFloor = this.ackFloor;
      })
      .catch(() => {
        this.floorWriteQueued = false;
      });
    return this.floorWrite;
  }

  private nak(seq: number, delayMs: number): void {
    if (!this.inFlight.has(seq)) return;
    if (delayMs <= 0) {
      this.redeliver.push(seq);
      this.wake();
      return;
    }
    const entry = this.inFlight.get(seq);
    if (entry) entry.deadline = this.clock.now() + delayMs;
    this.armTimer();
  }

  private expireDeadlines(): void {
    const now = this.clock.now();
    for (const [seq, entry] of this.inFlight) {
      if (entry.deadline <= now && !this.redeliver.includes(seq)) {
        entry.deadline = Number.MAX_SAFE_INTEGER;
        this.redeliver.push(seq);
      }
    }
  }

  private armTimer(): void {
    if (this.timer || this.isClosed) return;
    let next = Number.MAX_SAFE_INTEGER;
    for (const entry of this.inFlight.values()) next = Math.min(next, entry.deadline);
    if (next === Number.MAX_SAFE_INTEGER) return;
    const delay = Math.max(0, next - this.clock.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.wake();
    }, delay);
    this.timer.unref();
  }

  private wait(): Promise<void> {
    this.armTimer();
    return new Promise<void>((resolve) => (this.waiter = resolve));
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }

  /** Stop delivering; unacked messages stay unacked and come back on the next subscription. */
  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    this.unlisten();
    if (this.timer) clearTimeout(this.timer);
    this.wake();
    await this.floorWrite;
    this.onClose();
    this.resolveClosed();
  }
}

function parseHeaders(text: string): Record<string, string> {
  const parsed: unknown = JSON.parse(text);
  const headers: Record<string, string> = {};
  if (parsed && typeof parsed === "object") {
    for (const [key, value] of Object.entries(parsed)) if (typeof value === "string") headers[key] = value;
  }
  return headers;
}
