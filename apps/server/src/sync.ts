/**
 * Convergence of processes sharing one database: every `intervalMs` the stored definitions are compared with what
 * this process's engine runs, and differences (applied, deleted, paused elsewhere) are brought in. With SQLite there
 * is one process and nothing to do.
 */
import { errorMessage, type Engine, type Logger } from "@signalbox/engine";
import type { DefinitionStore } from "./storage/definitions.ts";

const running = ["EventBus", "EventSource", "Sensor"] as const;

/** Bring the engine in line with the store once; returns how many resources changed. */
export async function syncDefinitions(store: DefinitionStore, engine: Engine): Promise<number> {
  let changed = 0;
  const stored = await store.list();
  const storedKeys = new Set<string>();
  for (const kind of ["Secret", "ConfigMap", ...running] as const) {
    for (const resource of stored.filter((r) => r.kind === kind)) {
      storedKeys.add(`${resource.kind}/${resource.namespace}/${resource.name}`);
      if (resource.kind === "Secret" || resource.kind === "ConfigMap") continue;
      const spec = (resource.manifest as { spec?: unknown }).spec;
      const current = engine.runningSpec(resource.kind, resource.namespace, resource.name);
      if (resource.kind === "EventSource" || resource.kind === "Sensor") {
        if (engine.isPaused(resource.kind, resource.namespace, resource.name) !== resource.paused) {
          await engine.setPaused(resource.kind, resource.namespace, resource.name, resource.paused);
          changed++;
        }
      }
      if (current !== undefined && JSON.stringify(current) === JSON.stringify(spec)) continue;
      await engine.apply({ kind: resource.kind, namespace: resource.namespace, name: resource.name, resource: resource.manifest });
      changed++;
    }
  }
  for (const entry of engine.list()) {
    if (storedKeys.has(`${entry.kind}/${entry.namespace}/${entry.name}`)) continue;
    await engine.remove(entry.kind, entry.namespace, entry.name);
    changed++;
  }
  return changed;
}

/** Poll the store; returns a stop function. */
export function startDefinitionSync(options: { store: DefinitionStore; engine: Engine; logger: Logger; intervalMs?: number; onChange?: () => void }): () => Promise<void> {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = (async () => {
      try {
        const changed = await syncDefinitions(options.store, options.engine);
        if (changed > 0) {
          options.logger.info("definitions changed by another process were applied", { changed });
          options.onChange?.();
        }
      } catch (error) {
        options.logger.warn("definition sync failed", { error: errorMessage(error) });
      }
      if (!stopped) timer = setTimeout(tick, options.intervalMs ?? 2_000);
    })();
  };
  timer = setTimeout(tick, options.intervalMs ?? 2_000);
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}
