/**
 * `template.pulsar`: produce the payload on a Pulsar topic (Argo's `PulsarTrigger`).
 */
import { z } from "zod";
import { backoff, requiredText, secretKeySelector, stringMap, tlsConfig } from "../sources/shared.ts";
import { payloadParameter, triggerParameter } from "./parameters.ts";

/** `template.pulsar`. */
export const pulsarTrigger = z.strictObject({
  url: requiredText(),
  topic: requiredText(),
  parameters: z.array(triggerParameter).optional(),
  payload: z.array(payloadParameter),
  tlsTrustCertsSecret: secretKeySelector.optional(),
  tlsAllowInsecureConnection: z.boolean().optional(),
  tlsValidateHostname: z.boolean().optional(),
  tls: tlsConfig.optional(),
  authTokenSecret: secretKeySelector.optional(),
  connectionBackoff: backoff.optional(),
  authAthenzParams: stringMap.optional(),
  authAthenzSecret: secretKeySelector.optional(),
});
