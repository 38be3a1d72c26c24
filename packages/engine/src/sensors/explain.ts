/**
 * The explain record: why an event did or did not fire a trigger. Versioned, validated with zod, shared by the
 * engine (producer), the API (storage, responses) and the console (rendering).
 */
import { z } from "zod";

/** One filter's verdict on an event. */
export const filterVerdict = z.object({
  kind: z.enum(["data", "exprs", "context", "time", "script"]),
  /** Where in the sensor spec: `spec.dependencies[0].filters.data[1]`. */
  path: z.string(),
  /** The value the filter looked at (gjson result text, context field, time…). */
  value: z.string().optional(),
  pass: z.boolean(),
  reason: z.string(),
});
export type FilterVerdict = z.infer<typeof filterVerdict>;

/** Explain record, version 1. */
export const explainRecordV1 = z.object({
  version: z.literal(1),
  eventId: z.string(),
  namespace: z.string(),
  sensor: z.string(),
  trigger: z.string(),
  dependency: z.string(),
  at: z.number(),
  outcome: z.enum(["fired", "held", "filtered", "error", "duplicate"]),
  transform: z
    .object({ kind: z.enum(["jq", "script"]), ok: z.boolean(), output: z.string().optional(), error: z.string().optional() })
    .optional(),
  filters: z.array(filterVerdict),
  filtersOperator: z.enum(["and", "or"]),
  join: z
    .object({
      expression: z.string(),
      /** Dependencies holding an event after this one was processed (before a firing cleared them). */
      held: z.array(z.object({ dependency: z.string(), eventId: z.string(), since: z.number() })),
      satisfied: z.boolean(),
    })
    .optional(),
  runId: z.string().optional(),
  error: z.string().optional(),
});
export type ExplainRecord = z.infer<typeof explainRecordV1>;

/** Any explain record version (one so far). */
export const explainRecord = explainRecordV1;
