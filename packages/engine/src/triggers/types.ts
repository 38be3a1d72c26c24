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

/** Anything a trigger kind can prepare. */
export type PreparedAction = PreparedHttpRequest | PreparedLog;

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

function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "*****";
    return parsed.toString();
  } catch {
    return url;
  }
}
