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

// ---- search, live stream, replays, dry-run, tokens, audit ----

/** RFC 3339 in UTC (`2026-11-27T10:00:00Z`, fractions allowed). */
export const rfc3339Utc = z.iso.datetime({ offset: false });

export const eventOutcome = z.enum(["fired", "filtered", "failed", "pending", "interrupted"]);

/** `path=value` on the decoded payload (`body.customer=ann`). */
export const matchExpression = z
  .string()
  .min(3)
  .max(1024)
  .regex(/^[A-Za-z0-9_\-@$:]+(\.[A-Za-z0-9_\-@$:]+)*=/, "must be path=value with a dotted path of letters, digits and _ - @ $ :");

const shortText = z.string().min(1).max(253);

/** The search filter shared by event search, counts, bulk replay and the live stream. */
export const eventFilter = z.object({
  namespace: namespaceName.optional(),
  source: shortText.optional(),
  subject: shortText.optional(),
  type: shortText.optional(),
  sensor: shortText.optional(),
  trigger: shortText.optional(),
  outcome: eventOutcome.optional(),
  from: rfc3339Utc.optional(),
  to: rfc3339Utc.optional(),
  /** One `path=value` or several (all must hold). */
  match: z.union([matchExpression, z.array(matchExpression).max(16)]).optional(),
  replayOf: shortText.optional(),
});
export type EventFilterInput = z.infer<typeof eventFilter>;

export const eventSearchInput = eventFilter.extend({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(200).optional(),
});

export const countOutput = z.object({ count: z.number().int() });

export const replayTarget = z.object({ sensor: shortText, trigger: shortText.optional() });

export const replayInput = z.object({
  id: z.string().min(1).max(253),
  namespace: namespaceName.optional(),
  /** Deliver to this sensor (and trigger) only, bypassing the bus; without it the event is republished. */
  sensor: shortText.optional(),
  trigger: shortText.optional(),
});

export const replayOutput = z.object({
  replayId: z.string(),
  /** With a sensor: the (trigger, dependency) pairs the replay was handed to. */
  targets: z.array(z.object({ trigger: z.string(), dependency: z.string() })).optional(),
});

export const injectToInput = injectInput.extend({ sensor: shortText.optional(), trigger: shortText.optional() });

export const replayJobStatus = z.enum(["pending", "running", "succeeded", "failed", "cancelled"]);

export const replayJob = z.object({
  id: z.string(),
  status: replayJobStatus,
  filter: z.record(z.string(), z.unknown()),
  target: replayTarget.nullable(),
  ratePerSecond: z.number().int(),
  total: z.number().int(),
  processed: z.number().int(),
  replayed: z.number().int(),
  failed: z.number().int(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const replayCreateInput = z.object({
  filter: eventFilter.default({}),
  target: replayTarget.optional(),
  /** Replays per second at most (live traffic has priority: the job slows down while events arrive). */
  ratePerSecond: z.coerce.number().int().min(1).max(1000).default(50),
});

export const liveInput = eventFilter.pick({ namespace: true, source: true, subject: true, type: true, sensor: true, trigger: true, match: true }).extend({
  /** What to stream (default both). */
  kinds: z.array(z.enum(["event", "run"])).min(1).max(2).optional(),
  /** Items buffered for this subscriber before newer ones are dropped (and counted in a `dropped` marker). */
  buffer: z.coerce.number().int().min(10).max(10_000).default(1000),
});

export const dryRunInput = z
  .object({
    namespace: namespaceName.default("default"),
    /** An applied sensor… */
    name: shortText.optional(),
    /** …or a draft: Sensor YAML/JSON text. */
    manifest: z.string().min(1).max(1024 * 1024).optional(),
    trigger: shortText.optional(),
    /** A sample event (as if `source` emitted `subject` with this payload)… */
    event: z
      .object({ source: shortText, subject: shortText, type: shortText.default("webhook"), data: z.unknown(), id: shortText.optional() })
      .optional(),
    /** …and/or stored events matching a filter (namespace defaults to the sensor's), oldest first. */
    events: eventFilter.extend({ limit: z.coerce.number().int().min(1).max(500).default(100) }).optional(),
  })
  .refine((input) => (input.name === undefined) !== (input.manifest === undefined), { message: "give either name (an applied sensor) or manifest (a draft)", path: ["name"] })
  .refine((input) => input.event !== undefined || input.events !== undefined, { message: "give a sample event or a filter of stored events", path: ["event"] });

export const dryRunOutput = z.object({
  sensor: z.string(),
  namespace: z.string(),
  events: z.number().int(),
  explains: z.array(z.record(z.string(), z.unknown())),
  firings: z.array(
    z.object({
      trigger: z.string(),
      events: z.record(z.string(), z.string()),
      firedBy: z.string(),
      request: z.record(z.string(), z.unknown()).optional(),
      error: z.string().optional(),
    }),
  ),
  triggerErrors: z.array(z.object({ trigger: z.string(), error: z.string() })),
  unmatched: z.array(z.string()),
});

export const revisionItem = z.object({
  resourceVersion: z.number().int(),
  action: z.enum(["created", "updated", "deleted"]),
  actor: z.string(),
  createdAt: z.string(),
  manifest: z.record(z.string(), z.unknown()),
});

export const validateOutput = z.object({
  valid: z.boolean(),
  applied: applyOutput.shape.applied,
  warnings: applyOutput.shape.warnings,
  errors: z.array(fieldIssue.extend({ code: z.string() })),
});

export const tokenRole = z.enum(["viewer", "editor", "admin"]);

export const tokenItem = z.object({
  id: z.string(),
  name: z.string(),
  role: tokenRole,
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const tokenCreateInput = z.object({
  name: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.@-]*$/, "letters, digits and _ . @ -"),
  role: tokenRole,
  /** Lifetime (`90s`, `12h`, `30d`); none: no expiry. */
  expiresIn: z.string().regex(/^\d{1,6}(s|m|h|d)$/, "a duration like 12h or 30d").optional(),
});

export const auditItem = z.object({ id: z.number().int(), actor: z.string(), action: z.string(), target: z.string(), detail: z.string().nullable(), at: z.string() });
