/**
 * Argo's CloudEvent on the wire (§3.1): structured JSON, keys in the SDK's order, payload in `data_base64`.
 * Reading accepts both `data_base64` and inline `data`, as the CloudEvents SDK does.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { goQuote } from "../util/goJson.ts";

/** The attributes Signalbox writes, plus extensions. */
export interface CloudEventAttributes {
  id: string;
  source: string;
  type: string;
  subject: string;
  /** RFC 3339 with nanoseconds, UTC, as Go's `time.RFC3339Nano`. */
  time: string;
  datacontenttype?: string;
  /** Extension attributes (e.g. `replayof`), written after the standard ones in name order. */
  extensions?: Readonly<Record<string, string>>;
}

/** A CloudEvent as the engine handles it: attributes plus the decoded payload bytes. */
export interface CloudEventRecord extends Required<Omit<CloudEventAttributes, "extensions">> {
  specversion: string;
  extensions: Record<string, string>;
  data: Uint8Array;
}

/** 32 lowercase hex characters: Argo's id (a UUIDv4's bytes without dashes). */
export function newEventId(): string {
  // A version-4 UUID without its dashes, as Argo's uuid.New(); randomUUID draws from a cached entropy pool, where
  // randomBytes(16) asks the OS each time (1 % of server CPU at 500 events/s).
  return randomUUID().replaceAll("-", "");
}

/** Go's RFC3339Nano of a time in ms (+ optional extra nanoseconds): trailing zeros of the fraction trimmed. */
export function formatRfc3339Nano(ms: number, extraNanos = 0): string {
  const iso = new Date(ms).toISOString();
  const base = iso.slice(0, 19);
  const nanos = (ms % 1000 + 1000) % 1000 * 1e6 + extraNanos;
  const fraction = nanos === 0 ? "" : `.${String(nanos).padStart(9, "0").replace(/0+$/, "")}`;
  return `${base}${fraction}Z`;
}

/** Serialise an event exactly as Argo's EventSources put it on the bus. */
export function encodeCloudEvent(attributes: CloudEventAttributes, data: Uint8Array): Uint8Array {
  const parts = [
    `"specversion":"1.0"`,
    `"id":${goQuote(attributes.id)}`,
    `"source":${goQuote(attributes.source)}`,
    `"type":${goQuote(attributes.type)}`,
    `"subject":${goQuote(attributes.subject)}`,
    `"datacontenttype":${goQuote(attributes.datacontenttype ?? "application/json")}`,
    `"time":${goQuote(attributes.time)}`,
  ];
  const extensions = attributes.extensions ?? {};
  for (const key of Object.keys(extensions).sort()) parts.push(`${goQuote(key)}:${goQuote(extensions[key] ?? "")}`);
  parts.push(`"data_base64":"${Buffer.from(data).toString("base64")}"`);
  return new TextEncoder().encode(`{${parts.join(",")}}`);
}

const standard = new Set(["specversion", "id", "source", "type", "subject", "datacontenttype", "time", "data", "data_base64", "dataschema"]);

const wireEvent = z.looseObject({
  specversion: z.string(),
  id: z.string().min(1),
  source: z.string(),
  type: z.string(),
  subject: z.string().optional(),
  datacontenttype: z.string().optional(),
  time: z.string().optional(),
  data_base64: z.string().optional(),
  data: z.unknown().optional(),
});

/** Parse bus bytes into a {@link CloudEventRecord}; `undefined` when it is not a CloudEvent. */
export function decodeCloudEvent(body: Uint8Array): CloudEventRecord | undefined {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return undefined;
  }
  const parsed = wireEvent.safeParse(json);
  if (!parsed.success) return undefined;
  const event = parsed.data;
  let data: Uint8Array;
  if (event.data_base64 !== undefined) data = new Uint8Array(Buffer.from(event.data_base64, "base64"));
  else if (event.data === undefined) data = new Uint8Array();
  else if (typeof event.data === "string" && !(event.datacontenttype ?? "application/json").includes("json")) {
    data = new TextEncoder().encode(event.data);
  } else data = new TextEncoder().encode(JSON.stringify(event.data));
  const extensions: Record<string, string> = {};
  for (const [key, value] of Object.entries(event)) {
    if (!standard.has(key) && (typeof value === "string" || typeof value === "number" || typeof value === "boolean")) {
      extensions[key] = String(value);
    }
  }
  return {
    specversion: event.specversion,
    id: event.id,
    source: event.source,
    type: event.type,
    subject: event.subject ?? "",
    datacontenttype: event.datacontenttype ?? "application/json",
    time: event.time ?? "",
    extensions,
    data,
  };
}
