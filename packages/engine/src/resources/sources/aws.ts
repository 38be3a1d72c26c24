/**
 * `spec.sqs` (long-polling a queue) and `spec.sns` (an HTTP endpoint subscribed to a topic): Argo's `SQSEventSource`
 * and `SNSEventSource` (§4.2).
 */
import { z } from "zod";
import { requiredText, secretKeySelector, sourceFilter, stringMap, webhookContext } from "./shared.ts";

/** One `sqs` event. */
export const sqsEvent = z.strictObject({
  accessKey: secretKeySelector.optional(),
  secretKey: secretKeySelector.optional(),
  region: requiredText(),
  queue: requiredText(),
  waitTimeSeconds: z.number().int().nonnegative().optional(),
  roleARN: z.string().optional(),
  jsonBody: z.boolean().optional(),
  queueAccountId: z.string().optional(),
  metadata: stringMap.optional(),
  dlq: z.boolean().optional(),
  filter: sourceFilter.optional(),
  endpoint: z.string().optional(),
  sessionToken: secretKeySelector.optional(),
});

/** One `sns` event: `webhook` is the HTTP endpoint SNS posts to. */
export const snsEvent = z.strictObject({
  webhook: webhookContext,
  topicArn: requiredText(),
  accessKey: secretKeySelector.optional(),
  secretKey: secretKeySelector.optional(),
  region: requiredText(),
  roleARN: z.string().optional(),
  metadata: stringMap.optional(),
  validateSignature: z.boolean().optional(),
  filter: sourceFilter.optional(),
  endpoint: z.string().optional(),
});
