/**
 * Read-only attachment to an existing Argo Events Kafka bus: the event topic (`<namespace>-<bus>` or
 * `spec.kafka.topic`, §2.3), records keyed `<eventSource>.<event>` with the CloudEvent JSON as value.
 *
 * Nothing is created or left behind on the cluster:
 * - no consumer group: records are read with plain Fetch requests on the partitions' leaders (kafkajs' cluster client,
 *   see `kafkaInternals.ts`), offsets come from the admin client's ListOffsets; nothing is ever committed;
 * - no topic: every client here has `allowAutoTopicCreation: false`, and the topic's existence is checked by listing
 *   topics first, so even a broker with `auto.create.topics.enable` never sees a metadata request that could create it;
 * - publishing (only when the host has confirmation) checks that the topic exists first and sends one record the way
 *   Argo's EventSources do: key `<eventSource>.<event>`, value = the CloudEvent JSON, no headers, partition by sarama's
 *   hash partitioner (the Kafka bus' default; `murmur2` on request), acks=all, through the bus' producer holder
 *   (idempotent, no auto-creation). The bus' publisher is not used because it adds Signalbox's `sb-msg-id` header.
 */
import { Kafka, type Admin, type KafkaMessage } from "kafkajs";
import { BusUnavailableError, EngineError, NotFoundError, errorMessage } from "../../errors.ts";
import { silentLogger, systemClock, type Clock, type Logger } from "../../host.ts";
import { decodeCloudEvent, encodeCloudEvent, formatRfc3339Nano, newEventId } from "../../sources/cloudevent.ts";
import { murmur2Partition, saramaHashPartition } from "../kafka/codec.ts";
import { kafkaClientConfig, resolveSettings, type KafkaSaslOptions, type KafkaTlsOptions } from "../kafka/options.ts";
import { ProducerHolder } from "../kafka/publisher.ts";
import { settleWithin } from "../kafka/settle.ts";
import { assertTopicName, kafkaMessageKey } from "../kafka/topics.ts";
import {
  formatKafkaCursor,
  mergeNewestFirst,
  parseKafkaCursor,
  parseKafkaPosition,
  type KafkaBounds,
} from "./kafkaCursor.ts";
import { createReadOnlyCluster, READ_COMMITTED, recordsOf, type InternalCluster } from "./kafkaInternals.ts";
import {
  TailQueue,
  type AttachedBus,
  type AttachedBusInfo,
  type AttachedMessage,
  type AttachedPage,
  type AttachedPublish,
  type AttachedPublishResult,
  type AttachedTail,
  type TailOptions,
} from "./types.ts";

/** Options of {@link attachKafka}. */
export interface KafkaAttachOptions {
  /** `host:port,…` or a list. */
  readonly brokers: string | readonly string[];
  /** The event topic (Argo: `<namespace>-<bus>` unless `spec.kafka.topic`). */
  readonly topic: string;
  readonly clientId?: string;
  readonly tls?: KafkaTlsOptions | boolean;
  readonly sasl?: KafkaSaslOptions;
  /** How a published record picks its partition: `hash` (sarama's, Argo's default) or `murmur2`. */
  readonly partitioner?: "hash" | "murmur2";
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
  readonly logger?: Logger;
  /** Longest a tail fetch waits at the broker for new records (default 500 ms). */
  readonly tailWaitMs?: number;
  /** Time of published CloudEvents; the system clock by default. */
  readonly clock?: Clock;
}

/** Bytes asked for per partition and fetch. */
const FETCH_BYTES = 1_048_576;

/**
 * Connect and look at the topic. Throws {@link NotFoundError} when the topic does not exist (nothing is created) and
 * {@link BusUnavailableError} when the brokers cannot be reached.
 */
export async function attachKafka(options: KafkaAttachOptions): Promise<AttachedBus> {
  const logger = (options.logger ?? silentLogger).child({ attach: "kafka", topic: options.topic });
  assertTopicName(options.topic);
  const busOptions = {
    brokers: options.brokers,
    topic: options.topic,
    clientId: options.clientId ?? "signalbox-attach",
    createTopics: false,
    logger,
    connectionTimeout: options.connectionTimeout ?? 3_000,
    requestTimeout: options.requestTimeout ?? 10_000,
    ...(options.tls !== undefined ? { tls: options.tls } : {}),
    ...(options.sasl ? { sasl: options.sasl } : {}),
  };
  const settings = resolveSettings(busOptions);
  const config = {
    ...kafkaClientConfig(busOptions, settings),
    retry: { initialRetryTime: 200, maxRetryTime: 2_000, retries: 2 },
  };
  const kafka = new Kafka(config);
  const admin = kafka.admin();
  const cluster = createReadOnlyCluster(config, kafka.logger());
  try {
    await admin.connect();
    await cluster.connect();
    const attached = new KafkaAttachment({ kafka, admin, cluster, options, logger });
    await attached.partitions();
    return attached;
  } catch (error) {
    await settleWithin(cluster.disconnect(), 5_000);
    await settleWithin(admin.disconnect(), 5_000);
    if (error instanceof EngineError) throw error;
    throw new BusUnavailableError(
      `cannot reach Kafka at ${settings.brokers.join(",")}: ${errorMessage(error)}`,
      1_000,
      { cause: error },
    );
  }
}

