/**
 * `spec.github`: GitHub webhooks, optionally managed through the API (Argo's `GithubEventSource`, §4.2).
 */
import { z } from "zod";
import {
  githubAppCreds,
  isSet,
  secretKeySelector,
  sourceFilter,
  stringMap,
  webhookContext,
  withRules,
} from "./shared.ts";

const ownedRepositories = z.strictObject({
  owner: z.string().min(1),
  names: z.array(z.string().min(1)).min(1),
});

/**
 * One `github` event: `repositories` (or the deprecated `owner` + `repository`) or `organizations`, not both.
 * `id`, `owner` and `repository` are deprecated in Argo but still read.
 */
export const githubEvent = withRules(
  z.strictObject({
    id: z.number().int().optional(),
    webhook: webhookContext,
    owner: z.string().optional(),
    repository: z.string().optional(),
    events: z.array(z.string().min(1)).optional(),
    apiToken: secretKeySelector.optional(),
    webhookSecret: secretKeySelector.optional(),
    insecure: z.boolean().optional(),
    active: z.boolean().optional(),
    contentType: z.enum(["", "json", "form"]).optional(),
    githubBaseURL: z.string().optional(),
    githubUploadURL: z.string().optional(),
    deleteHookOnFinish: z.boolean().optional(),
    metadata: stringMap.optional(),
    repositories: z.array(ownedRepositories).optional(),
    organizations: z.array(z.string().min(1)).optional(),
    githubApp: githubAppCreds.optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => {
    const repositories =
      (Array.isArray(event.repositories) && event.repositories.length > 0) ||
      (isSet(event.owner) && isSet(event.repository));
    const organizations = event.organizations !== undefined && event.organizations !== null;
    if (!repositories && !organizations) report("needs repositories or organizations");
    if (repositories && organizations) report("set only one of repositories, organizations", "organizations");
    const managesHooks =
      (isSet(event.apiToken) || isSet(event.githubApp)) && isSet((event.webhook as { url?: unknown } | undefined)?.url);
    if (managesHooks && !(Array.isArray(event.events) && event.events.length > 0)) {
      report("is required to create the webhook (apiToken or githubApp with webhook.url)", "events");
    }
    if (isSet(event.githubBaseURL) !== isSet(event.githubUploadURL)) {
      report(
        "githubBaseURL and githubUploadURL go together",
        isSet(event.githubBaseURL) ? "githubUploadURL" : "githubBaseURL",
      );
    }
  },
);
