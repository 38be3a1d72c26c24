/**
 * Schema of `template.nats` (Argo's `NATSTrigger`, §6.2): publish the payload on a subject with core NATS. Argo's
 * checks (`url`, `subject`, `payload` required) plus a subject NATS accepts for publishing. Pure.
 */
import { z } from "zod";
import { payloadParameter, triggerParameter } from "../../resources/trigger.ts";
import { clientTlsConfig, natsAuth, natsSubject } from "../../sources/nats/schema.ts";

/** `template.nats`. `parameters` rewrite this object (dest relative to it) before each publish. */
export const natsTriggerSpec = z.strictObject({
  url: z.string().min(1, "nats server url can't be empty"),
  subject: natsSubject("nats subject can't be empty", { wildcards: false }),
  // Lazy: `resources/trigger.ts` imports this schema, so its parameter schemas are not defined yet at load time.
  payload: z.array(
    z.lazy(() => payloadParameter),
    { message: "payload is required (it may be an empty list)" },
  ),
  parameters: z.array(z.lazy(() => triggerParameter)).optional(),
  tls: clientTlsConfig.optional(),
  auth: natsAuth.optional(),
});
export type NatsTriggerSpec = z.infer<typeof natsTriggerSpec>;
