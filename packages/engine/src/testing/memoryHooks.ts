/**
 * Engine hooks that keep everything in memory, for tests: explain records, runs, stored events.
 */
import type { EngineHooks } from "../engine/engine.ts";
import type { ObservedEvent } from "../engine/history.ts";
import type { ExplainRecord } from "../sensors/explain.ts";
import type { RunFinish, RunStart } from "../sensors/types.ts";

/** Hooks plus what they recorded. */
export interface MemoryHooks extends EngineHooks {
  explains: ExplainRecord[];
  started: RunStart[];
  finished: RunFinish[];
  events: ObservedEvent[];
  /** Resolve when `predicate` holds (polling), or reject after `timeoutMs`. */
  until(predicate: () => boolean, timeoutMs?: number): Promise<void>;
}

/** Create in-memory hooks. */
export function memoryHooks(): MemoryHooks {
  const hooks: MemoryHooks = {
    explains: [],
    started: [],
    finished: [],
    events: [],
    explain: (record) => void hooks.explains.push(record),
    runStarted: async (run) => void hooks.started.push(run),
    runFinished: (run) => void hooks.finished.push(run),
    recordEvents: async (events) => void hooks.events.push(...events),
    until: async (predicate, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error("condition not met in time");
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
  return hooks;
}
