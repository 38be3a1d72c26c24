/**
 * `spec.generic`: a gRPC server that streams events (`Eventing.StartEventSource`; Argo's `GenericEventSource`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector, sourceFilter, stringMap } from "./shared.ts";

/** One `generic` event. `config` is an opaque string handed to the server. */
export const genericEvent = z.strictObject({
  url: requiredText(),
  config: requiredText(),
  insecure: z.boolean().optional(),
  jsonBody: z.boolean().optional(),
  metadata: stringMap.optional(),
  authSecret: secretKeySelector.optional(),
  filter: sourceFilter.optional(),
});
