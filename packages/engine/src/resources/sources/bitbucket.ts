/**
 * `spec.bitbucket` (Bitbucket Cloud) and `spec.bitbucketserver` (Bitbucket Server / Data Center): Argo's
 * `BitbucketEventSource` and `BitbucketServerEventSource` (§4.2).
 */
import { z } from "zod";
import {
  goDuration,
  isSet,
  requiredText,
  secretKeySelector,
  sourceFilter,
  stringMap,
  tlsConfig,
  webhookContext,
  withRules,
} from "./shared.ts";

const bitbucketAuth = withRules(
  z.strictObject({
    basic: z.strictObject({ username: secretKeySelector, password: secretKeySelector }).optional(),
    oauthToken: secretKeySelector.optional(),
  }),
  (auth, report) => {
    if (!isSet(auth.basic) && !isSet(auth.oauthToken)) report("needs basic or oauthToken");
  },
);

const bitbucketRepository = z.strictObject({ owner: requiredText(), repositorySlug: requiredText() });

/**
 * One `bitbucket` event: `repositories` (or the deprecated `owner` + `repositorySlug`). `auth` is required: Argo
 * dereferences it unconditionally. `projectKey` is deprecated and unused.
 */
export const bitbucketEvent = withRules(
  z.strictObject({
    deleteHookOnFinish: z.boolean().optional(),
    metadata: stringMap.optional(),
    webhook: webhookContext,
    auth: bitbucketAuth,
    events: z.array(z.string().min(1)).optional(),
    owner: z.string().optional(),
    projectKey: z.string().optional(),
    repositorySlug: z.string().optional(),
    repositories: z.array(bitbucketRepository).optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => {
    const repositories =
      (Array.isArray(event.repositories) && event.repositories.length > 0) ||
      (isSet(event.owner) && isSet(event.repositorySlug));
    if (!repositories) report("needs at least one repository (repositories, or owner and repositorySlug)");
    if (
      isSet((event.webhook as { url?: unknown } | undefined)?.url) &&
      !(Array.isArray(event.events) && event.events.length > 0)
    ) {
      report("is required to create the webhook (webhook.url is set)", "events");
    }
  },
);

const bitbucketServerRepository = z.strictObject({ projectKey: requiredText(), repositorySlug: requiredText() });

/**
 * One `bitbucketserver` event. `projectKey` + `repositorySlug` are deprecated in Argo (use `repositories`) but
 * still read.
 */
export const bitbucketServerEvent = withRules(
  z.strictObject({
    webhook: webhookContext,
    projectKey: z.string().optional(),
    repositorySlug: z.string().optional(),
    projects: z.array(z.string().min(1)).optional(),
    repositories: z.array(bitbucketServerRepository).optional(),
    events: z.array(z.string().min(1)).optional(),
    skipBranchRefsChangedOnOpenPR: z.boolean().optional(),
    oneEventPerChange: z.boolean().optional(),
    accessToken: secretKeySelector.optional(),
    webhookSecret: secretKeySelector.optional(),
    bitbucketserverBaseURL: requiredText(),
    deleteHookOnFinish: z.boolean().optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
    tls: tlsConfig.optional(),
    checkInterval: goDuration.optional(),
  }),
  (event, report) => {
    const targets =
      (Array.isArray(event.repositories) && event.repositories.length > 0) ||
      (Array.isArray(event.projects) && event.projects.length > 0) ||
      (isSet(event.projectKey) && isSet(event.repositorySlug));
    const managesHooks =
      isSet(event.accessToken) && isSet((event.webhook as { url?: unknown } | undefined)?.url) && targets;
    if (managesHooks && !(Array.isArray(event.events) && event.events.length > 0)) {
      report("is required to create the webhook (accessToken with webhook.url)", "events");
    }
  },
);
