/**
 * The HTTP server of the API port: health, tRPC (`/trpc`, with SSE subscriptions), REST (`/api/v1`), the API-port
 * webhook route, and OpenAPI. Errors under `/api/**` are `{"error":{"code","message","details":[{path,message}]}}`.
 */
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import { fastifyTRPCPlugin } from "@trpc/server/adapters/fastify";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { TRPCError } from "@trpc/server";
import { stringify as toYaml } from "yaml";
import type { SensorResource } from "@signalbox/engine";
import { tokenFromRequest } from "./auth.ts";
import { browserGuard } from "./browserSafety.ts";
import { isLoopback } from "./config.ts";
import type { AppContext } from "./engine.ts";
import { openApiDocument } from "./rest/openapi.ts";
import { restRoutes, type RestRoute } from "./rest/routes.ts";
import { appRouter, createCaller } from "./routers/_app.ts";
import { createContextInner, detailsOf, type TrpcContext } from "./trpc.ts";

/** Largest API body (4 MiB); webhooks have their own per-source limit. */
export const API_BODY_LIMIT = 4 * 1024 * 1024;

/** Error body of `/api/**`. */
export function errorBody(code: string, message: string, details: { path: string; message: string }[] = []) {
  return { error: { code, message, details } };
}

/** Build the Fastify app (not listening yet). */
export async function buildHttpServer(app: AppContext): Promise<FastifyInstance> {
  const server = Fastify({ bodyLimit: API_BODY_LIMIT, logger: false, forceCloseConnections: true });
  server.addContentTypeParser(["application/yaml", "application/x-yaml", "text/yaml", "text/plain"], { parseAs: "string" }, (_req, body, done) => done(null, body));

  const contextFor = async (headers: Record<string, string | string[] | undefined>): Promise<TrpcContext> =>
    createContextInner({ app, principal: await app.tokens.verify(tokenFromRequest(headers)) });

  // Errors before any route is declared, so every route (and body-limit rejections) answers in the API's shape.
  server.setErrorHandler((error: Error & { statusCode?: number; code?: string }, _request, reply) => {
    const status = error.statusCode ?? 500;
    const code = status === 413 ? "PAYLOAD_TOO_LARGE" : status === 415 ? "UNSUPPORTED_MEDIA_TYPE" : status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR";
    if (status >= 500) app.logger.error("request failed", { error: error.message });
    reply.code(status).send(errorBody(code, status >= 500 ? "internal error" : error.message));
  });
  // Host allowlist (DNS rebinding) and same-origin for state-changing browser calls; no CORS is ever answered.
  server.addHook("onRequest", browserGuard(app.config));

  server.get("/healthz", async () => ({ status: "ok" }));
  server.get("/readyz", async (_req, reply) => {
    const buses = app.engine.busHealth();
    const ready = app.ready && buses.every((bus) => bus.connected);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", migrations: "done", buses, leader: app.engine.isLeader() });
  });
  server.get("/api/v1/openapi.json", async () => openApiDocument());
  // Public on loopback (a local Prometheus); elsewhere it needs a valid token.
  server.get("/metrics", async (request, reply) => {
    const local = isLoopback(request.socket.remoteAddress ?? "");
    if (!local && app.config.auth === "on" && !(await app.tokens.verify(tokenFromRequest(request.headers)))) {
      return reply.code(401).send(errorBody("UNAUTHORIZED", "a valid API token is required for /metrics from another host"));
    }
    app.metrics.held.reset();
    app.metrics.busLag.reset();
    const sensors = await app.definitions.list({ kind: "Sensor" });
    for (const lag of await app.buses.lag(sensors.map((sensor) => ({ namespace: sensor.namespace, manifest: sensor.manifest as SensorResource })))) {
      app.metrics.busLag.set(
        { namespace: lag.namespace, eventbus_name: lag.bus, consumer: lag.durable, sensor_name: lag.sensor ?? "", trigger_name: lag.trigger ?? "", dependency: lag.dependency ?? "" },
        lag.messages,
      );
    }
    for (const sensor of sensors) {
      for (const state of app.engine.joinState(sensor.namespace, sensor.name)) {
        app.metrics.held.set({ namespace: sensor.namespace, sensor_name: sensor.name, trigger_name: state.trigger }, state.held.length);
      }
    }
    return reply.type(app.metrics.registry.contentType).send(await app.metrics.registry.metrics());
  });

  await server.register(fastifyTRPCPlugin, {
    prefix: "/trpc",
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }: { req: FastifyRequest }) => contextFor(req.headers),
      onError: ({ error, path }: { error: TRPCError; path?: string }) => {
        if (error.code === "INTERNAL_SERVER_ERROR") app.logger.error("tRPC procedure failed", { path, error: error.message });
      },
    },
  });

  for (const route of restRoutes) {
    server.route({
      method: route.method,
      url: route.path,
      handler: async (request, reply) => handleRest(app, route, request, reply, await contextFor(request.headers)),
    });
  }

  // The API-port webhook route: raw bodies of any type, public, each source's own auth.
  await server.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: 64 * 1024 * 1024 }, (_req, body, done) => done(null, body));
    scope.post<{ Params: { namespace: string; source: string; event: string } }>(
      "/api/v1/webhooks/:namespace/:source/:event",
      async (request, reply) => {
        const body = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : new Uint8Array();
        const queryAt = request.url.indexOf("?");
        const response = await app.engine.handleWebhook(request.params.namespace, request.params.source, request.params.event, {
          method: request.method,
          query: queryAt === -1 ? "" : request.url.slice(queryAt + 1),
          rawHeaders: request.raw.rawHeaders,
          body,
        });
        if (!response) {
          return reply.code(404).send(errorBody("NOT_FOUND", `no active webhook ${request.params.namespace}/${request.params.source}/${request.params.event}`));
        }
        return reply.code(response.status).headers({ "content-type": "text/plain; charset=utf-8", ...response.headers }).send(response.body);
      },
    );
  });

  server.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody("NOT_FOUND", `no route ${request.method} ${request.url.split("?")[0]}`));
  });
  return server;
}

