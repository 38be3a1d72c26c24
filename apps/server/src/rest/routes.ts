/**
 * REST under `/api/v1`: each route calls a tRPC procedure in-process, so both APIs share validation, auth and
 * behaviour; the same table feeds the OpenAPI document.
 */
import type { z } from "zod";
import {
  applyOutput,
  eventDetail,
  eventListInput,
  eventListOutput,
  injectInput,
  publishOutput,
  resourceItem,
} from "../schemas.ts";

/** What a REST request looks like to a route's input mapper. */
export interface RestRequest {
  params: Record<string, string>;
  query: Record<string, string | undefined>;
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
  inputSchema?: z.ZodType;
  outputSchema?: z.ZodType;
  /** Success status (200 unless said). */
  status?: number;
}

/** Plural path segments → resource kinds. */
export const plurals: Record<string, "EventBus" | "EventSource" | "Sensor" | "Secret" | "ConfigMap"> = {
  eventbuses: "EventBus",
  eventsources: "EventSource",
  sensors: "Sensor",
  secrets: "Secret",
  configmaps: "ConfigMap",
};

/** The route table. */
export const restRoutes: RestRoute[] = [
  {
    method: "POST",
    path: "/api/v1/manifests",
    procedure: "manifests.applyDocuments",
    summary: "Apply manifests (YAML or JSON; one document, several, or a List). All or nothing.",
    input: ({ body }) => ({ manifests: typeof body === "string" ? body : JSON.stringify(body) }),
    outputSchema: applyOutput,
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural",
    procedure: "manifests.list",
    summary: "List resources of a kind in a namespace.",
    input: ({ params }) => ({ namespace: params.namespace, kind: plurals[params.plural ?? ""] ?? params.plural }),
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/:plural/:name",
    procedure: "manifests.get",
    summary: "Get one resource with its status (`?format=yaml` for YAML).",
    input: ({ params }) => ({ namespace: params.namespace, kind: plurals[params.plural ?? ""] ?? params.plural, name: params.name }),
    outputSchema: resourceItem,
  },
  {
    method: "DELETE",
    path: "/api/v1/namespaces/:namespace/:plural/:name",
    procedure: "manifests.delete",
    summary: "Delete one resource.",
    input: ({ params }) => ({ namespace: params.namespace, kind: plurals[params.plural ?? ""] ?? params.plural, name: params.name }),
  },
  {
    method: "GET",
    path: "/api/v1/events",
    procedure: "events.list",
    summary: "Stored events, newest first, with their payload decoded.",
    input: ({ query }) => query,
    inputSchema: eventListInput,
    outputSchema: eventListOutput,
  },
  {
    method: "GET",
    path: "/api/v1/events/:id",
    procedure: "events.byId",
    summary: "One event with its explain records and trigger runs.",
    input: ({ params, query }) => ({ id: params.id, ...(query.namespace ? { namespace: query.namespace } : {}) }),
    outputSchema: eventDetail,
  },
  {
    method: "POST",
    path: "/api/v1/events/:id/replay",
    procedure: "events.replay",
    summary: "Replay an event to the sensors it reached: a new CloudEvent with `replayof=<id>`.",
    input: ({ params, query }) => ({ id: params.id, ...(query.namespace ? { namespace: query.namespace } : {}) }),
    status: 202,
  },
  {
    method: "POST",
    path: "/api/v1/events",
    procedure: "events.inject",
    summary: "Inject an event (namespace, source, subject, type, data) onto the bus.",
    input: ({ body }) => body,
    inputSchema: injectInput,
    outputSchema: publishOutput,
    status: 202,
  },
  {
    method: "GET",
    path: "/api/v1/runs",
    procedure: "runs.list",
    summary: "Trigger runs, newest first.",
    input: ({ query }) => query,
  },
  {
    method: "GET",
    path: "/api/v1/namespaces/:namespace/sensors/:name/joinstate",
    procedure: "sensors.joinState",
    summary: "Events an AND-sensor holds now, per trigger.",
    input: ({ params }) => ({ namespace: params.namespace, name: params.name }),
  },
  {
    method: "GET",
    path: "/api/v1/whoami",
    procedure: "system.whoami",
    summary: "The caller's token name and role.",
    input: () => undefined,
  },
];
