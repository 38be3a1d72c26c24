/**
 * The curl command that sends a test event to a webhook EventSource, for empty states ("what to do next"). Pure.
 */
import type { ResourceLike } from "../flow/toGraph.ts";

export interface WebhookTarget {
  eventSource: string;
  eventName: string;
  url: string;
  method: string;
}

/** Webhook events of these EventSources, sorted by EventSource then event name. */
export function webhookTargets(
  eventSources: readonly Pick<ResourceLike, "name" | "manifest">[],
  host: string,
): WebhookTarget[] {
  const targets: WebhookTarget[] = [];
  for (const eventSource of eventSources) {
    const spec = eventSource.manifest.spec;
    const webhook = typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>).webhook : undefined;
    if (typeof webhook !== "object" || webhook === null) continue;
    for (const [eventName, config] of Object.entries(webhook as Record<string, unknown>)) {
      if (typeof config !== "object" || config === null) continue;
      const { port, endpoint, method } = config as Record<string, unknown>;
      if (typeof port !== "string" && typeof port !== "number") continue;
      const path =
        typeof endpoint === "string" && endpoint ? (endpoint.startsWith("/") ? endpoint : `/${endpoint}`) : "/";
      targets.push({
        eventSource: eventSource.name,
        eventName,
        url: `http://${host.includes(":") && !host.startsWith("[") ? `[${host}]` : host}:${port}${path}`,
        method: typeof method === "string" && method ? method.toUpperCase() : "POST",
      });
    }
  }
  return targets.sort((a, b) => (a.eventSource + "\0" + a.eventName < b.eventSource + "\0" + b.eventName ? -1 : 1));
}

/** `curl …` that sends `{"message":"hello"}` (or a query string for GET) to a webhook target. */
export function curlFor(target: WebhookTarget, body: unknown = { message: "hello" }): string {
  if (target.method === "GET") return `curl '${target.url}?message=hello'`;
  const json = JSON.stringify(body).replace(/'/g, "'\\''");
  return `curl -X ${target.method} -H 'Content-Type: application/json' -d '${json}' ${target.url}`;
}

/** Quote a word for a POSIX shell. */
export function shellQuote(text: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(text) ? text : `'${text.replace(/'/g, "'\\''")}'`;
}

// Headers curl sets itself or that describe the old connection.
const SKIP_HEADERS = new Set(["content-length", "host", "connection", "accept-encoding", "transfer-encoding", "user-agent"]);

/** What "copy as curl" needs of a stored event. */
export interface CurlEvent {
  namespace: string;
  source: string;
  subject: string;
  type: string;
  data?: unknown;
}

/**
 * A curl command that sends this event again: to its webhook (same body and request headers) when it came from a
 * webhook EventSource of the namespace, otherwise to the API's inject endpoint (`POST /api/v1/events`, token from
 * `$SIGNALBOX_TOKEN`).
 */
export function curlForEvent(event: CurlEvent, webhooks: readonly WebhookTarget[], apiBase: string): string {
  const target = webhooks.find((candidate) => candidate.eventSource === event.source && candidate.eventName === event.subject);
  const data = event.data;
  if (target && typeof data === "object" && data !== null && "body" in data) {
    const { body, header } = data as { body: unknown; header?: unknown };
    const parts = ["curl", "-X", target.method];
    if (typeof header === "object" && header !== null) {
      for (const [name, values] of Object.entries(header as Record<string, unknown>)) {
        if (SKIP_HEADERS.has(name.toLowerCase())) continue;
        for (const value of Array.isArray(values) ? values : [values]) {
          if (typeof value === "string") parts.push("-H", shellQuote(`${name}: ${value}`));
        }
      }
    }
    if (target.method !== "GET" && body !== undefined) {
      parts.push("--data-raw", shellQuote(typeof body === "string" ? body : JSON.stringify(body)));
    }
    parts.push(shellQuote(target.url));
    return parts.join(" ");
  }
  const payload = { namespace: event.namespace, source: event.source, subject: event.subject, type: event.type, data };
  return [
    "curl",
    "-X",
    "POST",
    "-H",
    // Double quotes: the shell fills in the token.
    '"Authorization: Bearer $SIGNALBOX_TOKEN"',
    "-H",
    shellQuote("Content-Type: application/json"),
    "--data-raw",
    shellQuote(JSON.stringify(payload)),
    shellQuote(`${apiBase.replace(/\/+$/, "")}/api/v1/events`),
  ].join(" ");
}
