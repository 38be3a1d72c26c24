/**
 * Trigger parameters (§7.1), shared by every trigger type's schema: `trigger.parameters`, `<type>.parameters`,
 * `<type>.payload`, the HTTP trigger's `dynamicHeaders`. Here rather than in `trigger.ts` so the per-type schemas in
 * this folder can use them without an import cycle; `trigger.ts` re-exports them.
 */
import { z } from "zod";

/** Where a parameter's value comes from (§7.1). */
export const triggerParameterSource = z.strictObject({
  dependencyName: z.string().min(1),
  contextKey: z.string().optional(),
  contextTemplate: z.string().optional(),
  dataKey: z.string().optional(),
  dataTemplate: z.string().optional(),
  value: z.string().optional(),
  useRawData: z.boolean().optional(),
});
export type TriggerParameterSource = z.infer<typeof triggerParameterSource>;

/** One parameter: a source, a destination path, an operation. */
export const triggerParameter = z.strictObject({
  src: triggerParameterSource,
  dest: z.string(),
  operation: z.enum(["", "overwrite", "append", "prepend"]).optional(),
});
export type TriggerParameter = z.infer<typeof triggerParameter>;

/** A payload parameter: like a parameter, `dest` may be omitted or empty (§7.1, since #3713). */
export const payloadParameter = triggerParameter.extend({ dest: z.string().optional() });
export type PayloadParameter = z.infer<typeof payloadParameter>;
