/**
 * `template.slack`: post a message to a channel or thread (Argo's `SlackTrigger`).
 */
import { z } from "zod";
import { secretKeySelector } from "../sources/shared.ts";
import { triggerParameter } from "./parameters.ts";

/** `template.slack`. `attachments` and `blocks` are JSON arrays written as strings, as Slack's API takes them. */
export const slackTrigger = z.strictObject({
  parameters: z.array(triggerParameter).optional(),
  slackToken: secretKeySelector,
  channel: z.string().optional(),
  message: z.string().optional(),
  attachments: z.string().optional(),
  blocks: z.string().optional(),
  thread: z
    .strictObject({ messageAggregationKey: z.string().optional(), broadcastMessageToChannel: z.boolean().optional() })
    .optional(),
  sender: z.strictObject({ username: z.string().optional(), icon: z.string().optional() }).optional(),
});
