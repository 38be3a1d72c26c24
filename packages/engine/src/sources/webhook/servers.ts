/**
 * HTTP servers for webhook-style sources: one server per declared port, routes added per endpoint, exactly like
 * Argo's EventSource pods — but in one process, so a port+endpoint pair may be claimed once only.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createTlsServer } from "node:https";
import { ConflictError } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import type { WebhookRequest, WebhookResponse } from "./request.ts";
import { SHED_RESPONSE, type AdmissionControl } from "./admission.ts";

/** Handles one route; the request body has already been read (within `maxBodyBytes`). */
export type RouteHandler = (request: WebhookRequest) => Promise<WebhookResponse>;

/** A route as registered by a source. */
export interface WebhookRoute {
  port: number;
  endpoint: string;
  /** Who owns it, for conflict messages: `<namespace>/<eventSource>/<event>`. */
  owner: string;
  maxBodyBytes: number;
  handler: RouteHandler;
  /** PEM certificate and key (from `serverCertSecret`/`serverKeySecret`): the port then serves HTTPS. */
  tls?: { cert: string; key: string };
}

interface PortServer {
  server: Server;
  routes: Map<string, WebhookRoute>;
  listening: Promise<void>;
  /** Identity of the TLS material, `""` for plain HTTP: every route of a port must agree. */
  tlsKey: string;
}

/** Options of {@link WebhookServerPool}. */
export interface WebhookServerPoolOptions {
  /** Interface to bind, `127.0.0.1` unless the host says otherwise. */
  host: string;
  logger: Logger;
  /** Sheds requests while the process is saturated; without it every request is taken. */
  admission?: AdmissionControl;
}

/** Owns the webhook ports of the process. */
export class WebhookServerPool {
  private readonly ports = new Map<number, PortServer>();
  private draining = false;

  constructor(private readonly options: WebhookServerPoolOptions) {}

  /** The owner of `port`+`endpoint` other than `owner`, if any. */
  conflict(port: number, endpoint: string, owner: string): string | undefined {
    const existing = this.ports.get(port)?.routes.get(endpoint);
    return existing && existing.owner !== owner ? existing.owner : undefined;
  }

  /** Claim a route, starting the port's server if needed. Rejects when another owner holds it. */
  async add(route: WebhookRoute): Promise<void> {
    const holder = this.conflict(route.port, route.endpoint, route.owner);
    if (holder) {
      throw new ConflictError(`port ${route.port} path ${route.endpoint} is already used by ${holder}`, [
        { path: "spec.webhook", message: `port ${route.port} path ${route.endpoint} is already used by ${holder}` },
      ]);
    }
    const tlsKey = route.tls ? `${route.tls.cert}\u0000${route.tls.key}` : "";
    let entry = this.ports.get(route.port);
    if (entry && entry.tlsKey !== tlsKey) {
      const message = `port ${route.port} already serves ${entry.tlsKey ? "HTTPS with another certificate" : "plain HTTP"} for other endpoints`;
      throw new ConflictError(message, [{ path: "spec.webhook", message }]);
    }
    if (!entry) {
      entry = this.listen(route.port, route.tls);
      this.ports.set(route.port, entry);
    }
    entry.routes.set(route.endpoint, route);
    try {
      await entry.listening;
    } catch (error) {
      entry.routes.delete(route.endpoint);
      if (this.ports.get(route.port) === entry && entry.routes.size === 0) this.ports.delete(route.port);
      throw error;
    }
  }

  /** Release a route; the port closes when its last route goes. */
  async remove(port: number, endpoint: string, owner: string): Promise<void> {
    const entry = this.ports.get(port);
    const route = entry?.routes.get(endpoint);
    if (!entry || !route || route.owner !== owner) return;
    entry.routes.delete(endpoint);
    if (entry.routes.size === 0) {
      this.ports.delete(port);
      await closeServer(entry.server);
    }
  }

