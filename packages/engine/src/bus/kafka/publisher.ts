/**
 * Publishing to the event topic: an idempotent producer (acks=all) fed by a linger batcher.
 *
 * - Publishes made within `lingerMs` of each other, or while a request is on the wire, share one produce request;
 *   one request is in flight at a time, which keeps each source's messages in order on its partition.
 * - At most `maxPendingPublishes` wait for the broker; beyond that `publish` answers `overloaded` at once.
 * - A failed request rejects everything waiting with {@link BusUnavailableError}, replaces the producer (a fresh
 *   producer id, so no sequence numbers are left over from a broker that died mid-request) and refuses publishes for
 *   `retryAfterMs`, so callers answer 503 quickly while the broker is away.
 * - Kafka has no server-side dedup: ids published in the last `dedupWindowMs` answer `duplicate` from memory. This
 *   covers one process; across processes the consumer side skips ids it has acknowledged (see `subscription.ts`).
 */
import { Partitioners, type Kafka, type Message, type Producer } from "kafkajs";
import { BusUnavailableError, EngineError, errorMessage } from "../../errors.ts";
import type { BusMessage, PublishResult } from "../types.ts";
import { toRecord, toSequence } from "./codec.ts";
import type { KafkaSettings } from "./options.ts";
import { RecentIds } from "./recentIds.ts";

/** Owns the bus' idempotent producer: connected on first use, replaced after a failure. */
export class ProducerHolder {
  private current: Promise<Producer> | undefined;
  private producer: Producer | undefined;
  private closed = false;

  constructor(private readonly kafka: Kafka) {}

  /** The connected producer, connecting a new one if needed. */
  get(): Promise<Producer> {
    if (this.closed) return Promise.reject(new BusUnavailableError("the Kafka bus is closed"));
    if (this.current) return this.current;
    const producer = this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner, // unused (partitions are explicit); silences kafkajs' notice
      // The idempotent default is to retry forever; a bounded budget lets a publish fail (503) while the broker is away.
      retry: { initialRetryTime: 100, maxRetryTime: 1_000, retries: 3 },
    });
    this.producer = producer;
    const connecting = producer.connect().then(
      () => producer,
      (error: unknown) => {
        if (this.current === connecting) this.current = undefined;
        void producer.disconnect().catch(() => undefined);
        throw error;
      },
    );
    this.current = connecting;
    return connecting;
  }

  /** Drop the producer after a failure; the next {@link get} connects a new one. */
  reset(): void {
    const old = this.producer;
    this.producer = undefined;
    this.current = undefined;
    if (old) void old.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closed = true;
    const old = this.producer;
    this.producer = undefined;
    this.current = undefined;
    if (old) await old.disconnect().catch(() => undefined);
  }
}

interface Pending {
  readonly message: BusMessage;
  readonly record: Message;
  readonly partition: number;
  readonly bytes: number;
  resolve(result: PublishResult): void;
  reject(error: unknown): void;
}

/** What a {@link KafkaPublisher} needs from its bus. */
export interface PublisherInit {
  readonly producers: ProducerHolder;
  readonly topic: string;
  readonly settings: KafkaSettings;
  /** Partition count of the topic, for {@link toSequence}. */
  readonly partitions: number;
  readonly partitionFor: (message: BusMessage) => number;
  /** Told after every produce request: `undefined` on success, the error otherwise. */
  readonly onOutcome: (error: unknown) => void;
}

