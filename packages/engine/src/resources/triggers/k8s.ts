/**
 * `template.k8s`: create, update, patch or delete a Kubernetes object (Argo's `StandardK8STrigger`, §6.2).
 */
import { z } from "zod";
import { artifactLocation } from "./artifact.ts";
import { triggerParameter } from "./parameters.ts";

/** `template.k8s`. */
export const k8sTrigger = z.strictObject({
  source: artifactLocation,
  operation: z.enum(["", "create", "update", "patch", "delete"]).optional(),
  parameters: z.array(triggerParameter).optional(),
  patchStrategy: z
    .enum([
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/strategic-merge-patch+json",
      "application/apply-patch+yaml",
    ])
    .optional(),
  liveObject: z.boolean().optional(),
});
