/**
 * The event as a sensor sees it (§3.2): a context of CloudEvent attributes and the decoded data bytes.
 */
import { parse as parseYaml } from "yaml";
import type { CloudEventRecord } from "../sources/cloudevent.ts";
import { goMarshal, goQuote } from "../util/goJson.ts";

/** Argo's `EventContext`, field order as Go marshals it. `time` has whole seconds, UTC. */
export interface EventContext {
  id: string;
  source: string;
  specversion: string;
  type: string;
  datacontenttype: string;
  subject: string;
  time: string;
}

/** One event of a firing. */
export interface TriggerEvent {
  context: EventContext;
  data: Uint8Array;
}

/** RFC 3339 with whole seconds in UTC, as Kubernetes' `metav1.Time` writes it. */
export function wholeSecondsUtc(time: string): string {
  const ms = Date.parse(time);
  if (Number.isNaN(ms)) return time;
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}

/** The sensor's view of a CloudEvent. */
export function toTriggerEvent(event: CloudEventRecord): TriggerEvent {
  return {
    context: {
      id: event.id,
      source: event.source,
      specversion: event.specversion,
      type: event.type,
      datacontenttype: event.datacontenttype,
      subject: event.subject,
      time: wholeSecondsUtc(event.time),
    },
    data: event.data,
  };
}

/** Context JSON in Go's field order. */
export function contextJson(context: EventContext): string {
  const fields: (keyof EventContext)[] = ["id", "source", "specversion", "type", "datacontenttype", "subject", "time"];
  return `{${fields.map((field) => `"${field}":${goQuote(context[field])}`).join(",")}}`;
}

/** The whole event as Argo serialises it when no key is given: data as base64 (Go marshals `[]byte` so). */
export function eventJson(event: TriggerEvent): string {
  return `{"context":${contextJson(event.context)},"data":"${Buffer.from(event.data).toString("base64")}"}`;
}

/**
 * The data as JSON text, converting YAML; any other content type is an error (§7.2 step 3). Argo compares the
 * content type exactly, and converts YAML with YAML 1.1 rules (`yes`/`no`/`on`/`off` are booleans) through a Go
 * map, so object keys come out sorted.
 */
export function parseEventData(event: TriggerEvent): { ok: true; json: string } | { ok: false; error: string } {
  const text = new TextDecoder().decode(event.data);
  const type = event.context.datacontenttype;
  if (type === "application/json") {
    try {
      JSON.parse(text);
      return { ok: true, json: text };
    } catch {
      return { ok: false, error: "event data is not valid JSON" };
    }
  }
  if (type === "application/yaml") {
    try {
      return { ok: true, json: goMarshal(parseYaml(text, { version: "1.1" }) as unknown) };
    } catch {
      return { ok: false, error: "event data is not valid YAML" };
    }
  }
  return { ok: false, error: `unsupported event content type '${type}'` };
}
