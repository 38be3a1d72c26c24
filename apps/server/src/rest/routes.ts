/**
 * REST under `/api/v1`: each route calls a tRPC procedure in-process, so both APIs share validation, auth and
 * behaviour; the same table (with the procedures' zod schemas) feeds the OpenAPI document. Every procedure that is
 * not a subscription has a route here (a test checks it).
 */
import { z } from "zod";
import {
  applyOutput,
  auditItem,
  countOutput,
  dryRunInput,
  dryRunOutput,
  eventDetail,
  eventFilter,
  eventListOutput,
  eventSearchInput,
  injectToInput,
  namespaceName,
  publishOutput,
  replayCreateInput,
  replayJob,
  replayOutput,
  resourceItem,
  resourceKind,
  revisionItem,
  runItem,
  tokenCreateInput,
  tokenItem,
  validateOutput,
} from "../schemas.ts";
import { attachCreateInput, attachEventsOutput, attachInjectInput, attachmentDetail, attachmentItem, attachPublishOutput } from "../schemas/attach.ts";

/** What a REST request looks like to a route's input mapper. */
export interface RestRequest {
  params: Record<string, string>;
  query: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** One REST route. */
export interface RestRoute {
  method: "GET" | "POST" | "DELETE";
  /** Fastify path syntax (`:name`). */
  path: string;
  /** Dotted tRPC procedure path. */
  procedure: string;
  summary: string;
  input: (request: RestRequest) => unknown;
  /** Path parameters (documentation; the procedure validates). */
  params?: z.ZodObject;
  /** Query parameters (documentation; the procedure validates). */
  query?: z.ZodObject;
  /** JSON body (documentation; the procedure validates). `manifests`: YAML or JSON text. */
  body?: z.ZodType | "manifests";
  outputSchema?: z.ZodType;
  /** Success status (200 unless said). */
  status?: number;
  /** With `?format=yaml`, answer this string field of the result as YAML text. */
  yamlField?: string;
}

/** Plural path segments → resource kinds. */
export const plurals: Record<string, "EventBus" | "EventSource" | "Sensor" | "Secret" | "ConfigMap"> = {
  eventbuses: "EventBus",
  eventsources: "EventSource",
  sensors: "Sensor",
  secrets: "Secret",
  configmaps: "ConfigMap",
};

const plural = z.enum(["eventbuses", "eventsources", "sensors", "secrets", "configmaps"]);
const name = z.string().min(1).max(253);
const nsParams = z.object({ namespace: namespaceName });
const resourceParams = z.object({ namespace: namespaceName, plural, name });
const namedParams = z.object({ namespace: namespaceName, name });
const idParams = z.object({ id: name });

/** The body when it is a JSON object, else nothing (the procedure then reports what is missing). */
function objectBody(body: unknown): Record<string, unknown> {
  return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
}

const kindOf = (params: Record<string, string>) => plurals[params.plural ?? ""] ?? params.plural;
const refOf = ({ params }: RestRequest) => ({ namespace: params.namespace, kind: kindOf(params), name: params.name });
const namespaceQuery = ({ query }: RestRequest) => ({ namespace: query.namespace });
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

const resourceList = z.array(resourceItem);
const joinState = z.array(z.object({ trigger: z.string(), expression: z.string(), held: z.array(z.object({ dependency: z.string(), eventId: z.string(), since: z.number() })) }));

/** The route table. */
export const restRoutes: RestRoute[] = [
  // ---- definitions ----
  {
    method: "POST",
    path: "/api/v1/manifests",
    procedure: "manifests.applyDocuments",
    summary: "Apply manifests (YAML or JSON; one document, several, or a List). All or nothing.",
    input: ({ body }) => ({ manifests: typeof body === "string" ? body : JSON.stringify(body) }),
    body: "manifests",
    outputSchema: applyOutput,
  },
  {
    method: "POST",
    path: "/api/v1/manifests/validate",
    procedure: "manifests.validate",
    summary: "Dry-run an apply: every check apply makes, and what it would do per resource. Nothing is applied.",
    input: ({ body }) => ({ manifests: typeof body === "string" ? body : JSON.stringify(body) }),
    body: "manifests",
    outputSchema: validateOutput,
  },
  {
    method: "GET",
    path: "/api/v1/export",
    procedure: "manifests.export",
    summary: "Resources as multi-document YAML, ready to re-apply (Secret values redacted). `?format=yaml` answers the YAML itself.",
    input: ({ query }) => ({ namespace: first(query.namespace), kind: first(query.kind), name: first(query.name) }),
    query: z.object({ namespace: namespaceName.optional(), kind: resourceKind.optional(), name: name.optional(), format: z.enum(["json", "yaml"]).optional() }),
    outputSchema: z.object({ yaml: z.string(), count: z.number().int() }),
    yamlField: "yaml",
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural",
    procedure: "manifests.list",
    summary: "List resources of a kind in a namespace.",
    input: ({ params }) => ({ namespace: params.namespace, kind: kindOf(params) }),
    params: z.object({ namespace: namespaceName, plural }),
    outputSchema: resourceList,
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural/:name",
    procedure: "manifests.get",
    summary: "Get one resource with its status (`?format=yaml` for YAML).",
    input: refOf,
    params: resourceParams,
    query: z.object({ format: z.enum(["json", "yaml"]).optional() }),
    outputSchema: resourceItem,
  },
  {
    method: "DELETE",
    path: "/api/v1/namespaces/:namespace/:plural/:name",
    procedure: "manifests.delete",
    summary: "Delete one resource.",
    input: refOf,
    params: resourceParams,
    outputSchema: z.object({ deleted: z.literal(true) }),
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural/:name/revisions",
    procedure: "manifests.revisions",
    summary: "Every applied version of a resource, newest first (kept after a delete).",
    input: refOf,
    params: resourceParams,
    outputSchema: z.array(revisionItem),
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural/:name/diff",
    procedure: "manifests.diff",
    summary: "Unified diff of two revisions' YAML (`to` defaults to the newest).",
    input: (request) => ({ ...refOf(request), from: first(request.query.from), to: first(request.query.to) }),
    params: resourceParams,
    query: z.object({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1).optional() }),
    outputSchema: z.object({ from: z.number().int(), to: z.number().int(), diff: z.string() }),
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/:namespace/:plural/:name/rollback",
    procedure: "manifests.rollback",
    summary: "Apply an earlier revision again (a new revision; brings back a deleted resource).",
    input: (request) => ({ ...refOf(request), resourceVersion: objectBody(request.body).resourceVersion }),
    params: resourceParams,
    body: z.object({ resourceVersion: z.number().int().min(1) }),
    outputSchema: applyOutput,
  },
  // ---- kinds across namespaces ----
  {
    method: "GET",
    path: "/api/v1/eventbuses",
    procedure: "buses.list",
    summary: "EventBuses (all namespaces, or `?namespace=`).",
    input: namespaceQuery,
    query: z.object({ namespace: namespaceName.optional() }),
    outputSchema: resourceList,
  },
  {
    method: "GET",
    path: "/api/v1/eventbuses/:namespace/:name",
    procedure: "buses.byName",
    summary: "One EventBus with its status.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "GET",
    path: "/api/v1/buses/health",
    procedure: "buses.health",
    summary: "Health of each bus in use.",
    input: () => undefined,
  },
  {
    method: "GET",
    path: "/api/v1/buses/lag",
    procedure: "buses.lag",
    summary: "Messages each durable consumer has not acknowledged yet (buses that can tell).",
    input: () => undefined,
  },
  {
    method: "GET",
    path: "/api/v1/eventsources",
    procedure: "sources.list",
    summary: "EventSources (all namespaces, or `?namespace=`).",
    input: namespaceQuery,
    query: z.object({ namespace: namespaceName.optional() }),
    outputSchema: resourceList,
  },
  {
    method: "GET",
    path: "/api/v1/eventsources/:namespace/:name",
    procedure: "sources.byName",
    summary: "One EventSource with its status.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/:namespace/eventsources/:name/pause",
    procedure: "sources.pause",
    summary: "Pause an EventSource: its webhooks answer 503 + Retry-After and nothing is published until resumed.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/:namespace/eventsources/:name/resume",
    procedure: "sources.resume",
    summary: "Resume a paused EventSource.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "GET",
    path: "/api/v1/sensors",
    procedure: "sensors.list",
    summary: "Sensors (all namespaces, or `?namespace=`).",
    input: namespaceQuery,
    query: z.object({ namespace: namespaceName.optional() }),
    outputSchema: resourceList,
  },
  {
    method: "GET",
    path: "/api/v1/sensors/:namespace/:name",
    procedure: "sensors.byName",
    summary: "One Sensor with its status.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/sensors/:name/joinstate",
    procedure: "sensors.joinState",
    summary: "Events an AND-sensor holds now, per trigger.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: joinState,
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/:namespace/sensors/:name/pause",
    procedure: "sensors.pause",
    summary: "Pause a Sensor: it stops consuming; its bus positions and join state are kept, so nothing is lost.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "POST",
    path: "/api/v1/namespaces/:namespace/sensors/:name/resume",
    procedure: "sensors.resume",
    summary: "Resume a paused Sensor: it consumes what arrived meanwhile.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
    params: namedParams,
    outputSchema: resourceItem,
  },
  {
    method: "POST",
    path: "/api/v1/sensors/test",
    procedure: "sensors.test",
    summary: "Test a sensor (applied `name`, or draft `manifest`) on a sample `event` and/or stored `events`: explain records and the requests it would make. Sends nothing.",
    input: ({ body }) => body,
    body: dryRunInput,
    outputSchema: dryRunOutput,
  },
  // ---- events ----
  {
    method: "GET",
    path: "/api/v1/events",
    procedure: "events.list",
    summary: "Search stored events, newest first, with their payload decoded; cursor-paged.",
    input: ({ query }) => query,
    query: eventSearchInput,
    outputSchema: eventListOutput,
  },
  {
    method: "GET",
    path: "/api/v1/events/count",
    procedure: "events.count",
    summary: "How many stored events match the search filter.",
    input: ({ query }) => query,
    query: eventFilter,
    outputSchema: countOutput,
  },
  {
    method: "GET",
    path: "/api/v1/events/:id",
    procedure: "events.byId",
    summary: "One event with its explain records, trigger runs and replays.",
    input: ({ params, query }) => ({ id: params.id, ...(first(query.namespace) ? { namespace: first(query.namespace) } : {}) }),
    params: idParams,
    query: z.object({ namespace: namespaceName.optional() }),
    outputSchema: eventDetail.extend({ replays: z.array(z.object({ id: z.string(), receivedAt: z.string() })) }),
  },
  {
    method: "POST",
    path: "/api/v1/events/:id/replay",
    procedure: "events.replay",
    summary: "Replay an event: to the sensors it reached (a new CloudEvent with `replayof=<id>`), or with `sensor` (and `trigger`) straight to that one.",
    input: ({ params, query, body }) => ({
      ...objectBody(body),
      id: params.id,
      ...(first(query.namespace) ? { namespace: first(query.namespace) } : {}),
    }),
    params: idParams,
    query: z.object({ namespace: namespaceName.optional() }),
    body: z.object({ sensor: name.optional(), trigger: name.optional() }),
    outputSchema: replayOutput,
    status: 202,
  },
  {
    method: "POST",
    path: "/api/v1/events",
    procedure: "events.inject",
    summary: "Inject an event (namespace, source, subject, type, data) onto the bus, or with `sensor` (and `trigger`) into that one.",
    input: ({ body }) => body,
    body: injectToInput,
    outputSchema: publishOutput,
    status: 202,
  },
  // ---- runs ----
  {
    method: "GET",
    path: "/api/v1/runs",
    procedure: "runs.list",
    summary: "Trigger runs, newest first.",
    input: ({ query }) => query,
    query: z.object({
      namespace: namespaceName.optional(),
      sensor: name.optional(),
      trigger: name.optional(),
      status: z.enum(["running", "succeeded", "failed", "interrupted"]).optional(),
      replayOf: name.optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
    }),
    outputSchema: z.array(runItem),
  },
  {
    method: "GET",
    path: "/api/v1/runs/:runId",
    procedure: "runs.byId",
    summary: "One trigger run with its attempts.",
    input: ({ params }) => ({ runId: params.runId }),
    params: z.object({ runId: name }),
    outputSchema: runItem,
  },
  // ---- bulk replays ----
  {
    method: "GET",
    path: "/api/v1/replays/estimate",
    procedure: "replays.estimate",
    summary: "How many stored events a bulk replay with this filter would replay now.",
    input: ({ query }) => ({ filter: query }),
    query: eventFilter,
    outputSchema: countOutput,
  },
  {
    method: "POST",
    path: "/api/v1/replays",
    procedure: "replays.create",
    summary: "Start a bulk replay of every stored event matching `filter`, oldest first, at most `ratePerSecond` (yielding to live traffic); resumes after a restart.",
    input: ({ body }) => body,
    body: replayCreateInput,
    outputSchema: replayJob,
    status: 202,
  },
  {
    method: "GET",
    path: "/api/v1/replays",
    procedure: "replays.list",
    summary: "Bulk replays, newest first, with progress.",
    input: ({ query }) => ({ limit: first(query.limit) ?? 50 }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
    outputSchema: z.array(replayJob),
  },
  {
    method: "GET",
    path: "/api/v1/replays/:id",
    procedure: "replays.byId",
    summary: "One bulk replay with its progress.",
    input: ({ params }) => ({ id: params.id }),
    params: idParams,
    outputSchema: replayJob,
  },
  {
    method: "POST",
    path: "/api/v1/replays/:id/cancel",
    procedure: "replays.cancel",
    summary: "Cancel a pending or running bulk replay.",
    input: ({ params }) => ({ id: params.id }),
    params: idParams,
    outputSchema: replayJob,
  },
  // ---- secrets, tokens, audit, system ----
  {
    method: "GET",
    path: "/api/v1/secrets",
    procedure: "secrets.list",
    summary: "Stored Secret and ConfigMap values: names, keys and sealing key ids (never values).",
    input: namespaceQuery,
    query: z.object({ namespace: namespaceName.optional() }),
  },
  {
    method: "POST",
    path: "/api/v1/secrets/rotate-key",
    procedure: "secrets.rotateKey",
    summary: "Re-seal every stored value with a new key (admin).",
    input: () => undefined,
  },
  {
    method: "GET",
    path: "/api/v1/tokens",
    procedure: "tokens.list",
    summary: "API tokens (never their secrets), with expiry and last use (admin).",
    input: () => undefined,
    outputSchema: z.array(tokenItem),
  },
  {
    method: "POST",
    path: "/api/v1/tokens",
    procedure: "tokens.create",
    summary: "Create a token; its secret is in this answer only (admin).",
    input: ({ body }) => body,
    body: tokenCreateInput,
    outputSchema: tokenItem.extend({ token: z.string() }),
    status: 201,
  },
  {
    method: "DELETE",
    path: "/api/v1/tokens/:id",
    procedure: "tokens.revoke",
    summary: "Revoke a token (admin).",
    input: ({ params }) => ({ id: params.id }),
    params: z.object({ id: z.string().min(1).max(100) }),
    outputSchema: tokenItem,
  },
  {
    method: "GET",
    path: "/api/v1/audit",
    procedure: "audit.list",
    summary: "The audit trail, newest first (admin).",
    input: ({ query }) => query,
    query: z.object({
      actor: z.string().max(200).optional(),
      action: z.string().max(100).optional(),
      limit: z.coerce.number().int().min(1).max(500).optional(),
      before: z.coerce.number().int().min(1).optional(),
    }),
    outputSchema: z.object({ items: z.array(auditItem), nextBefore: z.number().int().nullable() }),
  },
  {
    method: "GET",
    path: "/api/v1/whoami",
    procedure: "system.whoami",
    summary: "The caller's token name and role.",
    input: () => undefined,
  },
  {
    method: "GET",
    path: "/api/v1/config",
    procedure: "system.config",
    summary: "The effective configuration, secrets redacted (admin).",
    input: () => undefined,
  },
  {
    method: "POST",
    path: "/api/v1/retention",
    procedure: "system.retention",
    summary: "Apply history retention now (admin).",
    input: () => undefined,
  },
  // ---- attachments to existing Argo Events buses (read-only; publishing needs confirm = the name) ----
  {
    method: "GET",
    path: "/api/v1/attachments",
    procedure: "attach.list",
    summary: "Attachments to existing Argo Events buses (JetStream streams, Kafka topics); credentials never shown.",
    input: () => undefined,
    outputSchema: z.array(attachmentItem),
  },
  {
    method: "POST",
    path: "/api/v1/attachments",
    procedure: "attach.create",
    summary: "Attach (read-only) to an existing Argo Events JetStream stream or Kafka topic. Checks it exists; creates nothing on the bus. Inline credentials are stored sealed.",
    input: ({ body }) => body,
    body: attachCreateInput,
    outputSchema: attachmentItem,
    status: 201,
  },
  {
    method: "GET",
    path: "/api/v1/attachments/:name",
    procedure: "attach.get",
    summary: "One attachment with what its bus holds now (stream config and state, or topic partitions and watermarks).",
    input: ({ params }) => ({ name: params.name }),
    params: z.object({ name }),
    outputSchema: attachmentDetail,
  },
  {
    method: "DELETE",
    path: "/api/v1/attachments/:name",
    procedure: "attach.delete",
    summary: "Detach: forget the attachment and end its live tails. Nothing on the bus is touched.",
    input: ({ params }) => ({ name: params.name }),
    params: z.object({ name }),
    outputSchema: z.object({ deleted: z.literal(true) }),
  },
  {
    method: "GET",
    path: "/api/v1/attachments/:name/events",
    procedure: "attach.events",
    summary: "Messages of the attached bus, newest first, CloudEvents decoded, with subject/key, position and headers; cursor-paged. No consumer or consumer group is made. Live: the tRPC subscription `attach.tail` (SSE).",
    input: ({ params, query }) => ({ name: params.name, limit: first(query.limit), cursor: first(query.cursor) }),
    params: z.object({ name }),
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).optional(), cursor: z.string().max(8192).optional() }),
    outputSchema: attachEventsOutput,
  },
  {
    method: "POST",
    path: "/api/v1/attachments/:name/inject",
    procedure: "attach.inject",
    summary: "Publish a new CloudEvent onto the attached Argo bus in Argo's wire format (JetStream: subject default.<source>.<subject>, Nats-Msg-Id; Kafka: key source.subject). Refused (400) unless `confirm` equals the attachment's name.",
    input: ({ params, body }) => ({ ...objectBody(body), name: params.name }),
    params: z.object({ name }),
    body: attachInjectInput.omit({ name: true }),
    outputSchema: attachPublishOutput,
  },
  {
    method: "POST",
    path: "/api/v1/attachments/:name/replay",
    procedure: "attach.replay",
    summary: "Publish one message of the attached bus again (by position, sequence or eventId) as a new CloudEvent with `replayof=<id>`. Refused (400) unless `confirm` equals the attachment's name.",
    input: ({ params, body }) => ({ ...objectBody(body), name: params.name }),
    params: z.object({ name }),
    body: z.object({ confirm: z.string().optional(), position: z.string().optional(), sequence: z.number().int().min(1).optional(), eventId: z.string().optional() }),
    outputSchema: attachPublishOutput,
  },
];
