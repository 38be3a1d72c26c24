/**
 * The trigger seam. A trigger kind first *prepares* an action from its spec and the firing's events (pure: the
 * same code computes the console's live preview and the "test without deploying" result), then *executes* it.
 * Failures signal retry policy by type: `NonRetriableError` stops retries, `RetryAfterError` sets the next delay.
 */
import type { Clock, Logger } from "../host.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import type { SecretResolver } from "../sources/registry.ts";

/** An HTTP request as it will be sent. `secretHeaders` name headers whose values must never be recorded. */
export interface PreparedHttpRequest {
  kind: "http";
  method: string;
  url: string;
  headers: Record<string, string>;
  secretHeaders: string[];
  body?: string;
  timeoutMs: number;
  allowStatus?: number[];
  /** TLS material resolved from Secrets (PEM); never recorded. */
  tls?: { ca?: string; cert?: string; key?: string; insecureSkipVerify?: boolean };
}

/** A log line to write. */
export interface PreparedLog {
  kind: "log";
  entries: { dependency: string; context: TriggerEvent["context"]; data: string }[];
  intervalSeconds: number;
}

/** Client TLS material resolved from Secrets (PEM); never recorded. `enabled` alone means the system roots. */
export interface PreparedClientTls {
  ca?: string;
  cert?: string;
  key?: string;
  insecureSkipVerify?: boolean;
}

/** A core NATS publish (`template.nats`). */
export interface PreparedNatsPublish {
  kind: "nats";
  /** Argo's `url`: one server URL or a comma-separated list. */
  url: string;
  subject: string;
  /** The payload bytes, as text. */
  payload: string;
  /** Credentials resolved from Secrets; never recorded. */
  auth?:
    | { type: "basic"; username: string; password: string }
    | { type: "token"; token: string }
    | { type: "nkey"; seed: string }
    | { type: "credential"; creds: string };
  tls?: PreparedClientTls;
}

/** One Kafka record to produce (`template.kafka`). */
export interface PreparedKafkaMessage {
  kind: "kafka";
  /** Argo's `url`: comma-separated brokers. */
  url: string;
  topic: string;
  /** `partitioningKey`; absent means no key. */
  key?: string;
  value: string;
  /** Record headers in order (static `headers`, then `secureHeaders`); a name may repeat. */
  headers: [string, string][];
  /** Names of headers whose values came from Secrets and must never be recorded. */
  secretHeaders: string[];
  /** -1 all in-sync replicas, 1 the leader, 0 none. */
  acks: -1 | 0 | 1;
  compression: "none" | "gzip";
  tls?: PreparedClientTls;
  /** SASL with credentials resolved from Secrets; never recorded. */
  sasl?: { mechanism: "plain" | "scram-sha-256" | "scram-sha-512"; username: string; password: string };
}

/** Anything a trigger kind can prepare. */
export type PreparedAction = PreparedHttpRequest | PreparedLog | PreparedNatsPublish | PreparedKafkaMessage;

/** What one attempt did. */
export interface AttemptResult {
  ok: boolean;
  /** HTTP status, when there was a response. */
  status?: number;
  /** First bytes of the response body (never of the request's secret headers). */
  responseExcerpt?: string;
  error?: string;
  /** Whether another attempt may help. */
  retriable: boolean;
  /** A server-requested delay before retrying. */
  retryAfterMs?: number;
}

/** Given to `prepare`. */
export interface PrepareContext {
  namespace: string;
  sensorName: string;
  triggerName: string;
  secrets: SecretResolver;
  now: () => Date;
}

/** Given to `execute`. */
export interface ExecuteContext {
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
}

/** One trigger kind. */
export interface TriggerKindDefinition<TSpec> {
  readonly type: string;
  prepare(spec: TSpec, events: Readonly<Record<string, TriggerEvent>>, context: PrepareContext): Promise<PreparedAction>;
  execute(action: PreparedAction, context: ExecuteContext): Promise<AttemptResult>;
}

/** A prepared action with secret values replaced, safe to store and show. */
export function redactAction(action: PreparedAction): PreparedAction {
  if (action.kind === "nats" || action.kind === "kafka") return redactClient(action);
  if (action.kind !== "http") return action;
  const headers = { ...action.headers };
  for (const name of action.secretHeaders) if (name in headers) headers[name] = "*****";
  const { tls, ...rest } = action;
  return {
    ...rest,
    headers,
    url: redactUrl(action.url),
    ...(tls ? { tls: { ...(tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}), ...(tls.ca ? { ca: "*****" } : {}), ...(tls.cert ? { cert: "*****" } : {}), ...(tls.key ? { key: "*****" } : {}) } } : {}),
  };
}

/** NATS and Kafka actions: credentials, TLS material, secret header values and URL passwords hidden. */
function redactClient(action: PreparedNatsPublish | PreparedKafkaMessage): PreparedAction {
  const tls = action.tls
    ? { ...(action.tls.insecureSkipVerify ? { insecureSkipVerify: true } : {}), ...(action.tls.ca ? { ca: "*****" } : {}), ...(action.tls.cert ? { cert: "*****" } : {}), ...(action.tls.key ? { key: "*****" } : {}) }
    : undefined;
  const url = action.url.split(",").map((part) => (part.includes("@") ? redactUrl(part) : part)).join(",");
  if (action.kind === "nats") {
    const { auth, tls: _tls, ...rest } = action;
    let redactedAuth: PreparedNatsPublish["auth"];
    if (auth?.type === "basic") redactedAuth = { type: "basic", username: auth.username, password: "*****" };
    else if (auth?.type === "token") redactedAuth = { type: "token", token: "*****" };
    else if (auth?.type === "nkey") redactedAuth = { type: "nkey", seed: "*****" };
    else if (auth?.type === "credential") redactedAuth = { type: "credential", creds: "*****" };
    return { ...rest, url, ...(redactedAuth ? { auth: redactedAuth } : {}), ...(tls ? { tls } : {}) };
  }
  const { sasl, tls: _tls, ...rest } = action;
  const secret = new Set(action.secretHeaders);
  return {
    ...rest,
    url,
    headers: action.headers.map(([name, value]): [string, string] => [name, secret.has(name) ? "*****" : value]),
    ...(sasl ? { sasl: { ...sasl, password: "*****" } } : {}),
    ...(tls ? { tls } : {}),
  };
}

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "*****";
    return parsed.toString();
  } catch {
    return url;
  }
}
