/**
 * `spec.resource`: a Kubernetes informer on any group/version/resource (Argo's `ResourceEventSource`, §4.2).
 */
import { z } from "zod";
import { requiredText, stringMap } from "./shared.ts";

/** Kubernetes label/field selector operators (`k8s.io/apimachinery` `selection.Operator`). */
const selectorOperation = z.enum(["", "=", "==", "!=", "in", "notin", "exists", "!", "gt", "lt"]);

/** Argo's `Selector`: `key`, `operation` (default `==`), `value` (comma-separated for `in`/`notin`). */
const selector = z.strictObject({
  key: requiredText(),
  operation: selectorOperation.optional(),
  value: z.string(),
});

/** Argo's `ResourceFilter`. `createdBy` is a `metav1.Time` (RFC 3339). */
const resourceFilter = z.strictObject({
  prefix: z.string().optional(),
  labels: z.array(selector).optional(),
  fields: z.array(selector).optional(),
  createdBy: z.iso.datetime({ offset: true }).optional(),
  afterStart: z.boolean().optional(),
});

/** One `resource` event: the inline `GroupVersionResource`, the namespace ("" = all) and the event types to watch. */
export const resourceEvent = z.strictObject({
  namespace: z.string().optional(),
  filter: resourceFilter.optional(),
  group: z.string().optional(),
  version: requiredText(),
  resource: requiredText(),
  eventTypes: z.array(z.enum(["ADD", "UPDATE", "DELETE"])),
  metadata: stringMap.optional(),
});
