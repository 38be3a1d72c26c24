/**
 * Join state of one trigger (§5.2): the latest event held per dependency, persisted in the bus's key/value store
 * with Argo's keys (`<trigger>/<dep>` → `{StreamSeq, ConsumerSeq, Timestamp, Event}`), so a restart between a1 and
 * b1 still fires with both.
 */
import type { KeyValueStore } from "../bus/types.ts";

/** One held event. */
export interface HeldEvent {
  dependency: string;
  eventId: string;
  /** When it was stored, ms since the epoch. */
  since: number;
  streamSeq: number;
  /** The CloudEvent JSON bytes as they came off the bus. */
  cloudEvent: Uint8Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** Held events of one trigger, cached in memory and written through to the key/value store. */
export class JoinState {
  private readonly held = new Map<string, HeldEvent>();

  private constructor(
    private readonly kv: KeyValueStore,
    private readonly trigger: string,
  ) {}

  /**
   * Load the state of `trigger`. When its stored expression differs from `expression` (the spec changed), the
   * held events are purged, as Argo does at sensor start.
   */
  static async load(kv: KeyValueStore, trigger: string, expression: string, dependencies: readonly string[]): Promise<JoinState> {
    const state = new JoinState(kv, trigger);
    const storedExpression = await kv.get(`${trigger}/Expression`);
    const keys = await kv.keys(`${trigger}/`);
    if (storedExpression === undefined || decoder.decode(storedExpression) !== expression) {
      for (const key of keys) if (key !== `${trigger}/Expression`) await kv.delete(key);
      await kv.put(`${trigger}/Expression`, encoder.encode(expression));
      return state;
    }
    for (const key of keys) {
      const dependency = key.slice(trigger.length + 1);
      if (dependency === "Expression") continue;
      if (!dependencies.includes(dependency)) {
        await kv.delete(key);
        continue;
      }
      const value = await kv.get(key);
      const parsed = value ? parseHeld(dependency, value) : undefined;
      if (parsed) state.held.set(dependency, parsed);
    }
    return state;
  }

  /** Store `event` as the latest for its dependency, replacing an older one. */
  async hold(event: HeldEvent): Promise<void> {
    this.held.set(event.dependency, event);
    const record = {
      StreamSeq: event.streamSeq,
      ConsumerSeq: event.streamSeq,
      Timestamp: new Date(event.since).toISOString(),
      Event: JSON.parse(decoder.decode(event.cloudEvent)) as unknown,
    };
    await this.kv.put(`${this.trigger}/${event.dependency}`, encoder.encode(JSON.stringify(record)));
  }

  /** Dependencies holding an event now. */
  names(): Set<string> {
    return new Set(this.held.keys());
  }

  /** Everything held, oldest first. */
  list(): HeldEvent[] {
    return [...this.held.values()].sort((a, b) => a.since - b.since);
  }

  /** Drop every held event (after a firing, or a `conditionsReset`). */
  async clear(olderThan?: number): Promise<void> {
    for (const [dependency, event] of [...this.held]) {
      if (olderThan !== undefined && event.since >= olderThan) continue;
      this.held.delete(dependency);
      await this.kv.delete(`${this.trigger}/${dependency}`);
    }
  }
}

function parseHeld(dependency: string, value: Uint8Array): HeldEvent | undefined {
  try {
    const record = JSON.parse(decoder.decode(value)) as { StreamSeq?: number; Timestamp?: string; Event?: { id?: string } };
    if (!record.Event || typeof record.Event.id !== "string") return undefined;
    return {
      dependency,
      eventId: record.Event.id,
      since: record.Timestamp ? Date.parse(record.Timestamp) : 0,
      streamSeq: record.StreamSeq ?? 0,
      cloudEvent: encoder.encode(JSON.stringify(record.Event)),
    };
  } catch {
    return undefined;
  }
}
