/**
 * One run of a trigger for one firing (§6.1, §5.6): parameters rewrite the template, the kind prepares an action,
 * attempts follow `retryStrategy` (only under `atLeastOnce`, as in Argo), then `dlqTrigger`. Every attempt is
 * reported; the caller records them.
 */
import { errorMessage, NonRetriableError, RetryAfterError } from "../errors.ts";
import type { Clock, Logger } from "../host.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import { applyParameters } from "../mapping/params.ts";
import { triggerTemplate, type Trigger, type TriggerTemplate } from "../resources/trigger.ts";
import type { SecretResolver } from "../sources/registry.ts";
import { retryDelayMs, retryPlan, type RateLimiter } from "./backoff.ts";
import { withChildTraceparent } from "./http.ts";
import { executeAction, prepareAction } from "./registry.ts";
import { redactAction, type PreparedAction } from "./types.ts";

/** One attempt as recorded. */
export interface AttemptRecord {
  attempt: number;
  startedAt: number;
  durationMs: number;
  ok: boolean;
  status?: number;
  responseExcerpt?: string;
  error?: string;
}

/** The outcome of a run (and of its DLQ run, when one ran). */
export interface RunOutcome {
  status: "succeeded" | "failed";
  attempts: AttemptRecord[];
  /** The action as sent, with secret values redacted. */
  request?: PreparedAction;
  error?: string;
  dlq?: RunOutcome;
}

/** Everything a run needs. */
export interface RunContext {
  namespace: string;
  sensorName: string;
  clock: Clock;
  logger: Logger;
  secrets: SecretResolver;
  rateLimiter?: RateLimiter;
  signal?: AbortSignal;
  /** W3C `traceparent` of the event that fired; an HTTP request continues the trace as a child span. */
  traceparent?: string;
  /** Called after each attempt (for live views). */
  onAttempt?: (attempt: AttemptRecord) => void;
  random?: () => number;
}

/** Apply trigger-level parameters to the template and validate the result again. */
export function parameterizeTemplate(
  trigger: Trigger,
  events: Readonly<Record<string, TriggerEvent>>,
  now: () => Date,
): TriggerTemplate {
  let template = trigger.template;
  if (trigger.parameters && trigger.parameters.length > 0) {
    const rewritten = applyParameters(JSON.stringify(template), trigger.parameters, events, { now });
    const parsed = triggerTemplate.safeParse(JSON.parse(rewritten));
    if (!parsed.success) throw new NonRetriableError(`trigger parameters produced an invalid template: ${parsed.error.message}`);
    template = parsed.data;
  }
  if (template.http?.parameters && template.http.parameters.length > 0) {
    const { parameters, ...rest } = template.http;
    const rewritten = applyParameters(JSON.stringify(rest), parameters, events, { now });
    const parsed = triggerTemplate.safeParse({ ...template, http: { ...JSON.parse(rewritten), parameters } });
    if (!parsed.success) throw new NonRetriableError(`http.parameters produced an invalid spec: ${parsed.error.message}`);
    template = parsed.data;
  }
  return template;
}

/** Prepare the (redactable) action a firing would produce, without sending anything. */
export async function prepareTrigger(
  trigger: Trigger,
  events: Readonly<Record<string, TriggerEvent>>,
  context: Pick<RunContext, "namespace" | "sensorName" | "secrets" | "clock">,
): Promise<PreparedAction> {
  const now = () => new Date(context.clock.now());
  const template = parameterizeTemplate(trigger, events, now);
  return prepareAction(
    template,
    events,
    { namespace: context.namespace, sensorName: context.sensorName, triggerName: trigger.template.name, secrets: context.secrets, now },
    trigger.policy?.status ? { allowStatus: trigger.policy.status.allow } : {},
  );
}

/** Run a trigger for a firing, with retries and DLQ per Argo's rules. */
export async function runTrigger(
  trigger: Trigger,
  events: Readonly<Record<string, TriggerEvent>>,
  context: RunContext,
): Promise<RunOutcome> {
  const outcome = await runOnce(trigger, events, context);
  if (outcome.status === "failed" && trigger.atLeastOnce === true && trigger.dlqTrigger) {
    context.logger.warn("trigger failed after retries; running its dlqTrigger", { error: outcome.error });
    outcome.dlq = await runOnce({ ...trigger.dlqTrigger }, events, context);
  }
  return outcome;
}

async function runOnce(trigger: Trigger, events: Readonly<Record<string, TriggerEvent>>, context: RunContext): Promise<RunOutcome> {
  const attempts: AttemptRecord[] = [];
  let action: PreparedAction;
  try {
    action = await prepareTrigger(trigger, events, context);
    if (context.traceparent) action = withChildTraceparent(action, context.traceparent);
  } catch (error) {
    return { status: "failed", attempts, error: `could not prepare the trigger: ${errorMessage(error)}` };
  }
  const request = redactAction(action);
  // Argo's retry wrapper only ever sees failures under atLeastOnce (§5.6).
  const plan = trigger.atLeastOnce === true ? retryPlan(trigger.retryStrategy) : retryPlan(undefined);
  let lastError = "";
  let serverDelayMs = 0;
  for (let attempt = 1; attempt <= plan.steps; attempt++) {
    if (attempt > 1) {
      // A server's Retry-After is honoured when it asks for longer than the backoff would wait.
      await context.clock.sleep(Math.max(serverDelayMs, retryDelayMs(plan, attempt - 1, context.random)), context.signal);
      if (context.signal?.aborted) break;
    }
    serverDelayMs = 0;
    await context.rateLimiter?.take();
    const startedAt = context.clock.now();
    let record: AttemptRecord;
    let retriable = true;
    try {
      const result = await executeAction(action, { clock: context.clock, logger: context.logger, ...(context.signal ? { signal: context.signal } : {}) });
      record = {
        attempt,
        startedAt,
        durationMs: context.clock.now() - startedAt,
        ok: result.ok,
        ...(result.status !== undefined ? { status: result.status } : {}),
        ...(result.responseExcerpt !== undefined ? { responseExcerpt: result.responseExcerpt } : {}),
        ...(result.error !== undefined ? { error: result.error } : {}),
      };
      retriable = result.retriable;
      serverDelayMs = result.retryAfterMs ?? 0;
    } catch (error) {
      retriable = !(error instanceof NonRetriableError);
      record = { attempt, startedAt, durationMs: context.clock.now() - startedAt, ok: false, error: errorMessage(error) };
      if (error instanceof RetryAfterError) serverDelayMs = error.retryAfterMs;
    }
    attempts.push(record);
    context.onAttempt?.(record);
    if (record.ok) return { status: "succeeded", attempts, request };
    lastError = record.error ?? "failed";
    if (!retriable) break;
  }
  return { status: "failed", attempts, request, error: lastError };
}
