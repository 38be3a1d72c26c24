/**
 * {@link KeyValueStore} on a compacted topic `<eventTopic>-<bucket>-kv` (one partition): record key = KV key,
 * value = the bytes, an empty (null) value = a tombstone. Opening reads the topic to its end into memory; `put` and
 * `delete` resolve once the broker has the record (acks=all), then update memory.
 *
 * How this differs from Argo: Argo's Kafka sensor keeps AND-join state in its `-trigger` and `-action` topics
 * (consume-transform-produce in transactions) and has no KV store; JetStream buses keep it in a KV bucket per
 * sensor. This store gives the engine the same KV seam on Kafka. Its memory is per process: one process owns a
 * bucket (a sensor runs once); a second process writing the same bucket is seen only when the bucket is reopened.
 */
import { randomBytes } from "node:crypto";
import type { Admin, Kafka, KafkaMessage } from "kafkajs";
import { BusUnavailableError, errorMessage } from "../../errors.ts";
import type { KeyValueStore } from "../types.ts";
import type { KafkaSettings } from "./options.ts";
import type { ProducerHolder } from "./publisher.ts";
import { retrying, settleWithin } from "./settle.ts";
import { ensureTopic } from "./topics.ts";

/** What a store needs from its bus. */
export interface KeyValueInit {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producers: ProducerHolder;
  readonly topic: string;
  readonly settings: KafkaSettings;
}

/** How long reading a bucket to its end may take before opening fails. */
const LOAD_TIMEOUT_MS = 30_000;

/** See the file comment. */
export class KafkaKeyValueStore implements KeyValueStore {
  private readonly values = new Map<string, Uint8Array>();
  private writes: Promise<unknown> = Promise.resolve();

  private constructor(private readonly init: KeyValueInit) {}

  /** Create the topic if needed and load it. */
  static async open(init: KeyValueInit): Promise<KafkaKeyValueStore> {
    const { admin, topic, settings } = init;
    await ensureTopic(admin, {
      topic,
      partitions: 1,
      replicationFactor: settings.replicationFactor,
      create: settings.createTopics,
      compacted: true,
    });
    const store = new KafkaKeyValueStore(init);
    try {
      await store.load();
    } catch (error) {
      throw new BusUnavailableError(`cannot read Kafka key/value topic "${topic}": ${errorMessage(error)}`, 1_000, {
        cause: error,
      });
    }
    return store;
  }

  get(key: string): Promise<Uint8Array | undefined> {
    return Promise.resolve(this.values.get(key)?.slice());
  }

  put(key: string, value: Uint8Array): Promise<void> {
    const copy = value.slice();
    return this.write(key, copy, () => this.values.set(key, copy));
  }

  delete(key: string): Promise<void> {
    return this.write(key, null, () => this.values.delete(key));
  }

  keys(prefix = ""): Promise<string[]> {
    return Promise.resolve([...this.values.keys()].filter((key) => key.startsWith(prefix)).sort());
  }

  /** Writes go one at a time, so two writes of a key land in the order they were made. */
  private write(key: string, value: Uint8Array | null, apply: () => void): Promise<void> {
    const { producers, topic } = this.init;
    const run = this.writes.then(async () => {
      try {
        const producer = await producers.get();
        const buffer = value ? Buffer.from(value.buffer, value.byteOffset, value.byteLength) : null;
        await producer.send({ topic, acks: -1, messages: [{ key, value: buffer }] });
      } catch (error) {
        producers.reset();
        throw new BusUnavailableError(
          `cannot write key "${key}" to Kafka topic "${topic}": ${errorMessage(error)}`,
          1_000,
          {
            cause: error,
          },
        );
      }
      apply();
    });
    this.writes = run.catch(() => undefined);
    return run;
  }

  /** Read every partition from its start to the end it had when opening began. */
  private async load(): Promise<void> {
    const { kafka, admin, topic, settings } = this.init;
    const ends = await retrying(() => admin.fetchTopicOffsets(topic));
    const remaining = new Map(
      ends.filter((end) => Number(end.high) > Number(end.low)).map((end) => [end.partition, Number(end.high)]),
    );
    if (remaining.size === 0) return;
    // kafkajs reads only through consumer groups: a throwaway one, deleted afterwards.
    const groupId = `${settings.groupPrefix}kv-load-${randomBytes(6).toString("hex")}`;
    const consumer = kafka.consumer({ groupId, ...settings.consumer, allowAutoTopicCreation: false });
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatch: ({ batch }) => {
          for (const record of batch.messages) this.apply(record);
          const end = remaining.get(batch.partition);
          if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) remaining.delete(batch.partition);
          if (remaining.size === 0) finish();
          return Promise.resolve();
        },
      });
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`not read to its end within ${LOAD_TIMEOUT_MS} ms`)),
          LOAD_TIMEOUT_MS,
        );
      });
      await Promise.race([finished, timeout]).finally(() => clearTimeout(timer));
    } finally {
      await settleWithin(consumer.disconnect(), 10_000);
      await settleWithin(admin.deleteGroups([groupId]), 5_000);
    }
  }

  private apply(record: KafkaMessage): void {
    const key = record.key?.toString("utf8");
    if (key === undefined) return;
    if (record.value === null) this.values.delete(key);
    else this.values.set(key, new Uint8Array(record.value));
  }
}
