/**
 * `spec.gitlab`: GitLab project or group webhooks, managed through the API (Argo's `GitlabEventSource`, §4.2).
 */
import { z } from "zod";
import { requiredText, secretKeySelector, sourceFilter, stringMap, webhookContext } from "./shared.ts";

/** One `gitlab` event. `projectID` is deprecated in Argo (use `projects`) but still read. */
export const gitlabEvent = z.strictObject({
  webhook: webhookContext,
  projectID: z.string().optional(),
  events: z.array(z.string().min(1)),
  accessToken: secretKeySelector,
  enableSSLVerification: z.boolean().optional(),
  gitlabBaseURL: requiredText(),
  deleteHookOnFinish: z.boolean().optional(),
  metadata: stringMap.optional(),
  projects: z.array(z.string().min(1)).optional(),
  secretToken: secretKeySelector.optional(),
  filter: sourceFilter.optional(),
  groups: z.array(z.string().min(1)).optional(),
});
