/**
 * How a {@link BusMessage} maps onto a Kafka record and back. Pure functions.
 *
 * - key: `"<eventSourceName>.<eventName>"` (Argo's), value: the CloudEvent bytes untouched, headers: the message's
 *   transport headers plus `sb-msg-id` (the bus id, so consumers need not parse the body for it).
 * - A record written by Argo (no `sb-msg-id`) takes its id from the CloudEvent `id` in the body.
 */
import { Partitioners, type IHeaders, type KafkaMessage, type Message } from "kafkajs";
import type { BusMessage, SubjectFilter } from "../types.ts";
import { kafkaMessageKey } from "./topics.ts";

/** Header carrying {@link BusMessage.id}; removed again on delivery. */
export const MESSAGE_ID_HEADER = "sb-msg-id";

/** Offsets per partition in a {@link toSequence} number: 2^40, about 10^12. */
const PARTITION_SPAN = 2 ** 40;

/**
 * A bus-wide sequence number from a partition and offset: `partition * 2^40 + offset`. Unique on the topic and
 * increasing within a partition (so within one source); there is no order across partitions in Kafka.
 */
export function toSequence(partition: number, offset: number): number {
  return partition * PARTITION_SPAN + offset;
}

/** sarama's hash partitioner: FNV-1a 32 of the key, as a signed int32, remainder, made non-negative. */
export function saramaHashPartition(key: string, partitions: number): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(key, "utf8")) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193);
  }
  return Math.abs((hash | 0) % partitions); // abs also turns JavaScript's -0 into 0
}

const murmur2 = Partitioners.DefaultPartitioner();

/** The Java client's (and kafkajs') default partitioner: murmur2 of the key. */
export function murmur2Partition(topic: string, key: string, partitions: number): number {
  const partitionMetadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionId,
    leader: 0,
    partitionErrorCode: 0,
    replicas: [0],
    isr: [0],
  }));
  return murmur2({ topic, partitionMetadata, message: { key, value: null } });
}

/** The Kafka record of a message, on an explicit partition. */
export function toRecord(message: BusMessage, partition: number): Message {
  const headers: IHeaders = { ...message.headers, [MESSAGE_ID_HEADER]: message.id };
  return {
    key: kafkaMessageKey(message.eventSourceName, message.eventName),
    value: Buffer.from(message.body.buffer, message.body.byteOffset, message.body.byteLength),
    partition,
    headers,
  };
}

/** Record headers as strings (first value of a repeated header), without `sb-msg-id`. */
export function fromHeaders(headers: IHeaders | undefined): {
  headers: Record<string, string>;
  id: string | undefined;
} {
  const out: Record<string, string> = {};
  let id: string | undefined;
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined) continue;
    const text = typeof value === "string" ? value : value.toString("utf8");
    if (name === MESSAGE_ID_HEADER) id = text;
    else out[name] = text;
  }
  return { headers: out, id };
}

/** The CloudEvent `id` of a body, for records written without `sb-msg-id` (Argo's EventSources). */
export function idFromBody(body: Uint8Array): string | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
    if (parsed && typeof parsed === "object" && "id" in parsed && typeof parsed.id === "string" && parsed.id)
      return parsed.id;
  } catch {
    // not JSON: the caller falls back to the record's position
  }
  return undefined;
}

/** Source and event name of a matched record. */
export interface Subject {
  readonly eventSourceName: string;
  readonly eventName: string;
}

/**
 * Compile subscription filters into a key matcher. Exact filters compare the whole key, so names that contain dots
 * still match exactly; wildcards split the key at its first dot.
 */
export function keyMatcher(filters: readonly SubjectFilter[]): (key: string) => Subject | undefined {
  const exact = new Map<string, Subject>();
  const sources = new Set<string>();
  const events = new Set<string>();
  let everything = false;
  for (const filter of filters) {
    const anySource = filter.eventSourceName === "*";
    const anyEvent = filter.eventName === "*";
    if (anySource && anyEvent) everything = true;
    else if (anySource) events.add(filter.eventName);
    else if (anyEvent) sources.add(filter.eventSourceName);
    else exact.set(kafkaMessageKey(filter.eventSourceName, filter.eventName), filter);
  }
  return (key) => {
    const hit = exact.get(key);
    if (hit) return hit;
    const dot = key.indexOf(".");
    if (dot < 0) return undefined;
    const subject = { eventSourceName: key.slice(0, dot), eventName: key.slice(dot + 1) };
    if (everything || sources.has(subject.eventSourceName) || events.has(subject.eventName)) return subject;
    return undefined;
  };
}

/** The {@link BusMessage} of a consumed record that matched. */
export function fromRecord(record: KafkaMessage, subject: Subject, fallbackId: string): BusMessage {
  const value = record.value ?? Buffer.alloc(0);
  const body = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  const { headers, id } = fromHeaders(record.headers);
  return {
    id: id ?? idFromBody(body) ?? fallbackId,
    eventSourceName: subject.eventSourceName,
    eventName: subject.eventName,
    body,
    headers,
  };
}