/** One record as the attachment shows it. */
interface Read extends AttachedMessage {
  readonly partition: number;
  readonly offsetValue: bigint;
  readonly timestamp: number;
}

function toRead(partition: number, record: KafkaMessage): Read {
  const headers: Record<string, string> = {};
  for (const [name, raw] of Object.entries(record.headers ?? {})) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined) headers[name] = typeof value === "string" ? value : value.toString("utf8");
  }
  const body = record.value
    ? new Uint8Array(record.value.buffer, record.value.byteOffset, record.value.byteLength)
    : new Uint8Array();
  const timestamp = Number(record.timestamp);
  return {
    position: `${partition}:${record.offset}`,
    partition,
    offset: record.offset,
    offsetValue: BigInt(record.offset),
    key: record.key ? record.key.toString("utf8") : null,
    storedAt: timestamp,
    timestamp,
    headers,
    body,
    event: decodeCloudEvent(body),
  };
}

/** Strip the merge's bookkeeping fields. */
function shown(read: Read): AttachedMessage {
  const { offsetValue: _offsetValue, timestamp: _timestamp, ...message } = read;
  return message;
}

const RETRIABLE = new Set([
  "NOT_LEADER_FOR_PARTITION",
  "LEADER_NOT_AVAILABLE",
  "UNKNOWN_TOPIC_OR_PARTITION",
  "NOT_LEADER_OR_FOLLOWER",
  "FENCED_LEADER_EPOCH",
]);

interface AttachmentInit {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly cluster: InternalCluster;
  readonly options: KafkaAttachOptions;
  readonly logger: Logger;
}

class KafkaAttachment implements AttachedBus {
  readonly kind = "kafka" as const;
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly cluster: InternalCluster;
  private readonly options: KafkaAttachOptions;
  private readonly logger: Logger;
  private readonly topic: string;
  private readonly tails = new Set<TailQueue>();
  private producers: ProducerHolder | undefined;
  private closing = false;

  constructor(init: AttachmentInit) {
    ({
      kafka: this.kafka,
      admin: this.admin,
      cluster: this.cluster,
      options: this.options,
      logger: this.logger,
    } = init);
    this.topic = init.options.topic;
  }

  /**
   * The topic's partitions with their low and high watermarks, or {@link NotFoundError}. The topic list is read
   * first, so no metadata request ever names a missing topic (which a broker with auto-creation would create).
   */
  async partitions(): Promise<{ partition: number; low: bigint; high: bigint }[]> {
    let topics: string[];
    try {
      topics = await this.admin.listTopics();
    } catch (error) {
      throw new BusUnavailableError(`cannot list Kafka topics: ${errorMessage(error)}`, 1_000, { cause: error });
    }
    if (!topics.includes(this.topic))
      throw new NotFoundError(`Kafka topic "${this.topic}" does not exist (an attachment never creates it)`);
    try {
      const offsets = await this.admin.fetchTopicOffsets(this.topic);
      return offsets
        .map((entry) => ({ partition: entry.partition, low: BigInt(entry.low), high: BigInt(entry.high) }))
        .sort((a, b) => a.partition - b.partition);
    } catch (error) {
      throw new BusUnavailableError(
        `cannot read the offsets of Kafka topic "${this.topic}": ${errorMessage(error)}`,
        1_000,
        { cause: error },
      );
    }
  }

  async info(): Promise<AttachedBusInfo> {
    const partitions = await this.partitions();
    return {
      kind: "kafka",
      topic: this.topic,
      partitions: partitions.map((p) => ({ partition: p.partition, low: String(p.low), high: String(p.high) })),
      messages: partitions.reduce((sum, p) => sum + Number(p.high - p.low), 0),
    };
  }

