/**
 * `spec.nsq`: an NSQ topic/channel consumer (Argo's `NSQEventSource`, §4.2).
 */
import { z } from "zod";
import { backoff, requiredText, sourceFilter, stringMap, tlsConfig } from "./shared.ts";

/** One `nsq` event. */
export const nsqEvent = z.strictObject({
  hostAddress: requiredText(),
  topic: requiredText(),
  channel: requiredText(),
  connectionBackoff: backoff.optional(),
  jsonBody: z.boolean().optional(),
  tls: tlsConfig.optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
});
