/**
 * Argo's Kafka event data (`KafkaEventData`, §4.2) and event id, byte for byte:
 * `{"topic","key","partition","body","timestamp","headers","metadata"}` in that order.
 *
 * - `key`: the record key as a Go string (`""` when there is none; invalid UTF-8 bytes become `\ufffd`).
 * - `body`: with `jsonBody` the value itself, compacted as Go's `json.RawMessage` (`null` for a tombstone; an empty
 *   or invalid value cannot be marshalled and the record is skipped, as in Argo); otherwise the bytes as Go marshals
 *   a `[]byte`: a base64 string, `""` when empty, `null` for a tombstone.
 * - `timestamp`: Go's `time.Time.String()` of sarama's timestamp, `time.Unix(ms)` in the container's zone (UTC), e.g.
 *   `2026-07-18 12:00:00.123 +0000 UTC`; a negative (absent) timestamp is Go's zero time.
 * - `headers`: always present (`{}` when none), one value per key: the last one wins, a null value is `""`.
 * - `metadata`: omitted when empty.
 *
 * The event id is `<eventSource>:<event>:<first broker of url>:<topic>:<partition>:<offset>`, the first broker
 * being the text before the first comma, untrimmed (§3.1). Pure; vectors from Go in `vectors/`.
 */
import type { IHeaders } from "kafkajs";
import { OrderedObject, RawJson, goMarshal, isValidJson } from "../../util/goJson.ts";
import { goTimeString, instantFromMs } from "../calendar/goTime.ts";
import { compareBytes, goQuoteBytes } from "../nats/goBytes.ts";

/** A consumed record, in the terms Argo reads it. */
export interface KafkaRecordInput {
  topic: string;
  partition: number;
  /** Record offset (kafkajs gives it as a decimal string). */
  offset: string;
  key: Uint8Array | null;
  value: Uint8Array | null;
  /** Milliseconds since the epoch (kafkajs gives a decimal string). */
  timestampMs: number;
  /** Record headers in record order; a key may repeat. */
  headers: readonly (readonly [string, Uint8Array | null])[];
}

/** Event data bytes, or why Argo would skip the record. */
export type KafkaDataResult = { ok: true; data: Uint8Array } | { ok: false; reason: string };

/** Go's zero `time.Time`, as `String()` prints it. */
const GO_ZERO_TIME = "0001-01-01 00:00:00 +0000 UTC";

/** Build the event data of one record. */
export function kafkaEventData(
  record: KafkaRecordInput,
  options: { jsonBody?: boolean; metadata?: Readonly<Record<string, string>> },
): KafkaDataResult {
  let body: RawJson;
  if (record.value === null) {
    body = new RawJson("null");
  } else if (options.jsonBody) {
    const text = new TextDecoder().decode(record.value);
    if (!isValidJson(text)) {
      return {
        ok: false,
        reason:
          record.value.length === 0
            ? "the value is empty, not JSON (jsonBody is set)"
            : "the value is not valid JSON (jsonBody is set)",
      };
    }
    body = new RawJson(text);
  } else {
    body = new RawJson(`"${Buffer.from(record.value).toString("base64")}"`);
  }
  const hasMetadata = options.metadata !== undefined && Object.keys(options.metadata).length > 0;
  const json = goMarshal(
    new OrderedObject([
      ["topic", record.topic],
      ["key", new RawJson(goQuoteBytes(record.key ?? new Uint8Array()))],
      ["partition", record.partition],
      ["body", body],
      ["timestamp", goTimestamp(record.timestampMs)],
      ["headers", new RawJson(marshalHeaders(record.headers))],
      ["metadata", hasMetadata ? options.metadata : undefined],
    ]),
  );
  return { ok: true, data: new TextEncoder().encode(json) };
}

/** Go's `String()` of sarama's record timestamp (UTC, as in Argo's container). */
export function goTimestamp(ms: number): string {
  return ms < 0 ? GO_ZERO_TIME : goTimeString(instantFromMs(ms));
}

/** Argo's deterministic id of a Kafka event. */
export function kafkaEventId(options: {
  eventSourceName: string;
  eventName: string;
  url: string;
  topic: string;
  partition: number;
  offset: string;
}): string {
  const firstBroker = options.url.split(",")[0] ?? "";
  return `${options.eventSourceName}:${options.eventName}:${firstBroker}:${options.topic}:${options.partition}:${options.offset}`;
}

/**
 * kafkajs' decoded headers as record-order pairs. kafkajs groups a repeated key into an array (losing the order
 * across keys, which does not matter: only each key's last value is kept).
 */
export function kafkajsHeaderPairs(headers: IHeaders | undefined): [string, Uint8Array | null][] {
  const pairs: [string, Uint8Array | null][] = [];
  for (const [key, value] of Object.entries(headers ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      pairs.push([
        key,
        item === undefined || item === null ? null : typeof item === "string" ? Buffer.from(item) : item,
      ]);
    }
  }
  return pairs;
}

/** `map[string]string` of the headers, last value per key, keys in Go's byte order. */
function marshalHeaders(headers: KafkaRecordInput["headers"]): string {
  const last = new Map<string, Uint8Array | null>();
  for (const [key, value] of headers) last.set(key, value);
  const entries = [...last].map(([key, value]) => ({ key: Buffer.from(key, "utf8"), value }));
  entries.sort((a, b) => compareBytes(a.key, b.key));
  return `{${entries.map(({ key, value }) => `${goQuoteBytes(key)}:${goQuoteBytes(value ?? new Uint8Array())}`).join(",")}}`;
}