  async list(options: { limit: number; cursor?: string | undefined }): Promise<AttachedPage> {
    const limit = Math.max(1, Math.min(options.limit, 1_000));
    const asked = options.cursor === undefined ? undefined : parseKafkaCursor(options.cursor);
    const partitions = await this.partitions();
    const bounds: KafkaBounds = new Map();
    const lows = new Map<number, bigint>();
    for (const { partition, low, high } of partitions) {
      lows.set(partition, low);
      // A partition the cursor does not name appeared after the first page: it is not part of this listing.
      const bound = asked ? (asked.get(partition) ?? low) : high;
      bounds.set(partition, bound > high ? high : bound);
    }
    const candidates = new Map<number, Read[]>();
    const exhausted = new Set<number>();
    await Promise.all(
      partitions.map(async ({ partition }) => {
        const { records, reachedLow } = await this.newestBelow({
          partition,
          bound: bounds.get(partition)!,
          low: lows.get(partition)!,
          limit,
        });
        candidates.set(partition, records);
        if (reachedLow) exhausted.add(partition);
      }),
    );
    const { items, next, more } = mergeNewestFirst({ candidates, bounds, lows, exhausted, limit });
    return { items: items.map(shown), nextCursor: more ? formatKafkaCursor(next) : null };
  }

  async get(position: string): Promise<AttachedMessage | undefined> {
    const { partition, offset } = parseKafkaPosition(position);
    const partitions = await this.partitions();
    const found = partitions.find((p) => p.partition === partition);
    if (!found || offset < found.low || offset >= found.high) return undefined;
    const [record] = await this.readRange(partition, offset, offset + 1n);
    return record && record.offsetValue === offset ? shown(record) : undefined;
  }

  async findById(id: string, scan = 10_000): Promise<AttachedMessage | undefined> {
    let cursor: string | undefined;
    let seen = 0;
    while (seen < scan) {
      const page = await this.list({ limit: Math.min(500, scan - seen), ...(cursor ? { cursor } : {}) });
      const hit = page.items.find((item) => item.event?.id === id);
      if (hit) return hit;
      seen += page.items.length;
      if (!page.nextCursor || page.items.length === 0) return undefined;
      cursor = page.nextCursor;
    }
    return undefined;
  }

