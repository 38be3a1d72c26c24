/**
 * The buses the engine opened, kept by the host so it can ask them for consumer lag (`EventBus.lag`, optional:
 * buses that cannot tell report nothing). Durable names are Argo's: one per (sensor, trigger, dependency), plus the
 * history recorder's.
 */
import { durableName, HISTORY_DURABLE, type BusTarget, type EventBus, type SensorResource } from "@signalbox/engine";

/** Lag of one durable consumer. */
export interface ConsumerLag {
  namespace: string;
  bus: string;
  durable: string;
  /** `history`, or the sensor/trigger/dependency the consumer serves. */
  sensor?: string;
  trigger?: string;
  dependency?: string;
  messages: number;
}

/** Keeps the buses opened through {@link track}. */
export class BusRegistry {
  private readonly open = new Map<string, { target: BusTarget; bus: EventBus }>();

  /** Wrap an `openBus` so every bus it opens is remembered until closed. */
  track(openBus: (target: BusTarget) => Promise<EventBus>): (target: BusTarget) => Promise<EventBus> {
    return async (target) => {
      const bus = await openBus(target);
      const id = `${target.namespace}/${target.name}`;
      this.open.set(id, { target, bus });
      void bus.closed.then(() => {
        if (this.open.get(id)?.bus === bus) this.open.delete(id);
      });
      return bus;
    };
  }

  /** Lag of the history consumer and of each sensor consumer, where the bus can tell. */
  async lag(sensors: readonly { namespace: string; manifest: SensorResource }[]): Promise<ConsumerLag[]> {
    const out: ConsumerLag[] = [];
    for (const { target, bus } of this.open.values()) {
      if (!bus.lag) continue;
      const history = await bus.lag(HISTORY_DURABLE);
      if (history !== undefined) out.push({ namespace: target.namespace, bus: target.name, durable: HISTORY_DURABLE, messages: history });
      for (const { namespace, manifest } of sensors) {
        if (namespace !== target.namespace || (manifest.spec.eventBusName ?? "default") !== target.name) continue;
        for (const trigger of manifest.spec.triggers) {
          for (const dependency of manifest.spec.dependencies) {
            const durable = durableName(manifest.metadata.name, trigger.template.name, dependency.name);
            const messages = await bus.lag(durable);
            if (messages === undefined) continue;
            out.push({ namespace, bus: target.name, durable, sensor: manifest.metadata.name, trigger: trigger.template.name, dependency: dependency.name, messages });
          }
        }
      }
    }
    return out;
  }
}
