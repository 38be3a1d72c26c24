/**
 * OpenAPI 3.1 document of the REST API, generated from the route table and the same zod schemas the procedures
 * validate with: path and query parameters, JSON bodies, success and error answers.
 */
import { z } from "zod";
import { restRoutes } from "./routes.ts";

const errorSchema = {
  type: "object",
  required: ["error"],
  properties: {
    error: {
      type: "object",
      required: ["code", "message", "details"],
      properties: {
        code: { type: "string" },
        message: { type: "string" },
        details: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
      },
    },
  },
};

function jsonSchema(schema: z.ZodType, io: "input" | "output"): Record<string, unknown> {
  const { $schema: _schema, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
}

function parametersOf(schema: z.ZodObject | undefined, location: "path" | "query"): Record<string, unknown>[] {
  if (!schema) return [];
  const json = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: location,
    required: location === "path" || (json.required?.includes(name) ?? false),
    schema: property,
    ...(location === "query" && JSON.stringify(property).includes('"array"') ? { style: "form", explode: true } : {}),
  }));
}

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: errorSchema } } });

/** Build the document. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of restRoutes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1] ?? "");
    const pathParameters = route.params
      ? parametersOf(route.params, "path")
      : pathNames.map((name) => ({ name, in: "path", required: true, schema: { type: "string", minLength: 1 } }));
    const operation: Record<string, unknown> = {
      operationId: route.procedure,
      summary: route.summary,
      parameters: [...pathParameters, ...parametersOf(route.query, "query")],
      security: [{ bearer: [] }],
      responses: {
        [String(route.status ?? 200)]: {
          description: "OK",
          content: { "application/json": { schema: route.outputSchema ? jsonSchema(route.outputSchema, "output") : {} } },
        },
        "400": errorResponse("Invalid input"),
        "401": errorResponse("No valid token"),
        "403": errorResponse("The token's role does not allow this, or a cross-origin browser request"),
        "404": errorResponse("Not found"),
      },
    };
    if (route.body === "manifests") {
      operation.requestBody = {
        required: true,
        content: { "application/yaml": { schema: { type: "string" } }, "application/json": { schema: { type: "object" } } },
      };
    } else if (route.body) {
      operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  paths["/api/v1/webhooks/{namespace}/{source}/{event}"] = {
    post: {
      operationId: "webhooks.receive",
      summary: "Deliver a webhook to an active webhook event through the API port (public; the source's own auth applies).",
      parameters: ["namespace", "source", "event"].map((name) => ({ name, in: "path", required: true, schema: { type: "string", minLength: 1 } })),
      requestBody: { required: false, content: { "application/json": { schema: {} }, "text/plain": { schema: { type: "string" } } } },
      responses: {
        "200": { description: "success" },
        "404": errorResponse("no such webhook"),
        "405": { description: "method not allowed" },
        "413": { description: "body too large" },
        "503": { description: "bus unavailable or the EventSource is paused; retry after Retry-After" },
      },
    },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Signalbox API", version: "1", description: "REST mirror of the tRPC API (`/trpc`). See docs/api.md." },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
