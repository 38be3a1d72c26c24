/**
 * `spec.pulsar`: Apache Pulsar topics (Argo's `PulsarEventSource`, §4.2).
 */
import { z } from "zod";
import { backoff, requiredText, secretKeySelector, sourceFilter, stringMap, tlsConfig } from "./shared.ts";

/** One `pulsar` event. Argo's validation requires `type` (the Go comment's "defaults to exclusive" is not applied). */
export const pulsarEvent = z.strictObject({
  topics: z.array(z.string().min(1)),
  type: z.enum(["exclusive", "shared"]),
  url: requiredText(),
  tlsTrustCertsSecret: secretKeySelector.optional(),
  tlsAllowInsecureConnection: z.boolean().optional(),
  tlsValidateHostname: z.boolean().optional(),
  tls: tlsConfig.optional(),
  connectionBackoff: backoff.optional(),
  jsonBody: z.boolean().optional(),
  metadata: stringMap.optional(),
  authTokenSecret: secretKeySelector.optional(),
  filter: sourceFilter.optional(),
  authAthenzParams: stringMap.optional(),
  authAthenzSecret: secretKeySelector.optional(),
});
