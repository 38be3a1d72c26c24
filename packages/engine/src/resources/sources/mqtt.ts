/**
 * `spec.mqtt`: an MQTT topic subscription (Argo's `MQTTEventSource`, §4.2).
 */
import { z } from "zod";
import { backoff, completeBasicAuth, requiredText, sourceFilter, stringMap, tlsConfig } from "./shared.ts";

/** One `mqtt` event. */
export const mqttEvent = z.strictObject({
  url: requiredText(),
  topic: requiredText(),
  clientId: requiredText(),
  connectionBackoff: backoff.optional(),
  jsonBody: z.boolean().optional(),
  tls: tlsConfig.optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
  auth: completeBasicAuth.optional(),
});
