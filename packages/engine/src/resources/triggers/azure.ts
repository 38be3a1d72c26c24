/**
 * `template.azureEventHubs` and `template.azureServiceBus`: send the payload to an Event Hub or to a Service Bus
 * queue or topic (Argo's `AzureEventHubsTrigger`, `AzureServiceBusTrigger`).
 */
import { z } from "zod";
import { isSet, requiredText, secretKeySelector, tlsConfig, withRules } from "../sources/shared.ts";
import { payloadParameter, triggerParameter } from "./parameters.ts";

/** `template.azureEventHubs`. Argo builds a connection string from both keys, so both are required. */
export const azureEventHubsTrigger = z.strictObject({
  fqdn: requiredText(),
  hubName: requiredText(),
  sharedAccessKeyName: secretKeySelector,
  sharedAccessKey: secretKeySelector,
  payload: z.array(payloadParameter),
  parameters: z.array(triggerParameter).optional(),
});

/** `template.azureServiceBus`: `queueName`, or `topicName` (`subscriptionName` is accepted and unused by Argo). */
export const azureServiceBusTrigger = withRules(
  z.strictObject({
    connectionString: secretKeySelector,
    queueName: z.string().optional(),
    topicName: z.string().optional(),
    subscriptionName: z.string().optional(),
    tls: tlsConfig.optional(),
    payload: z.array(payloadParameter),
    parameters: z.array(triggerParameter).optional(),
  }),
  (trigger, report) => {
    if (!isSet(trigger.queueName) && !isSet(trigger.topicName)) report("needs queueName or topicName");
  },
);
