/**
 * Test a sensor without deploying it: run a spec (applied or draft) over a list of events and report what it would
 * have done — every explain record and the trigger requests it would have made — without sending anything.
 *
 * Pure orchestration of the same building blocks the runtime uses (`compileDependency`, `compileConditions`,
 * `prepareTrigger`): the join is simulated in memory from an empty state, so a running sensor's held events are
 * never read or changed, and no bus, sink or store is touched. Only `secrets` is called (to prepare secure
 * headers); prepared requests come back with secret values redacted.
 */
import { errorMessage } from "../errors.ts";
import type { Clock } from "../host.ts";
import { toTriggerEvent, type TriggerEvent } from "../mapping/events.ts";
import type { SensorResource } from "../resources/sensor.ts";
import type { CloudEventRecord } from "../sources/cloudevent.ts";
import type { SecretResolver } from "../sources/registry.ts";
import { prepareTrigger } from "../triggers/run.ts";
import { redactAction, type PreparedAction } from "../triggers/types.ts";
import { compileConditions, type CompiledConditions } from "./conditions.ts";
import { compileDependency, type CompiledDependency } from "./dependency.ts";
import type { ExplainRecord } from "./explain.ts";

/** Options of {@link dryRunSensor}. */
export interface DryRunOptions {
  namespace: string;
  sensor: SensorResource;
  /** Events in the order they would have arrived. */
  events: readonly CloudEventRecord[];
  secrets: SecretResolver;
  clock: Clock;
  /** Only this trigger (all when absent). */
  trigger?: string;
}

/** A firing the sensor would have made. */
export interface DryRunFiring {
  trigger: string;
  /** dependency → event id that fed it. */
  events: Record<string, string>;
  /** The event whose arrival completed the firing. */
  firedBy: string;
  /** The action as it would be sent, secret values redacted. Absent when preparing it failed. */
  request?: PreparedAction;
  /** Why preparing the action failed (a missing secret, an invalid parameterised template…). */
  error?: string;
}

/** What a dry run found. */
export interface DryRunResult {
  /** One per (event, trigger, dependency the event is for), in arrival order; outcomes `fired`, `held`, `filtered`, `error`. */
  explains: ExplainRecord[];
  firings: DryRunFiring[];
  /** Triggers that could not be evaluated at all (their `conditions` do not compile). */
  triggerErrors: { trigger: string; error: string }[];
  /** Events no dependency of the tested triggers is for. */
  unmatched: string[];
}

interface SimulatedTrigger {
  name: string;
  conditions: CompiledConditions;
  held: Map<string, { eventId: string; since: number; event: TriggerEvent }>;
}

/**
 * Run `sensor` over `events` and report explain records and prepared trigger requests.
 *
 * @example
 * const result = await dryRunSensor({ namespace: "default", sensor, events: [cloudEvent], secrets, clock: systemClock });
 * result.firings[0]?.request; // { kind: "http", method: "POST", url: "…", body: "…" }
 */
export async function dryRunSensor(options: DryRunOptions): Promise<DryRunResult> {
  const sensorName = options.sensor.metadata.name;
  const dependencies = new Map<string, CompiledDependency>();
  options.sensor.spec.dependencies.forEach((dep, index) => dependencies.set(dep.name, compileDependency(dep, index)));
  const result: DryRunResult = { explains: [], firings: [], triggerErrors: [], unmatched: [] };
  const triggers: { spec: SensorResource["spec"]["triggers"][number]; state: SimulatedTrigger }[] = [];
  for (const trigger of options.sensor.spec.triggers) {
    if (options.trigger !== undefined && trigger.template.name !== options.trigger) continue;
    try {
      const conditions = compileConditions(trigger.template.conditions, [...dependencies.keys()]);
      triggers.push({ spec: trigger, state: { name: trigger.template.name, conditions, held: new Map() } });
    } catch (error) {
      result.triggerErrors.push({ trigger: trigger.template.name, error: errorMessage(error) });
    }
  }
  let firingNumber = 0;
  for (const cloudEvent of options.events) {
    const input = toTriggerEvent(cloudEvent);
    let matched = false;
    for (const { spec, state } of triggers) {
      for (const depName of state.conditions.dependencies) {
        const dependency = dependencies.get(depName);
        if (!dependency || dependency.eventSourceName !== cloudEvent.source || dependency.eventName !== cloudEvent.subject) continue;
        matched = true;
        const now = options.clock.now();
        const verdict = await dependency.evaluate(input, { now });
        const base = {
          version: 1 as const,
          namespace: options.namespace,
          sensor: sensorName,
          trigger: state.name,
          dependency: depName,
          eventId: cloudEvent.id,
          at: now,
          filters: verdict.verdicts,
          filtersOperator: verdict.operator,
          ...(verdict.transform ? { transform: verdict.transform } : {}),
        };
        if (!verdict.pass) {
          result.explains.push({ ...base, outcome: verdict.error ? "error" : "filtered", ...(verdict.error ? { error: verdict.error } : {}) });
          continue;
        }
        let fired: Record<string, TriggerEvent>;
        let join: ExplainRecord["join"];
        if (state.conditions.needsJoin) {
          state.held.set(depName, { eventId: cloudEvent.id, since: now, event: verdict.event });
          const satisfied = state.conditions.evaluate(new Set(state.held.keys()));
          join = {
            expression: state.conditions.source,
            held: [...state.held].map(([dep, held]) => ({ dependency: dep, eventId: held.eventId, since: held.since })),
            satisfied,
          };
          if (!satisfied) {
            result.explains.push({ ...base, outcome: "held", join });
            continue;
          }
          fired = Object.fromEntries([...state.held].map(([dep, held]) => [dep, held.event]));
          state.held.clear();
        } else {
          fired = { [depName]: verdict.event };
        }
        firingNumber += 1;
        const runId = `dry-run-${firingNumber}`;
        result.explains.push({ ...base, outcome: "fired", runId, ...(join ? { join } : {}) });
        const firing: DryRunFiring = {
          trigger: state.name,
          events: Object.fromEntries(Object.entries(fired).map(([dep, event]) => [dep, event.context.id])),
          firedBy: cloudEvent.id,
        };
        try {
          const action = await prepareTrigger(spec, fired, { namespace: options.namespace, sensorName, secrets: options.secrets, clock: options.clock });
          firing.request = redactAction(action);
        } catch (error) {
          firing.error = errorMessage(error);
        }
        result.firings.push(firing);
      }
    }
    if (!matched) result.unmatched.push(cloudEvent.id);
  }
  return result;
}
