/**
 * OpenAPI 3.1 document of the REST API, generated from the route table and the same zod schemas the procedures
 * validate with.
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

function jsonSchema(schema: z.ZodType, io: "input" | "output"): unknown {
  return z.toJSONSchema(schema, { io, unrepresentable: "any" });
}

/** Build the document. */
export function openApiDocument(): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of restRoutes) {
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map((match) => ({ name: match[1], in: "path", required: true, schema: { type: "string" } }));
    const operation: Record<string, unknown> = {
      operationId: route.procedure,
      summary: route.summary,
      parameters,
      security: [{ bearer: [] }],
      responses: {
        [String(route.status ?? 200)]: {
          description: "OK",
          content: { "application/json": { schema: route.outputSchema ? jsonSchema(route.outputSchema, "output") : {} } },
        },
        "400": { description: "Invalid input", content: { "application/json": { schema: errorSchema } } },
        "401": { description: "No valid token", content: { "application/json": { schema: errorSchema } } },
      },
    };
    if (route.inputSchema && route.method === "GET") {
      const schema = jsonSchema(route.inputSchema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        parameters.push({ name, in: "query", required: schema.required?.includes(name) ?? false, schema: property as { type: string } });
      }
    } else if (route.inputSchema) {
      operation.requestBody = { required: true, content: { "application/json": { schema: jsonSchema(route.inputSchema, "input") } } };
    } else if (route.path === "/api/v1/manifests") {
      operation.requestBody = { required: true, content: { "application/yaml": { schema: { type: "string" } }, "application/json": { schema: {} } } };
    }
    (paths[path] ??= {})[route.method.toLowerCase()] = operation;
  }
  paths["/api/v1/webhooks/{namespace}/{source}/{event}"] = {
    post: {
      operationId: "webhooks.receive",
      summary: "Deliver a webhook to an active webhook event through the API port (public; the source's own auth applies).",
      parameters: ["namespace", "source", "event"].map((name) => ({ name, in: "path", required: true, schema: { type: "string" } })),
      responses: { "200": { description: "success" }, "404": { description: "no such webhook" }, "503": { description: "bus unavailable; retry" } },
    },
  };
  return {
    openapi: "3.1.0",
    info: { title: "Signalbox API", version: "1" },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
    paths,
  };
}
