/**
 * `spec.emitter`: an emitter.io channel (Argo's `EmitterEventSource`, §4.2).
 */
import { z } from "zod";
import { backoff, requiredText, secretKeySelector, sourceFilter, stringMap, tlsConfig } from "./shared.ts";

/** One `emitter` event. */
export const emitterEvent = z.strictObject({
  broker: requiredText(),
  channelKey: requiredText(),
  channelName: requiredText(),
  username: secretKeySelector.optional(),
  password: secretKeySelector.optional(),
  connectionBackoff: backoff.optional(),
  jsonBody: z.boolean().optional(),
  tls: tlsConfig.optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
});
