/**
 * Trigger kinds Signalbox runs, selected like Argo: the first non-empty key of the template in Argo's order.
 */
import { NonRetriableError } from "../errors.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import { supportedTriggerTypes, type SupportedTriggerType, type TriggerTemplate } from "../resources/trigger.ts";
import { httpTrigger } from "./http.ts";
import { kafkaTrigger } from "./kafka.ts";
import { logTrigger } from "./log.ts";
import { natsTrigger } from "./nats.ts";
import type { AttemptResult, ExecuteContext, PreparedAction, PrepareContext } from "./types.ts";

/** Which implementation a template selects (§6.1 step 2). */
export function selectTriggerType(template: TriggerTemplate): SupportedTriggerType {
  const order: SupportedTriggerType[] = ["http", "kafka", "nats", "log"];
  for (const type of order) if (template[type] != null) return type;
  throw new NonRetriableError(`trigger ${template.name} has no supported type (${Object.keys(supportedTriggerTypes).join(", ")})`);
}

/** Execute a prepared action with the kind that prepared it. */
export function executeAction(action: PreparedAction, context: ExecuteContext): Promise<AttemptResult> {
  switch (action.kind) {
    case "http":
      return httpTrigger.execute(action, context);
    case "log":
      return logTrigger.execute(action, context);
    case "nats":
      return natsTrigger.execute(action, context);
    case "kafka":
      return kafkaTrigger.execute(action, context);
    default: {
      const exhaustive: never = action;
      throw new Error(`unknown action ${JSON.stringify(exhaustive)}`);
    }
  }
}

/** Prepare the action of a (parameterised) template. */
export async function prepareAction(
  template: TriggerTemplate,
  events: Readonly<Record<string, TriggerEvent>>,
  context: PrepareContext,
  extra: { allowStatus?: number[] } = {},
): Promise<PreparedAction> {
  const type = selectTriggerType(template);
  switch (type) {
    case "http": {
      const spec = template.http;
      if (!spec) throw new NonRetriableError("http trigger without spec");
      return httpTrigger.prepare({ ...spec, ...(extra.allowStatus ? { allowStatus: extra.allowStatus } : {}) }, events, context);
    }
    case "log":
      return logTrigger.prepare(template.log ?? {}, events, context);
    case "kafka": {
      if (!template.kafka) throw new NonRetriableError("kafka trigger without spec");
      return kafkaTrigger.prepare(template.kafka, events, context);
    }
    case "nats": {
      if (!template.nats) throw new NonRetriableError("nats trigger without spec");
      return natsTrigger.prepare(template.nats, events, context);
    }
    default: {
      const exhaustive: never = type;
      throw new Error(`unknown trigger type ${String(exhaustive)}`);
    }
  }
}
