/**
 * `Sensor` (argoproj.io/v1alpha1): dependencies on events, filters, transforms and triggers (§1.5, §5).
 */
import { z } from "zod";
import { eventName, kubernetesOnly, objectMeta, resourceName } from "./common.ts";
import { trigger } from "./trigger.ts";
import { podTemplate } from "./sources/kubernetes.ts";

const logicalOperator = z.enum(["", "and", "or"]);

const dataFilter = z.strictObject({
  path: z.string().min(1),
  type: z.string().min(1),
  value: z.array(z.string()).min(1, "needs at least one value"),
  comparator: z.string().optional(),
  template: z.string().optional(),
});

const exprFilter = z.strictObject({
  expr: z.string().min(1),
  fields: z.array(z.strictObject({ name: z.string().min(1), path: z.string().min(1) })).optional(),
});

const contextFilter = z
  .strictObject({
    id: z.string().optional(),
    source: z.string().optional(),
    specversion: z.string().optional(),
    type: z.string().optional(),
    datacontenttype: z.string().optional(),
    subject: z.string().optional(),
    time: z.string().optional(),
  })
  .refine((value) => Object.values(value).some((field) => field !== undefined && field !== ""), {
    message: "needs at least one of type, subject, source, datacontenttype",
  });

const clockTime = z.string().regex(/^\d{2}:\d{2}:\d{2}$/, "must be HH:MM:SS");

/** `dependencies[].filters` (§5.4). */
export const dependencyFilters = z.strictObject({
  time: z.strictObject({ start: clockTime, stop: clockTime, timezone: z.string().optional() }).optional(),
  context: contextFilter.optional(),
  data: z.array(dataFilter).optional(),
  exprs: z.array(exprFilter).optional(),
  dataLogicalOperator: logicalOperator.optional(),
  exprLogicalOperator: logicalOperator.optional(),
  script: z.string().optional(),
});
export type DependencyFilters = z.infer<typeof dependencyFilters>;

/** One dependency of a sensor. */
export const dependency = z.strictObject({
  name: eventName,
  eventSourceName: resourceName,
  eventName,
  filters: dependencyFilters.optional(),
  filtersLogicalOperator: logicalOperator.optional(),
  transform: z.strictObject({ jq: z.string().optional(), script: z.string().optional() }).optional(),
});
export type Dependency = z.infer<typeof dependency>;

/** `Sensor.spec`. */
export const sensorSpec = z.strictObject({
  dependencies: z.array(dependency).min(1, "needs at least one dependency"),
  triggers: z.array(trigger).min(1, "needs at least one trigger"),
  eventBusName: resourceName.optional(),
  loggingFields: z.record(z.string(), z.string()).optional(),
  errorOnFailedRound: z.boolean().optional(),
  template: podTemplate.optional(),
  replicas: z.number().int().optional(),
  revisionHistoryLimit: z.number().int().nonnegative().optional(),
});
export type SensorSpec = z.infer<typeof sensorSpec>;

/** A whole Sensor document. */
export const sensorResource = z.strictObject({
  apiVersion: z.literal("argoproj.io/v1alpha1"),
  kind: z.literal("Sensor"),
  metadata: objectMeta,
  spec: sensorSpec,
  status: kubernetesOnly,
});
export type SensorResource = z.infer<typeof sensorResource>;
