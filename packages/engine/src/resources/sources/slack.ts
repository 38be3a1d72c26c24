/**
 * `spec.slack`: the Slack Events API and interactions, verified with the signing secret (Argo's `SlackEventSource`).
 */
import { z } from "zod";
import { secretKeySelector, sourceFilter, stringMap, webhookContext } from "./shared.ts";

/** One `slack` event. */
export const slackEvent = z.strictObject({
  signingSecret: secretKeySelector,
  token: secretKeySelector,
  webhook: webhookContext,
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
});
