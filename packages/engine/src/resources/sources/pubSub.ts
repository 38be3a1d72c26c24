/**
 * `spec.pubSub`: a GCP Pub/Sub subscription (Argo's `PubSubEventSource`, §4.2).
 */
import { z } from "zod";
import { isSet, secretKeySelector, sourceFilter, stringMap, withRules } from "./shared.ts";

/** One `pubSub` event: an existing `subscriptionID`, or a `topic` to subscribe to. */
export const pubSubEvent = withRules(
  z.strictObject({
    projectID: z.string().optional(),
    topicProjectID: z.string().optional(),
    topic: z.string().optional(),
    subscriptionID: z.string().optional(),
    credentialSecret: secretKeySelector.optional(),
    deleteSubscriptionOnFinish: z.boolean().optional(),
    jsonBody: z.boolean().optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => {
    if (isSet(event.topicProjectID) && !isSet(event.topic)) report("needs topic", "topicProjectID");
    if (!isSet(event.topic) && !isSet(event.subscriptionID)) report("needs topic or subscriptionID");
  },
);
