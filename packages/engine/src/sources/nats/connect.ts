/**
 * Core NATS connections of the nats source and trigger, from Argo's `url`, `auth` and `tls` (already resolved from
 * Secrets). Loads `@nats-io/transport-node`: import this module only where a connection is really opened.
 *
 * nats.go (Argo) gives up reconnecting after 60 attempts, two seconds apart, and Argo's nats source then sits on a
 * closed connection until its pod restarts; these connections reconnect for as long as they are open.
 */
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  tokenAuthenticator,
  usernamePasswordAuthenticator,
  type ConnectionOptions,
  type NatsConnection,
} from "@nats-io/transport-node";
import type { ResolvedNatsAuth, ResolvedTls } from "./secrets.ts";

/** What a connection needs. */
export interface NatsClientOptions {
  /** Argo's `url`: one server URL or a comma-separated list. */
  url: string;
  auth?: ResolvedNatsAuth | undefined;
  tls?: ResolvedTls | undefined;
  /** Shown by the server's monitoring (`/connz`). */
  name?: string;
  /** Timeout of the first connect (default 5 s). */
  timeoutMs?: number;
}

/** Argo's comma-separated `url` as nats.js' server list. */
export function natsServers(url: string): string[] {
  return url
    .split(",")
    .map((server) => server.trim())
    .filter((server) => server.length > 0);
}

/** nats.js options of a client. */
export function natsConnectionOptions(options: NatsClientOptions): ConnectionOptions {
  const connection: ConnectionOptions = {
    servers: natsServers(options.url),
    maxReconnectAttempts: -1,
    reconnectTimeWait: 1_000,
    reconnectJitter: 200,
    timeout: options.timeoutMs ?? 5_000,
    ...(options.name ? { name: options.name } : {}),
  };
  const auth = options.auth;
  if (auth) {
    const encoder = new TextEncoder();
    switch (auth.type) {
      case "basic":
        connection.authenticator = usernamePasswordAuthenticator(auth.username, auth.password);
        break;
      case "token":
        connection.authenticator = tokenAuthenticator(auth.token);
        break;
      case "nkey":
        connection.authenticator = nkeyAuthenticator(encoder.encode(auth.seed));
        break;
      case "credential":
        connection.authenticator = credsAuthenticator(encoder.encode(auth.creds));
        break;
      default: {
        const exhaustive: never = auth;
        throw new Error(`unknown NATS auth ${JSON.stringify(exhaustive)}`);
      }
    }
  }
  if (options.tls) {
    const { insecureSkipVerify, ...material } = options.tls;
    // Extra keys of `tls` reach node's tls.connect (transport-node merges them), which is how verification is skipped.
    connection.tls = { ...material, ...(insecureSkipVerify ? { rejectUnauthorized: false } : {}) };
  }
  return connection;
}

/** Open a connection (rejects when no server answers within the timeout). */
export function openNatsConnection(options: NatsClientOptions): Promise<NatsConnection> {
  return connect(natsConnectionOptions(options));
}
