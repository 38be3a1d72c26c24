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
