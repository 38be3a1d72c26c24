/**
 * The `webhook` source (§3.3, §4.2): each event is an endpoint+method on a port. Answers follow Argo's plain-text
 * bodies with Signalbox's deliberate fixes: 405 for a wrong method, 413 for a too-large body, and 503 +
 * Retry-After — never 200 — when the bus could not durably take the event.
 */
import type { WebhookEvent } from "../resources/eventSource.ts";
import type { SourceContext, EmitResult } from "./types.ts";
import type { SourceKindDefinition, SourceServices } from "./registry.ts";
import { buildWebhookData, checkBearer, type WebhookRequest, type WebhookResponse } from "./webhook/request.ts";

/** Argo's default `maxPayloadSize`. */
export const DEFAULT_MAX_PAYLOAD = 1_048_576;

/** Build the request handler of one webhook event (shared by its own port and the API-port route). */
export function webhookHandler(
  context: SourceContext,
  services: SourceServices,
  eventName: string,
  config: WebhookEvent,
): (request: WebhookRequest) => Promise<WebhookResponse> {
  return async (request) => {
    const method = request.method.toUpperCase();
    if (method !== config.method) {
      return { status: 405, body: "http method does not match", headers: { Allow: config.method } };
    }
    if (config.authSecret) {
      const token = await services.secrets.resolve(context.namespace, "Secret", config.authSecret);
      if (token === undefined) return { status: 500, body: "failed to read the auth secret" };
      const denied = checkBearer(request.rawHeaders, token);
      if (denied) return denied;
    }
    const payload = buildWebhookData(request, config.metadata);
    if (!payload.ok) return payload.response;
    const traceparent = request.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === "traceparent");
    const headers: Record<string, string> = {};
    if (traceparent >= 0) headers.traceparent = request.rawHeaders[traceparent + 1] ?? "";
    for (let i = 0; i + 1 < request.rawHeaders.length; i += 2) {
      const key = (request.rawHeaders[i] ?? "").toLowerCase();
      if (key.startsWith("ce-") && key !== "ce-id") headers[key] = request.rawHeaders[i + 1] ?? "";
    }
    const result = await context.emit({ eventName, type: "webhook", data: payload.data, headers });
    return respond(result);
  };
}

/** The HTTP answer for an emit result. */
export function respond(result: EmitResult): WebhookResponse {
  switch (result.outcome) {
    case "published":
    case "filtered":
      return { status: 200, body: "success" };
    case "overloaded":
    case "failed":
      return {
        status: 503,
        body: "failed to record event",
        headers: { "Retry-After": String(Math.max(1, Math.ceil(result.retryAfterMs / 1000))) },
      };
    default: {
      const exhaustive: never = result;
      return exhaustive;
    }
  }
}

/** The port's certificate and key when `serverCertSecret`/`serverKeySecret` are set (both are needed). */
async function serverTls(context: SourceContext, services: SourceServices, config: WebhookEvent): Promise<{ cert: string; key: string } | undefined> {
  if (!config.serverCertSecret && !config.serverKeySecret) return undefined;
  if (!config.serverCertSecret || !config.serverKeySecret) throw new Error("serverCertSecret and serverKeySecret must be set together");
  const cert = await services.secrets.resolve(context.namespace, "Secret", config.serverCertSecret);
  const key = await services.secrets.resolve(context.namespace, "Secret", config.serverKeySecret);
  if (cert === undefined || key === undefined) throw new Error("the webhook's serverCertSecret or serverKeySecret was not found");
  return { cert, key };
}

/** Registry entry of the webhook source. */
export const webhookSource: SourceKindDefinition<"webhook"> = {
  type: "webhook",
  async start({ context, events, services }) {
    const owned: { port: number; endpoint: string; owner: string }[] = [];
    try {
      for (const [eventName, config] of Object.entries(events)) {
        const owner = `${context.namespace}/${context.eventSourceName}/${eventName}`;
        const handler = webhookHandler(context, services, eventName, config);
        const port = Number(config.port);
        // Node cannot share a port between processes: only the leader listens; every process serves the API route.
        if (services.bindPorts !== false) {
          const tls = await serverTls(context, services, config);
          await services.webhooks.add({
            ...(tls ? { tls } : {}),
            port,
            endpoint: config.endpoint,
            owner,
            maxBodyBytes: config.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD,
            handler,
          });
        }
        services.routes.set(owner, { handler, maxBodyBytes: config.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD });
        owned.push({ port, endpoint: config.endpoint, owner });
      }
    } catch (error) {
      for (const route of owned) {
        services.routes.delete(route.owner);
        await services.webhooks.remove(route.port, route.endpoint, route.owner);
      }
      throw error;
    }
    return {
      async stop() {
        for (const route of owned) {
          services.routes.delete(route.owner);
          await services.webhooks.remove(route.port, route.endpoint, route.owner);
        }
      },
    };
  },
};
