/**
 * `spec.mns`: an Alibaba Cloud MNS queue (Argo's `MNSEventSource`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector, sourceFilter } from "./shared.ts";

/** One `mns` event. Argo's type has no `metadata`. */
export const mnsEvent = z.strictObject({
  accessKey: secretKeySelector.optional(),
  secretKey: secretKeySelector.optional(),
  queue: requiredText(),
  jsonBody: z.boolean().optional(),
  endpoint: requiredText(),
  filter: sourceFilter.optional(),
});
