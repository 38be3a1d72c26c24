/**
 * `spec.stripe`: Stripe webhooks, optionally registered through the API (Argo's `StripeEventSource`, §4.2).
 */
import { z } from "zod";
import { secretKeySelector, stringMap, webhookContext, withRules } from "./shared.ts";

/** One `stripe` event. Argo's type has no `filter`; `apiKey` is required with `createWebhook`. */
export const stripeEvent = withRules(
  z.strictObject({
    webhook: webhookContext,
    createWebhook: z.boolean().optional(),
    apiKey: secretKeySelector.optional(),
    eventFilter: z.array(z.string().min(1)).optional(),
    metadata: stringMap.optional(),
  }),
  (event, report) => {
    if (event.createWebhook === true && event.apiKey === undefined)
      report("is required with createWebhook: true", "apiKey");
  },
);
