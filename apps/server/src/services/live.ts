/**
 * The live hub: stored events and finished runs fan out to subscribers of the live stream. Publishing never waits
 * for a subscriber: each has a bounded buffer, and what does not fit is dropped and counted, so a slow client
 * costs memory up to its buffer and nothing else; it learns what it missed from a `dropped` marker.
 */
import type { RunFinish } from "@signalbox/engine";
import type { EventItem } from "../storage/events.ts";
import { parseMatch, type JsonMatch } from "../storage/search.ts";

/** A finished run as streamed. */
export interface LiveRun {
  runId: string;
  namespace: string;
  sensor: string;
  trigger: string;
  status: "succeeded" | "failed";
  events: Record<string, string>;
  replayOf: string | null;
  error: string | null;
  startedAt: string;
  finishedAt: string;
}

/** What the stream carries. */
export type LiveItem = { type: "event"; event: EventItem } | { type: "run"; run: LiveRun } | { type: "dropped"; count: number };

/** Which items a subscriber wants: events by namespace/source/subject/type/match, runs by namespace/sensor/trigger. */
export interface LiveFilter {
  namespace?: string | undefined;
  source?: string | undefined;
  subject?: string | undefined;
  type?: string | undefined;
  sensor?: string | undefined;
  trigger?: string | undefined;
  match?: readonly string[] | undefined;
  kinds?: readonly ("event" | "run")[] | undefined;
}

const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** The search `match` semantics on a decoded payload (see storage/search.ts). */
export function matchesJson(data: unknown, match: JsonMatch): boolean {
  let value: unknown = data;
  for (const segment of match.path) {
    if (typeof segment === "number") {
      if (!Array.isArray(value)) return false;
      value = value[segment];
    } else {
      if (value === null || typeof value !== "object" || Array.isArray(value) || !Object.hasOwn(value, segment)) return false;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  if (typeof value === "string") return value === match.value;
  if (typeof value === "number") return JSON_NUMBER.test(match.value) && Number(match.value) === value;
  if (typeof value === "boolean") return String(value) === match.value;
  if (value === null) return match.value === "null";
  return false;
}

class Subscriber {
  private buffer: LiveItem[] = [];
  private head = 0;
  private dropped = 0;
  private waiter: (() => void) | undefined;
  closed = false;
  private readonly matches: JsonMatch[];

  constructor(
    private readonly filter: LiveFilter,
    private readonly capacity: number,
  ) {
    this.matches = (filter.match ?? []).map((text) => {
      const parsed = parseMatch(text);
      if (typeof parsed === "string") throw new RangeError(parsed);
      return parsed;
    });
  }

  private wants(item: LiveItem): boolean {
    const f = this.filter;
    if (item.type === "event") {
      if (f.kinds && !f.kinds.includes("event")) return false;
      const e = item.event;
      return (
        (!f.namespace || e.namespace === f.namespace) &&
        (!f.source || e.source === f.source) &&
        (!f.subject || e.subject === f.subject) &&
        (!f.type || e.type === f.type) &&
        this.matches.every((m) => matchesJson(e.data, m))
      );
    }
    if (item.type === "run") {
      if (f.kinds && !f.kinds.includes("run")) return false;
      const r = item.run;
      return (!f.namespace || r.namespace === f.namespace) && (!f.sensor || r.sensor === f.sensor) && (!f.trigger || r.trigger === f.trigger);
    }
    return true;
  }

  offer(item: LiveItem): void {
    if (this.closed || !this.wants(item)) return;
    if (this.buffer.length - this.head >= this.capacity) {
      this.dropped += 1;
    } else {
      this.buffer.push(item);
    }
    this.waiter?.();
  }

  /** Next item, a `dropped` marker first when items were lost; `undefined` once closed or aborted. */
  async next(signal?: AbortSignal): Promise<LiveItem | undefined> {
    for (;;) {
      if (this.closed || signal?.aborted) return undefined;
      if (this.dropped > 0) {
        const count = this.dropped;
        this.dropped = 0;
        return { type: "dropped", count };
      }
      if (this.head < this.buffer.length) {
        const item = this.buffer[this.head];
        this.buffer[this.head] = undefined as unknown as LiveItem;
        this.head += 1;
        if (this.head > 1024 && this.head * 2 > this.buffer.length) {
          this.buffer = this.buffer.slice(this.head);
          this.head = 0;
        }
        if (item) return item;
        continue;
      }
      await new Promise<void>((resolve) => {
        this.waiter = resolve;
        signal?.addEventListener("abort", () => resolve(), { once: true });
      });
      this.waiter = undefined;
    }
  }

  close(): void {
    this.closed = true;
    this.buffer = [];
    this.head = 0;
    this.waiter?.();
  }

  get pending(): number {
    return this.buffer.length - this.head;
  }
}

/** A live subscription. */
export interface LiveSubscription {
  next(signal?: AbortSignal): Promise<LiveItem | undefined>;
  close(): void;
  /** Items buffered now. */
  readonly pending: number;
}

/** Fans stored events and finished runs out to subscribers. */
export class LiveHub {
  private readonly subscribers = new Set<Subscriber>();
  private liveWindow: number[] = [];

  /** Subscribe; `capacity` bounds the items buffered for this subscriber. */
  subscribe(filter: LiveFilter, capacity = 1000): LiveSubscription {
    const subscriber = new Subscriber(filter, capacity);
    const subscribers = this.subscribers;
    subscribers.add(subscriber);
    return {
      next: (signal) => subscriber.next(signal),
      close: () => {
        subscriber.close();
        subscribers.delete(subscriber);
      },
      get pending() {
        return subscriber.pending;
      },
    };
  }

  /** Newly stored events. */
  publishEvents(events: readonly EventItem[]): void {
    const now = Date.now();
    for (const event of events) {
      if (!event.replayof) this.liveWindow.push(now);
      if (this.subscribers.size === 0) continue;
      const item: LiveItem = { type: "event", event };
      for (const subscriber of this.subscribers) subscriber.offer(item);
    }
    if (this.liveWindow.length > 50_000) this.liveWindow = this.liveWindow.slice(-10_000);
  }

  /** A finished run. */
  publishRun(run: RunFinish): void {
    if (this.subscribers.size === 0) return;
    const item: LiveItem = {
      type: "run",
      run: {
        runId: run.runId,
        namespace: run.namespace,
        sensor: run.sensor,
        trigger: run.trigger,
        status: run.outcome.status,
        events: run.events,
        replayOf: run.replayOf ?? null,
        error: run.outcome.error ?? null,
        startedAt: new Date(run.startedAt).toISOString(),
        finishedAt: new Date(run.finishedAt).toISOString(),
      },
    };
    for (const subscriber of this.subscribers) subscriber.offer(item);
  }

  /** Live (not replayed) events stored in the last second: bulk replays yield to them. */
  liveRate(now = Date.now()): number {
    const horizon = now - 1000;
    let start = 0;
    while (start < this.liveWindow.length && (this.liveWindow[start] ?? 0) < horizon) start += 1;
    if (start > 0) this.liveWindow = this.liveWindow.slice(start);
    return this.liveWindow.length;
  }

  /** Subscribers now. */
  get size(): number {
    return this.subscribers.size;
  }
}
