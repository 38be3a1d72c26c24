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

/**
 * A bus-wide sequence number from a partition and offset, interleaving the partitions: `offset * partitions +
 * partition`, where `partitions` is the topic's partition count when the bus opened. Unique on the topic (while it
 * keeps that count) and increasing within a partition (so within one source under the `hash` partitioner); Kafka has
 * no order across partitions, and these numbers only roughly follow arrival there. Interleaving keeps the numbers
 * small — under 2^31 until a partition holds 2^31 / partitions records — so they fit the 32-bit integer columns a
 * history store may keep them in (a `partition * 2^40 + offset` layout overflowed those for every partition but 0).
 */
export function toSequence(partition: number, offset: number, partitions: number): number {
  return offset * Math.max(1, partitions) + partition;
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

/**
 * The partition chooser of the event topic for a partitioner (see `KafkaBusOptions.partitioner`): `hash` and
 * `murmur2` map a key to a fixed partition; `roundrobin` cycles through the partitions (sarama's round-robin
 * partitioner, one counter per chooser, i.e. per process); `random` picks any (sarama's random partitioner).
 */
export function eventPartitioner(options: {
  readonly kind: "hash" | "murmur2" | "roundrobin" | "random";
  readonly topic: string;
  readonly partitions: number;
  /** Source of randomness, [0, 1); `Math.random` by default. */
  readonly random?: () => number;
}): (key: string) => number {
  const { kind, topic, partitions, random = Math.random } = options;
  switch (kind) {
    case "murmur2":
      return (key) => murmur2Partition(topic, key, partitions);
    case "roundrobin": {
      let next = Math.floor(random() * partitions); // processes started together should not all begin at 0
      return () => {
        const partition = next;
        next = (next + 1) % partitions;
        return partition;
      };
    }
    case "random":
      return () => Math.min(partitions - 1, Math.floor(random() * partitions));
    default:
      return (key) => saramaHashPartition(key, partitions);
  }
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
