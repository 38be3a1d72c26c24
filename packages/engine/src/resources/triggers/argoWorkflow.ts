/**
 * `template.argoWorkflow`: an `argo` CLI operation on a Workflow (Argo's `ArgoWorkflowTrigger`, §6.2).
 */
import { z } from "zod";
import { artifactLocation } from "./artifact.ts";
import { triggerParameter } from "./parameters.ts";

/** `template.argoWorkflow`. Argo's validation requires `operation` (its docs' default `submit` is not applied). */
export const argoWorkflowTrigger = z.strictObject({
  source: artifactLocation,
  operation: z.enum(["submit", "submit-from", "resubmit", "retry", "resume", "suspend", "terminate", "stop"]),
  parameters: z.array(triggerParameter).optional(),
  args: z.array(z.string()).optional(),
});