  /** From now on answer 503 + Retry-After (shutting down). */
  drain(): void {
    this.draining = true;
  }

  /** Close every port. */
  async close(): Promise<void> {
    this.draining = true;
    const entries = [...this.ports.values()];
    this.ports.clear();
    await Promise.all(entries.map((entry) => closeServer(entry.server)));
  }

  /** Ports currently served. */
  listeningPorts(): number[] {
    return [...this.ports.keys()];
  }

  private listen(port: number, tls: WebhookRoute["tls"]): PortServer {
    const routes = new Map<string, WebhookRoute>();
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.serve(routes, req, res);
    const server: Server = tls ? createTlsServer({ cert: tls.cert, key: tls.key }, handler) : createServer(handler);
    server.keepAliveTimeout = 5_000;
    server.headersTimeout = 10_000;
    server.requestTimeout = 30_000;
    const listening = new Promise<void>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        reject(
          error.code === "EADDRINUSE"
            ? new ConflictError(`webhook port ${port} is already in use on ${this.options.host}`, [
                { path: "spec.webhook", message: `port ${port} is already in use by another program` },
              ])
            : error,
        );
      });
      server.listen(port, this.options.host, () => resolve());
    });
    return { server, routes, listening, tlsKey: tls ? `${tls.cert}\u0000${tls.key}` : "" };
  }

  private async serve(routes: Map<string, WebhookRoute>, req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? "/";
    const queryAt = url.indexOf("?");
    const path = queryAt === -1 ? url : url.slice(0, queryAt);
    const query = queryAt === -1 ? "" : url.slice(queryAt + 1);
    if (this.draining) return send(res, { status: 503, body: "shutting down", headers: { "Retry-After": "5" } }, req);
    if (path === "/health" && req.method === "GET") return send(res, { status: 200, body: "OK" }, req);
    const route = routes.get(path);
    if (!route) return send(res, { status: 404, body: "404 page not found\n" }, req);
    const admission = this.options.admission;
    if (admission && !admission.admit()) {
      // Read (and drop) the body so the keep-alive connection stays usable, then say when to come back.
      await readBody(req, route.maxBodyBytes);
      return send(res, { ...SHED_RESPONSE, headers: { ...SHED_RESPONSE.headers } }, req);
    }
    try {
      await this.handle(route, req, res, query);
    } finally {
      admission?.release();
    }
  }

  private async handle(route: WebhookRoute, req: IncomingMessage, res: ServerResponse, query: string): Promise<void> {
    const body = await readBody(req, route.maxBodyBytes);
    if (body === "too-large") return send(res, { status: 413, body: "http: request body too large" }, req);
    if (body === "aborted") return;
    try {
      const response = await route.handler({ method: req.method ?? "GET", query, rawHeaders: req.rawHeaders, body });
      send(res, response, req);
    } catch (error) {
      this.options.logger.error("webhook handler failed", { route: route.owner, error: String(error) });
      send(res, { status: 500, body: "failed to record event" }, req);
    }
  }
}

/** Read a request body up to `limit` bytes. */
export function readBody(req: IncomingMessage, limit: number): Promise<Uint8Array | "too-large" | "aborted"> {
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.resolve("too-large");
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(new Uint8Array(Buffer.concat(chunks)));
      done = true;
    });
    req.on("aborted", () => {
      if (!done) resolve("aborted");
      done = true;
    });
    req.on("error", () => {
      if (!done) resolve("aborted");
      done = true;
    });
  });
}

function send(res: ServerResponse, response: WebhookResponse, req: IncomingMessage): void {
  if (res.headersSent) return;
  const body = Buffer.from(response.body);
  res.writeHead(response.status, {
    "Content-Type": "text/plain; charset=utf-8",
    "Content-Length": String(body.length),
    ...response.headers,
  });
  res.end(body);
  // A request whose body we stopped reading (too large) must not keep the socket waiting for it.
  if (!req.complete) req.socket.destroySoon?.();
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections?.();
  });
}
