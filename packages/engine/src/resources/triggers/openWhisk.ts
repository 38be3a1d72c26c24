/**
 * `template.openWhisk`: invoke an Apache OpenWhisk action (Argo's `OpenWhiskTrigger`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector } from "../sources/shared.ts";
import { triggerParameter } from "./parameters.ts";

/** `template.openWhisk`. `version` defaults to `v1`, `namespace` to `_`. */
export const openWhiskTrigger = z.strictObject({
  host: requiredText(),
  version: z.string().optional(),
  namespace: z.string().optional(),
  authToken: secretKeySelector.optional(),
  actionName: requiredText(),
  payload: z.array(triggerParameter),
  parameters: z.array(triggerParameter).optional(),
});
