/**
 * Sends prepared Kafka records: one kafkajs producer per (brokers, TLS, SASL), shared by every kafka trigger of the
 * process, connected on first use, replaced after a failed send, disconnected after {@link IDLE_CLOSE_MS} without
 * use. The client configuration (TLS, SASL, logging) is the Kafka bus's (`sources/kafka/clientOptions.ts`). Loaded lazily by
 * `triggers/kafka.ts` (it pulls in `kafkajs`).
 */
import { createHash } from "node:crypto";
import { CompressionTypes, type ICustomPartitioner, type IHeaders, type Producer } from "kafkajs";
import { saramaHashPartition } from "../../bus/kafka/codec.ts";
import { errorMessage } from "../../errors.ts";
import type { Clock, Logger } from "../../host.ts";
import { kafkaClient } from "../../sources/kafka/clientOptions.ts";
import type { AttemptResult, ExecuteContext, PreparedKafkaMessage } from "../types.ts";

/** A producer unused this long is disconnected. */
const IDLE_CLOSE_MS = 5 * 60_000;

interface PooledProducer {
  producer: Promise<Producer>;
  lastUsed: number;
}

const pool = new Map<string, PooledProducer>();
/** The clock of the latest use, for idle times. */
let clock: Clock | undefined;
let reaper: ReturnType<typeof setInterval> | undefined;

/**
 * sarama's default partitioner, which Argo's producer uses: a keyed record goes to FNV-1a(key) mod partitions (of
 * the sorted partition ids), a record without a key to a random partition.
 */
export const saramaPartitioner: ICustomPartitioner =
  () =>
  ({ partitionMetadata, message }) => {
    const ids = partitionMetadata.map((metadata) => metadata.partitionId).sort((a, b) => a - b);
    if (ids.length === 0) return 0;
    const key = message.key;
    const index =
      key === null || key === undefined
        ? Math.floor(Math.random() * ids.length)
        : saramaHashPartition(typeof key === "string" ? key : key.toString("utf8"), ids.length);
    return ids[index] ?? 0;
  };

/** Send one record and wait for the broker's acknowledgement (per `acks`). */
export async function produceKafka(action: PreparedKafkaMessage, context: ExecuteContext): Promise<AttemptResult> {
  clock = context.clock;
  const key = poolKey(action);
  let producer: Producer;
  try {
    producer = await producerFor(key, action, context.logger);
  } catch (error) {
    return { ok: false, error: `cannot connect to Kafka at ${action.url}: ${errorMessage(error)}`, retriable: true };
  }
  const headers: IHeaders = {};
  for (const [name, value] of action.headers) {
    const existing = headers[name];
    headers[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  try {
    const [metadata] = await producer.send({
      topic: action.topic,
      acks: action.acks,
      compression: action.compression === "gzip" ? CompressionTypes.GZIP : CompressionTypes.None,
      messages: [
        {
          key: action.key ?? null,
          value: action.value,
          headers,
          timestamp: String(context.clock.now()),
        },
      ],
    });
    const where = metadata
      ? ` partition ${metadata.partition}${metadata.baseOffset !== undefined ? ` offset ${metadata.baseOffset}` : ""}`
      : "";
    return { ok: true, retriable: false, responseExcerpt: `produced to ${action.topic}${where}` };
  } catch (error) {
    // A producer that failed may hold a broken connection or stale metadata: the next attempt starts a new one.
    await evict(key);
    return { ok: false, error: `Kafka send to ${action.topic} failed: ${errorMessage(error)}`, retriable: true };
  }
}

/** Disconnect every pooled producer (tests, shutdown). */
export async function closeKafkaTriggerProducers(): Promise<void> {
  const keys = [...pool.keys()];
  await Promise.allSettled(keys.map((key) => evict(key)));
}

function poolKey(action: PreparedKafkaMessage): string {
  return createHash("sha256")
    .update(JSON.stringify([action.url, action.tls ?? null, action.sasl ?? null]))
    .digest("hex");
}

async function producerFor(key: string, action: PreparedKafkaMessage, logger: Logger): Promise<Producer> {
  const now = clock?.now() ?? 0;
  const existing = pool.get(key);
  if (existing) {
    existing.lastUsed = now;
    try {
      return await existing.producer;
    } catch {
      if (pool.get(key) === existing) pool.delete(key);
    }
  }
  const entry: PooledProducer = { producer: connectProducer(action, logger), lastUsed: now };
  pool.set(key, entry);
  startReaper();
  try {
    return await entry.producer;
  } catch (error) {
    if (pool.get(key) === entry) pool.delete(key);
    throw error;
  }
}

async function connectProducer(action: PreparedKafkaMessage, logger: Logger): Promise<Producer> {
  const kafka = kafkaClient({
    url: action.url,
    topic: action.topic,
    clientId: "signalbox-kafka-trigger",
    tls: action.tls,
    sasl: action.sasl,
    logger,
  });
  const producer = kafka.producer({ createPartitioner: saramaPartitioner, allowAutoTopicCreation: true });
  await producer.connect();
  return producer;
}

async function evict(key: string): Promise<void> {
  const entry = pool.get(key);
  if (!entry) return;
  pool.delete(key);
  try {
    await (await entry.producer).disconnect();
  } catch {
    // Already broken or never connected.
  }
}

function startReaper(): void {
  if (reaper) return;
  reaper = setInterval(() => {
    if (!clock) return;
    const now = clock.now();
    for (const [key, entry] of pool) if (now - entry.lastUsed >= IDLE_CLOSE_MS) void evict(key);
    if (pool.size === 0 && reaper) {
      clearInterval(reaper);
      reaper = undefined;
    }
  }, 60_000);
  reaper.unref();
}
