/**
 * `template.custom`: a user gRPC server implementing `triggers.Trigger` (Argo's `CustomTrigger`).
 */
import { z } from "zod";
import { requiredText, secretKeySelector, stringMap, withRules } from "../sources/shared.ts";
import { payloadParameter, triggerParameter } from "./parameters.ts";

/** `template.custom`. `spec` is handed to the server as is; `certSecret` is required for a `secure` connection. */
export const customTrigger = withRules(
  z.strictObject({
    serverURL: requiredText(),
    secure: z.boolean().optional(),
    certSecret: secretKeySelector.optional(),
    serverNameOverride: z.string().optional(),
    spec: stringMap,
    parameters: z.array(triggerParameter).optional(),
    payload: z.array(payloadParameter).optional(),
  }),
  (trigger, report) => {
    if (trigger.secure === true && trigger.certSecret === undefined)
      report("is required with secure: true", "certSecret");
  },
);
