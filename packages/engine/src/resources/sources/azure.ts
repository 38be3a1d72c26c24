/**
 * `spec.azureEventsHub`, `spec.azureServiceBus` and `spec.azureQueueStorage` (Argo's `AzureEventsHubEventSource`,
 * `AzureServiceBusEventSource`, `AzureQueueStorageEventSource`, §4.2).
 */
import { z } from "zod";
import { isSet, requiredText, secretKeySelector, sourceFilter, stringMap, tlsConfig, withRules } from "./shared.ts";

/** One `azureEventsHub` event. Without the shared access key pair Argo uses Azure AD (DefaultAzureCredential). */
export const azureEventsHubEvent = withRules(
  z.strictObject({
    fqdn: requiredText(),
    sharedAccessKeyName: secretKeySelector.optional(),
    sharedAccessKey: secretKeySelector.optional(),
    hubName: requiredText(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => {
    if (isSet(event.sharedAccessKey) !== isSet(event.sharedAccessKeyName)) {
      report(
        "set both sharedAccessKeyName and sharedAccessKey, or neither",
        isSet(event.sharedAccessKey) ? "sharedAccessKeyName" : "sharedAccessKey",
      );
    }
  },
);

/** One `azureServiceBus` event: a queue, or a topic and its subscription. */
export const azureServiceBusEvent = withRules(
  z.strictObject({
    connectionString: secretKeySelector.optional(),
    queueName: z.string().optional(),
    topicName: z.string().optional(),
    subscriptionName: z.string().optional(),
    tls: tlsConfig.optional(),
    jsonBody: z.boolean().optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
    fullyQualifiedNamespace: z.string().optional(),
    deferDelete: z.boolean().optional(),
  }),
  (event, report) => {
    if (!isSet(event.connectionString) && !isSet(event.fullyQualifiedNamespace))
      report("needs connectionString or fullyQualifiedNamespace");
    const queue = isSet(event.queueName);
    const topic = isSet(event.topicName);
    const subscription = isSet(event.subscriptionName);
    if (queue && (topic || subscription))
      report("set queueName, or topicName with subscriptionName, not both", "queueName");
    else if (!queue && !topic && !subscription) report("needs queueName, or topicName with subscriptionName");
    else if (!queue && topic !== subscription)
      report("topicName and subscriptionName go together", topic ? "subscriptionName" : "topicName");
  },
);

/** One `azureQueueStorage` event. */
export const azureQueueStorageEvent = withRules(
  z.strictObject({
    storageAccountName: z.string().optional(),
    connectionString: secretKeySelector.optional(),
    queueName: requiredText(),
    jsonBody: z.boolean().optional(),
    dlq: z.boolean().optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
    decodeMessage: z.boolean().optional(),
    waitTimeInSeconds: z.number().int().nonnegative().optional(),
  }),
  (event, report) => {
    if (!isSet(event.connectionString) && !isSet(event.storageAccountName))
      report("needs connectionString or storageAccountName");
  },
);