async function handleRest(app: AppContext, route: RestRoute, request: FastifyRequest, reply: FastifyReply, context: TrpcContext): Promise<unknown> {
  const caller = createCaller(context);
  const query = (request.query ?? {}) as Record<string, string | string[] | undefined>;
  let input: unknown;
  try {
    input = route.input({ params: request.params as Record<string, string>, query, body: request.body });
  } catch (error) {
    // A body the route cannot even turn into its input (JSON nested too deep to re-serialise) is the client's error.
    return reply.code(400).send(errorBody("BAD_REQUEST", `the request body could not be read: ${error instanceof Error ? error.message : String(error)}`));
  }
  try {
    const procedure = route.procedure.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
    if (typeof procedure !== "function") throw new Error(`REST route ${route.path} names no procedure ${route.procedure}`);
    const result: unknown = await (procedure as (input: unknown) => Promise<unknown>)(input);
    if (query.format === "yaml" && route.yamlField && result && typeof result === "object" && route.yamlField in result) {
      return reply.code(route.status ?? 200).type("application/yaml").send(String((result as Record<string, unknown>)[route.yamlField]));
    }
    if (query.format === "yaml" && result && typeof result === "object" && "manifest" in result) {
      const item = result as { manifest: Record<string, unknown>; status: unknown };
      return reply.code(route.status ?? 200).type("application/yaml").send(toYaml({ ...item.manifest, status: item.status }));
    }
    return reply.code(route.status ?? 200).send(result);
  } catch (error) {
    if (error instanceof TRPCError) {
      const status = getHTTPStatusCodeFromError(error);
      if (status >= 500) app.logger.error("REST call failed", { route: route.path, error: error.message });
      return reply.code(status).send(errorBody(error.code, error.message, detailsOf(error.cause ?? error)));
    }
    throw error;
  }
}
