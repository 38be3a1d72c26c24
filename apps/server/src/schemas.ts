/**
 * zod schemas of the API's inputs and outputs, shared by tRPC procedures, REST routes and the OpenAPI document.
 */
import { z } from "zod";

export const namespaceName = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase name");
export const resourceKind = z.enum(["EventBus", "EventSource", "Sensor", "Secret", "ConfigMap"]);

export const condition = z.object({
  type: z.string(),
  status: z.enum(["True", "False", "Unknown"]),
  lastTransitionTime: z.string(),
  reason: z.string().optional(),
  message: z.string().optional(),
});

export const resourceStatus = z.object({ summary: z.enum(["Ready", "Pending", "Failed"]), conditions: z.array(condition) });

export const resourceItem = z.object({
  kind: resourceKind,
  namespace: z.string(),
  name: z.string(),
  resourceVersion: z.number().int(),
  paused: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  status: resourceStatus,
  manifest: z.record(z.string(), z.unknown()),
});
export type ResourceItem = z.infer<typeof resourceItem>;

export const fieldIssue = z.object({ path: z.string(), message: z.string() });

export const applyInput = z.object({
  /** YAML or JSON text: one document, several, or a List. */
  manifests: z.string().min(1).max(4 * 1024 * 1024),
});

export const applyOutput = z.object({
  applied: z.array(
    z.object({
      apiVersion: z.string(),
      kind: resourceKind,
      namespace: z.string(),
      name: z.string(),
      action: z.enum(["created", "updated", "unchanged"]),
    }),
  ),
  warnings: z.array(fieldIssue.extend({ resource: z.string() })),
});

export const resourceRef = z.object({ kind: resourceKind, namespace: namespaceName.default("default"), name: z.string().min(1) });

export const eventItem = z.object({
  specversion: z.string(),
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string(),
  datacontenttype: z.string(),
  time: z.string(),
  data_base64: z.string(),
  data: z.unknown(),
  namespace: z.string(),
  extensions: z.record(z.string(), z.string()),
  headers: z.record(z.string(), z.string()),
  replayof: z.string().optional(),
  size: z.number().int(),
  receivedAt: z.string(),
});

export const eventListInput = z.object({
  namespace: namespaceName.optional(),
  source: z.string().optional(),
  subject: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().optional(),
});

export const eventListOutput = z.object({ items: z.array(eventItem), nextCursor: z.string().nullable() });

export const runItem = z.object({
  runId: z.string(),
  namespace: z.string(),
  sensor: z.string(),
  trigger: z.string(),
  status: z.enum(["running", "succeeded", "failed", "interrupted"]),
  atLeastOnce: z.boolean(),
  events: z.record(z.string(), z.string()),
  attempts: z.array(z.record(z.string(), z.unknown())),
  dlq: z.record(z.string(), z.unknown()).optional(),
  request: z.record(z.string(), z.unknown()).nullable(),
  error: z.string().nullable(),
  replayOf: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type RunItem = z.infer<typeof runItem>;

export const eventDetail = z.object({
  event: eventItem,
  explains: z.array(z.record(z.string(), z.unknown())),
  runs: z.array(runItem),
});

export const injectInput = z.object({
  namespace: namespaceName.default("default"),
  source: z.string().min(1),
  subject: z.string().min(1),
  type: z.string().min(1).default("webhook"),
  data: z.unknown(),
});

export const publishOutput = z.object({ id: z.string(), outcome: z.enum(["published", "filtered", "overloaded", "failed"]) });
