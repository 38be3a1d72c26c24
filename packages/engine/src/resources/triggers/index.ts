/**
 * Schemas of the Argo trigger types Signalbox validates field by field but does not run (yet): `template.<type>` key
 * → schema. `trigger.ts` checks such a template with these schemas, then reports the type as not supported.
 */
import { z } from "zod";
import { refusedType } from "../sources/shared.ts";
import { argoWorkflowTrigger } from "./argoWorkflow.ts";
import { awsLambdaTrigger } from "./awsLambda.ts";
import { azureEventHubsTrigger, azureServiceBusTrigger } from "./azure.ts";
import { customTrigger } from "./custom.ts";
import { emailTrigger } from "./email.ts";
import { k8sTrigger } from "./k8s.ts";
import { openWhiskTrigger } from "./openWhisk.ts";
import { pulsarTrigger } from "./pulsar.ts";
import { slackTrigger } from "./slack.ts";

/** Schema per Argo trigger type that has no Signalbox implementation, keyed as in `TriggerTemplate`. */
export const unsupportedTriggerTypes = {
  k8s: k8sTrigger,
  argoWorkflow: argoWorkflowTrigger,
  awsLambda: awsLambdaTrigger,
  azureEventHubs: azureEventHubsTrigger,
  azureServiceBus: azureServiceBusTrigger,
  pulsar: pulsarTrigger,
  slack: slackTrigger,
  openWhisk: openWhiskTrigger,
  custom: customTrigger,
  email: emailTrigger,
} as const satisfies Record<string, z.ZodType>;

/** A trigger type listed in {@link unsupportedTriggerTypes}. */
export type UnsupportedTriggerType = keyof typeof unsupportedTriggerTypes;

/** The schema of `template.<type>`, when `type` is one of {@link unsupportedTriggerTypes}. */
export function unsupportedTriggerSchema(type: string): z.ZodType | undefined {
  return Object.hasOwn(unsupportedTriggerTypes, type)
    ? unsupportedTriggerTypes[type as UnsupportedTriggerType]
    : undefined;
}

/**
 * The schema of `template.<type>` for a type Signalbox does not run: checked field by field, and always the error
 * "trigger type '<type>' is not supported by Signalbox yet".
 */
export function unsupportedTriggerField(type: string): z.ZodType<unknown> {
  return refusedType(
    unsupportedTriggerSchema(type) ?? z.unknown(),
    `trigger type '${type}' is not supported by Signalbox yet`,
  );
}
