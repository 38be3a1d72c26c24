/**
 * `spec.gerrit`: the Gerrit webhooks plugin, hooks created through the REST API (Argo's `GerritEventSource`, §4.2).
 */
import { z } from "zod";
import { basicAuth, requiredText, sourceFilter, stringMap, webhookContext } from "./shared.ts";

/** One `gerrit` event. */
export const gerritEvent = z.strictObject({
  webhook: webhookContext,
  hookName: z.string().optional(),
  events: z.array(z.string().min(1)),
  auth: basicAuth,
  gerritBaseURL: requiredText(),
  deleteHookOnFinish: z.boolean().optional(),
  metadata: stringMap.optional(),
  projects: z.array(z.string().min(1)).min(1, "needs at least one project"),
  sslVerify: z.boolean().optional(),
  filter: sourceFilter.optional(),
  maxTries: z.number().int().nonnegative().optional(),
});
