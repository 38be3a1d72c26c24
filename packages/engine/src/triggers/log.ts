/**
 * The `log` trigger: one INFO line per dependency event of the firing, with the decoded data and the context.
 * Line format (JSON lines through the host logger): `{"msg":"log trigger","dependency",…,"eventContext":{…},
 * "data":"<decoded data text>"}` plus the sensor/trigger fields of the logger. `intervalSeconds` throttles.
 */
import type { LogTriggerSpec } from "../resources/trigger.ts";
import type { TriggerKindDefinition } from "./types.ts";

const lastLogged = new WeakMap<object, number>();

/** Log each event of a firing. */
export const logTrigger: TriggerKindDefinition<LogTriggerSpec> = {
  type: "log",
  async prepare(spec, events) {
    return {
      kind: "log",
      intervalSeconds: spec.intervalSeconds ?? 0,
      entries: Object.entries(events).map(([dependency, event]) => ({
        dependency,
        context: event.context,
        data: new TextDecoder().decode(event.data),
      })),
    };
  },
  async execute(action, context) {
    if (action.kind !== "log") throw new Error("log trigger got a non-log action");
    const now = context.clock.now();
    const key = context.logger;
    const last = lastLogged.get(key) ?? 0;
    if (action.intervalSeconds > 0 && now - last < action.intervalSeconds * 1000) {
      return { ok: true, retriable: false, responseExcerpt: "throttled by intervalSeconds" };
    }
    lastLogged.set(key, now);
    for (const entry of action.entries) {
      context.logger.info("log trigger", { dependencyName: entry.dependency, eventContext: entry.context, data: entry.data });
    }
    return { ok: true, retriable: false };
  },
};
