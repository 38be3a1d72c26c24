/**
 * Trigger part of the `Sensor` schema (§6, §7.1). The template's first non-empty type key picks the implementation;
 * types Signalbox does not run yet are rejected with their path.
 */
import { z } from "zod";
import { amount, backoff, configMapKeySelector, durationValue, secretKeySelector } from "./common.ts";
// Parameter schemas live in `triggers/parameters.ts`: the per-type schemas there use them without an import cycle.
import { payloadParameter, triggerParameter } from "./triggers/parameters.ts";
import { unsupportedTriggerField } from "./triggers/index.ts";
// Argo's TLSConfig with `enabled` and the rules of its ValidateTLSConfig.
import { tlsConfig } from "./sources/shared.ts";
import { kafkaTriggerSpec } from "../triggers/kafka/schema.ts";
import { natsTriggerSpec } from "../triggers/nats/schema.ts";

export { payloadParameter, triggerParameter, triggerParameterSource } from "./triggers/parameters.ts";
export type { PayloadParameter, TriggerParameter, TriggerParameterSource } from "./triggers/parameters.ts";

const secureHeader = z.strictObject({
  name: z.string().min(1),
  valueFrom: z.strictObject({
    secretKeyRef: secretKeySelector.optional(),
    configMapKeyRef: configMapKeySelector.optional(),
  }),
});

/** `template.http` (§6.3). */
export const httpTrigger = z.strictObject({
  url: z.string().min(1),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  secureHeaders: z.array(secureHeader).optional(),
  dynamicHeaders: z.array(payloadParameter).optional(),
  payload: z.array(payloadParameter).optional(),
  parameters: z.array(triggerParameter).optional(),
  timeout: z.number().int().nonnegative().optional(),
  tls: tlsConfig.optional(),
  basicAuth: z
    .strictObject({ username: secretKeySelector.optional(), password: secretKeySelector.optional() })
    .optional(),
  /** Argo sends the request with this Host (virtual hosting); Signalbox does not yet, so it is refused, not ignored. */
  host: z.custom<"">((value) => value === "", "is not supported by Signalbox yet (Argo sends the request with this Host)").optional(),
});
export type HttpTriggerSpec = z.infer<typeof httpTrigger>;

/** `template.log`. */
export const logTrigger = z.strictObject({ intervalSeconds: z.number().int().nonnegative().optional() });
export type LogTriggerSpec = z.infer<typeof logTrigger>;

/** Trigger types Signalbox runs, in Argo's selection order (§6.1 step 2). */
export const supportedTriggerTypes = { http: httpTrigger, kafka: kafkaTriggerSpec, nats: natsTriggerSpec, log: logTrigger } as const;
export type SupportedTriggerType = keyof typeof supportedTriggerTypes;

/** Argo's selection order of template keys (§6.1). */
export const argoTriggerTypes = [
  "k8s", "argoWorkflow", "http", "awsLambda", "azureEventHubs", "azureServiceBus", "kafka", "pulsar", "nats",
  "slack", "openWhisk", "custom", "log", "email",
] as const;

const conditionsReset = z.strictObject({
  byTime: z.strictObject({ cron: z.string().min(1), timezone: z.string().optional() }).optional(),
});

/** `trigger.template`. */
export const triggerTemplate = z
  .strictObject({
    name: z.string().min(1),
    conditions: z.string().optional(),
    conditionsReset: z.array(conditionsReset).optional(),
    http: httpTrigger.optional(),
    kafka: kafkaTriggerSpec.optional(),
    nats: natsTriggerSpec.optional(),
    log: logTrigger.optional(),
    ...Object.fromEntries(
      // Checked field by field, and always reported as "trigger type '<type>' is not supported by Signalbox yet".
      argoTriggerTypes.filter((type) => !(type in supportedTriggerTypes)).map((type) => [type, unsupportedTriggerField(type).optional()]),
    ),
  })
  .superRefine((template, ctx) => {
    const present = argoTriggerTypes.filter((type) => (template as Record<string, unknown>)[type] != null);
    if (present.length === 0) {
      ctx.addIssue({ code: "custom", path: [], message: `needs one trigger type (${Object.keys(supportedTriggerTypes).join(", ")})` });
    }
  }, { when: (payload) => typeof payload.value === "object" && payload.value !== null }); // also beside field errors
export type TriggerTemplate = z.infer<typeof triggerTemplate>;

const rateLimit = z.strictObject({
  unit: z.enum(["Second", "Minute", "Hour"]).optional(),
  requestsPerUnit: z.number().int().positive(),
});

const policy = z.strictObject({
  k8s: z
    .strictObject({
      backoff: backoff.optional(),
      labels: z.record(z.string(), z.string()).optional(),
      errorOnBackoffTimeout: z.boolean().optional(),
    })
    .optional(),
  status: z.strictObject({ allow: z.array(z.number().int()) }).optional(),
});

const triggerBase = z.strictObject({
  template: triggerTemplate,
  parameters: z.array(triggerParameter).optional(),
  policy: policy.optional(),
  retryStrategy: backoff.optional(),
  rateLimit: rateLimit.optional(),
  atLeastOnce: z.boolean().optional(),
});

/** A trigger; `dlqTrigger` is a trigger without its own dlqTrigger (§5.6). */
export const trigger = triggerBase.extend({ dlqTrigger: triggerBase.optional() });
export type Trigger = z.infer<typeof trigger>;

export { amount, durationValue };