  async tail(options: TailOptions = {}): Promise<AttachedTail> {
    const positions = new Map<number, bigint>((await this.partitions()).map((p) => [p.partition, p.high]));
    const stop = async () => {
      options.signal?.removeEventListener("abort", onAbort);
      this.tails.delete(queue);
      await loop.catch(() => undefined);
    };
    const queue: TailQueue = new TailQueue(options.buffer ?? 1_000, stop);
    const onAbort = () => void queue.close();
    const wait = this.options.tailWaitMs ?? 500;
    const loop = (async () => {
      while (!queue.isEnded && !this.closing) {
        try {
          await this.fetchNew(positions, wait, (record) => queue.push(shown(record)));
        } catch (error) {
          this.logger.debug("tail fetch failed; retrying", { error: errorMessage(error) });
          if ((error as { type?: string }).type === "OFFSET_OUT_OF_RANGE") {
            // Retention removed what the tail was at: go on from the oldest record still there.
            for (const p of await this.partitions().catch(() => []))
              if ((positions.get(p.partition) ?? 0n) < p.low) positions.set(p.partition, p.low);
          }
          await this.cluster.refreshMetadata().catch(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, 1_000).unref());
        }
      }
    })();
    this.tails.add(queue);
    if (options.signal?.aborted) await queue.close();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    return queue;
  }

  async publish(event: AttachedPublish): Promise<AttachedPublishResult> {
    const partitions = await this.partitions(); // refuses a missing topic: nothing is created
    const key = kafkaMessageKey(event.source, event.subject);
    const count = partitions.length;
    const partition =
      this.options.partitioner === "murmur2"
        ? murmur2Partition(this.topic, key, count)
        : saramaHashPartition(key, count);
    const id = event.id ?? newEventId();
    const body = encodeCloudEvent(
      {
        id,
        source: event.source,
        type: event.type,
        subject: event.subject,
        time: event.time ?? formatRfc3339Nano((this.options.clock ?? systemClock).now()),
        ...(event.datacontenttype ? { datacontenttype: event.datacontenttype } : {}),
        ...(event.extensions ? { extensions: event.extensions } : {}),
      },
      event.data,
    );
    this.producers ??= new ProducerHolder(this.kafka);
    try {
      const producer = await this.producers.get();
      const [answer] = await producer.send({
        topic: this.topic,
        acks: -1,
        messages: [{ key, value: Buffer.from(body), partition }],
      });
      const offset = answer?.baseOffset ?? answer?.offset ?? "-1";
      return { id, position: `${partition}:${offset}`, duplicate: false, address: key };
    } catch (error) {
      this.producers.reset();
      throw new BusUnavailableError(
        `Kafka did not take the event on topic "${this.topic}": ${errorMessage(error)}`,
        1_000,
        { cause: error },
      );
    }
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    await Promise.all([...this.tails].map((tail) => tail.close()));
    if (this.producers) await settleWithin(this.producers.close(), 5_000);
    await settleWithin(this.cluster.disconnect(), 5_000);
    await settleWithin(this.admin.disconnect(), 5_000);
  }

  /**
   * Up to `limit` newest records of a partition below `bound`, newest first, widening the window past gaps (control
   * records, compaction); `reachedLow` when every record down to the low watermark was looked at.
   */
  private async newestBelow(window: {
    partition: number;
    bound: bigint;
    low: bigint;
    limit: number;
  }): Promise<{ records: Read[]; reachedLow: boolean }> {
    const { partition, bound, low, limit } = window;
    const records: Read[] = [];
    let upper = bound;
    let span = BigInt(limit);
    while (upper > low && records.length < limit) {
      const from = upper - span > low ? upper - span : low;
      const got = await this.readRange(partition, from, upper);
      records.unshift(...got);
      upper = from;
      span *= 2n;
    }
    records.reverse();
    // Older records cut off here are still to come, so the partition only counts as read to its end when none were.
    return { records: records.slice(0, limit), reachedLow: upper <= low && records.length <= limit };
  }

  /** Records of a partition in `[from, to)`, oldest first. */
  private async readRange(partition: number, from: bigint, to: bigint): Promise<Read[]> {
    const out: Read[] = [];
    let offset = from;
    while (offset < to) {
      const fetched = await this.fetchPartition(partition, offset, 0);
      if (fetched.raw.length === 0) break;
      for (const record of fetched.records) {
        const read = toRead(partition, record);
        if (read.offsetValue >= to) return out;
        out.push(read);
      }
      const lastRaw = fetched.raw[fetched.raw.length - 1]!;
      offset = BigInt(lastRaw.offset) + 1n;
    }
    return out;
  }

  /** One Fetch of one partition at `offset` on its leader (retried once after a metadata refresh). */
  private async fetchPartition(
    partition: number,
    offset: bigint,
    maxWaitTime: number,
  ): Promise<{ records: KafkaMessage[]; raw: KafkaMessage[] }> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.cluster.addTargetTopic(this.topic);
        const leaders = this.cluster.findLeaderForPartitions(this.topic, [partition]);
        const nodeId = Object.keys(leaders)[0];
        if (nodeId === undefined)
          throw new NotFoundError(`partition ${partition} of Kafka topic "${this.topic}" does not exist`);
        const broker = await this.cluster.findBroker({ nodeId });
        const answer = await broker.fetch({
          replicaId: -1,
          isolationLevel: READ_COMMITTED,
          maxWaitTime,
          minBytes: 1,
          maxBytes: FETCH_BYTES * 2,
          topics: [
            { topic: this.topic, partitions: [{ partition, fetchOffset: String(offset), maxBytes: FETCH_BYTES }] },
          ],
        });
        const data = answer.responses[0]?.partitions.find((p) => p.partition === partition);
        if (!data) return { records: [], raw: [] };
        return recordsOf(this.topic, String(offset), data);
      } catch (error) {
        const type = (error as { type?: string }).type;
        if (attempt < 2 && type && RETRIABLE.has(type)) {
          await this.cluster.refreshMetadata().catch(() => undefined);
          continue;
        }
        if (error instanceof EngineError) throw error;
        if (type === "OFFSET_OUT_OF_RANGE") return { records: [], raw: [] };
        throw new BusUnavailableError(
          `cannot read partition ${partition} of Kafka topic "${this.topic}": ${errorMessage(error)}`,
          1_000,
          { cause: error },
        );
      }
    }
  }

  /** One round of the tail: every partition's new records since `positions`, waiting up to `wait` ms at the brokers. */
  private async fetchNew(positions: Map<number, bigint>, wait: number, push: (record: Read) => void): Promise<void> {
    await this.cluster.addTargetTopic(this.topic);
    const byLeader = this.cluster.findLeaderForPartitions(this.topic, [...positions.keys()]);
    await Promise.all(
      Object.entries(byLeader).map(async ([nodeId, partitions]) => {
        const broker = await this.cluster.findBroker({ nodeId });
        const asked = new Map(partitions.map((partition) => [partition, String(positions.get(partition) ?? 0n)]));
        const answer = await broker.fetch({
          replicaId: -1,
          isolationLevel: READ_COMMITTED,
          maxWaitTime: wait,
          minBytes: 1,
          maxBytes: FETCH_BYTES * 4,
          topics: [
            {
              topic: this.topic,
              partitions: partitions.map((partition) => ({
                partition,
                fetchOffset: asked.get(partition)!,
                maxBytes: FETCH_BYTES,
              })),
            },
          ],
        });
        for (const data of answer.responses[0]?.partitions ?? []) {
          const fetchOffset = asked.get(data.partition);
          if (fetchOffset === undefined) continue;
          const { records, raw } = recordsOf(this.topic, fetchOffset, data);
          for (const record of records) push(toRead(data.partition, record));
          const lastRaw = raw[raw.length - 1];
          if (lastRaw) positions.set(data.partition, BigInt(lastRaw.offset) + 1n);
        }
      }),
    );
  }
}
