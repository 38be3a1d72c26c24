/**
 * Trigger kinds Signalbox runs, selected like Argo: the first non-empty key of the template in Argo's order.
 */
import { NonRetriableError } from "../errors.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import { supportedTriggerTypes, type SupportedTriggerType, type TriggerTemplate } from "../resources/trigger.ts";
import { httpTrigger } from "./http.ts";
import { logTrigger } from "./log.ts";
import type { AttemptResult, ExecuteContext, PreparedAction, PrepareContext } from "./types.ts";

/** Which implementation a template selects (§6.1 step 2). */
export function selectTriggerType(template: TriggerTemplate): SupportedTriggerType {
  const order: SupportedTriggerType[] = ["http", "log"];
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
    default: {
      const exhaustive: never = type;
      throw new Error(`unknown trigger type ${String(exhaustive)}`);
    }
  }
}
