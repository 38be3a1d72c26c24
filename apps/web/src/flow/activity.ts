/**
 * Live activity of graph nodes: counters (events received by an event node, runs fired or failed by a trigger and
 * its sensor) and a pulse when something passes. Kept outside React's state: a node subscribes to its own entry only
 * (`useSyncExternalStore` with its id), so an event re-renders the one or two nodes it touches, never the graph.
 * Updates are applied once per animation frame, however many arrive.
 */
import { useSyncExternalStore } from "react";

export interface NodeActivity {
  received: number;
  fired: number;
  failed: number;
  /** How many times the node pulsed (a changing number restarts the CSS animation). */
  pulses: number;
  /** When it last pulsed (ms since epoch). */
  lastAt: number;
}

const EMPTY: NodeActivity = { received: 0, fired: 0, failed: 0, pulses: 0, lastAt: 0 };

type Delta = Partial<Pick<NodeActivity, "received" | "fired" | "failed">>;

export class ActivityStore {
  private readonly entries = new Map<string, NodeActivity>();
  private readonly listeners = new Map<string, Set<() => void>>();
  private pending = new Map<string, Delta>();
  private frame: number | undefined;

  constructor(private readonly schedule: (flush: () => void) => number = (flush) => requestAnimationFrame(flush)) {}

  /** Count something for a node (and pulse it); applied at the next frame. */
  add(id: string, delta: Delta): void {
    const current = this.pending.get(id) ?? {};
    this.pending.set(id, {
      received: (current.received ?? 0) + (delta.received ?? 0),
      fired: (current.fired ?? 0) + (delta.fired ?? 0),
      failed: (current.failed ?? 0) + (delta.failed ?? 0),
    });
    this.frame ??= this.schedule(() => this.flush());
  }

  /** Apply what is pending now (normally called by the frame). */
  flush(now = Date.now()): void {
    this.frame = undefined;
    const pending = this.pending;
    this.pending = new Map();
    for (const [id, delta] of pending) {
      const before = this.entries.get(id) ?? EMPTY;
      this.entries.set(id, {
        received: before.received + (delta.received ?? 0),
        fired: before.fired + (delta.fired ?? 0),
        failed: before.failed + (delta.failed ?? 0),
        pulses: before.pulses + 1,
        lastAt: now,
      });
      for (const listener of this.listeners.get(id) ?? []) listener();
    }
  }

  get(id: string): NodeActivity {
    return this.entries.get(id) ?? EMPTY;
  }

  subscribe(id: string, listener: () => void): () => void {
    let set = this.listeners.get(id);
    if (!set) this.listeners.set(id, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(id);
    };
  }
}

/** The tab's store (one graph is shown at a time; counters persist while the tab lives). */
export const activity = new ActivityStore((flush) =>
  typeof requestAnimationFrame === "function" ? requestAnimationFrame(flush) : (setTimeout(flush, 16) as unknown as number),
);

const serverSnapshot = () => EMPTY;

/** A node's live activity; re-renders only when that node's entry changes. */
export function useNodeActivity(id: string): NodeActivity {
  return useSyncExternalStore(
    (listener) => activity.subscribe(id, listener),
    () => activity.get(id),
    serverSnapshot,
  );
}