/** Batches publishes into produce requests; see the file comment. */
export class KafkaPublisher {
  private queue: Pending[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private unavailableUntil = 0;
  private lastFailure = "";
  private closed = false;
  private readonly recent: RecentIds<Promise<PublishResult> | number>;

  constructor(private readonly init: PublisherInit) {
    this.recent = new RecentIds(init.settings.dedupWindowMs, init.settings.dedupMaxIds);
  }

  publish(message: BusMessage): Promise<PublishResult> {
    const { settings } = this.init;
    if (this.closed) return Promise.reject(new BusUnavailableError("the Kafka bus is closed"));
    const now = settings.clock.now();
    const seen = this.recent.get(message.id, now);
    if (typeof seen === "number") return Promise.resolve({ outcome: "duplicate", sequence: seen });
    if (seen) {
      return seen.then((result) =>
        result.outcome === "accepted" ? { outcome: "duplicate", sequence: result.sequence } : result,
      );
    }
    if (now < this.unavailableUntil) {
      const wait = this.unavailableUntil - now;
      return Promise.reject(new BusUnavailableError(`the Kafka broker is unavailable: ${this.lastFailure}`, wait));
    }
    if (this.queue.length + this.inFlight >= settings.maxPendingPublishes) {
      return Promise.resolve({
        outcome: "overloaded",
        retryAfterMs: settings.retryAfterMs,
        reason: `${settings.maxPendingPublishes} publishes are waiting for the Kafka broker`,
      });
    }
    const bytes = message.body.byteLength;
    if (bytes > settings.maxMessageBytes) {
      return Promise.reject(
        new EngineError(
          "PAYLOAD_TOO_LARGE",
          `the event is ${bytes} bytes; the Kafka bus takes at most ${settings.maxMessageBytes}`,
        ),
      );
    }
    const partition = this.init.partitionFor(message);
    const result = new Promise<PublishResult>((resolve, reject) => {
      this.queue.push({ message, record: toRecord(message, partition), partition, bytes, resolve, reject });
    });
    this.recent.set(message.id, result, now);
    result.then(
      (outcome) => {
        if (outcome.outcome === "accepted") this.recent.update(message.id, outcome.sequence);
      },
      () => this.recent.delete(message.id),
    );
    this.schedule();
    return result;
  }

  /** Send everything queued and wait for the answers (a clean close). */
  async flush(): Promise<void> {
    while (this.queue.length > 0 || this.draining) {
      this.startDrain();
      await this.draining;
    }
  }

  /** Refuse new publishes, then {@link flush}. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private schedule(): void {
    if (this.draining) return; // the running drain picks the message up after the request on the wire
    if (this.queue.length >= this.init.settings.maxBatchMessages || this.init.settings.lingerMs <= 0) {
      this.startDrain();
      return;
    }
    this.timer ??= setTimeout(() => this.startDrain(), this.init.settings.lingerMs);
  }

  private startDrain(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.draining || this.queue.length === 0) return;
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
      if (this.queue.length > 0) this.schedule(); // queued between the last check and here
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) await this.send(this.takeBatch());
  }

  /** Up to `maxBatchMessages`, each partition's share under `maxBatchBytes` (Kafka limits a record batch's size). */
  private takeBatch(): Pending[] {
    const { maxBatchMessages, maxBatchBytes } = this.init.settings;
    const bytes = new Map<number, number>();
    let count = 0;
    while (count < this.queue.length && count < maxBatchMessages) {
      const next = this.queue[count]!;
      const partitionBytes = (bytes.get(next.partition) ?? 0) + next.bytes;
      if (count > 0 && partitionBytes > maxBatchBytes) break; // keeps the order: stop, don't skip
      bytes.set(next.partition, partitionBytes);
      count += 1;
    }
    return this.queue.splice(0, count);
  }

  private async send(batch: Pending[]): Promise<void> {
    const { producers, topic, settings } = this.init;
    this.inFlight = batch.length;
    try {
      const producer = await producers.get();
      const answers = await producer.send({ topic, acks: -1, messages: batch.map((pending) => pending.record) });
      const base = new Map(
        answers.map((answer) => [answer.partition, Number(answer.baseOffset ?? answer.offset ?? -1)]),
      );
      const index = new Map<number, number>();
      for (const pending of batch) {
        const position = index.get(pending.partition) ?? 0;
        index.set(pending.partition, position + 1);
        const first = base.get(pending.partition) ?? -1;
        pending.resolve({
          outcome: "accepted",
          sequence: first >= 0 ? toSequence(pending.partition, first + position, this.init.partitions) : 0,
        });
      }
      this.init.onOutcome(undefined);
    } catch (error) {
      producers.reset();
      this.lastFailure = errorMessage(error);
      this.unavailableUntil = settings.clock.now() + settings.retryAfterMs;
      const failure = new BusUnavailableError(
        `Kafka did not accept the publish to topic "${topic}": ${this.lastFailure}`,
        settings.retryAfterMs,
        { cause: error },
      );
      // Whatever queued behind this request would wait for the same broker: answer it now.
      for (const pending of [...batch, ...this.queue.splice(0)]) pending.reject(failure);
      this.init.onOutcome(error);
    } finally {
      this.inFlight = 0;
    }
  }
}
