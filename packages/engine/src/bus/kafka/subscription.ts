/**
 * A durable subscription on the Kafka bus: one consumer group (`<groupPrefix><durable>`) reading the event topic and
 * filtering record keys (`source.event`) in the client, as Argo's sensor does.
 *
 * At least once: `eachBatch` only hands records to the {@link Inbox}; offsets are committed up to the lowest
 * unacknowledged record of each partition (acks may come in any order), every `commitIntervalMs` and on close. After
 * a crash or restart everything above the committed offset is delivered again.
 *
 * Where a new group starts is fixed when it is first subscribed (`deliver: "new"` = the end each partition had
 * before joining, `"all"` = the start): those offsets are sought and committed before `subscribe` resolves, so a
 * message published after `subscribe` resolves is never missed, even if the durable is closed before reading it.
 *
 * Consumer-side dedup: ids acknowledged by this durable in the last `dedupWindowMs` are skipped (acked at once) when
 * they come again, also by a later subscription of the durable in the same process. This memory is per process; it
 * is what dedups across publishing processes, since Kafka cannot.
 */
import type { Admin, Consumer, EachBatchPayload, Kafka, KafkaMessage } from "kafkajs";
import { BusUnavailableError, errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import type { Delivery, SubscribeOptions, Subscription } from "../types.ts";
import { AckTracker } from "./ackTracker.ts";
import { assignersFor } from "./assigners.ts";
import { fromRecord, keyMatcher, type Subject } from "./codec.ts";
import { Inbox, type PartitionState } from "./inbox.ts";
import type { KafkaSettings } from "./options.ts";
import type { RecentIds } from "./recentIds.ts";
import { retrying, settleWithin } from "./settle.ts";

/** What a subscription needs from its bus. */
export interface SubscriptionInit {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly topic: string;
  /** Partition count of the topic when the bus opened (for delivery sequence numbers). */
  readonly partitions: number;
  readonly groupId: string;
  readonly options: SubscribeOptions;
  readonly settings: KafkaSettings;
  /** Ids this durable acknowledged recently; kept by the bus so a new subscription of the durable shares it. */
  readonly acked: RecentIds<true>;
  readonly onClose: (subscription: KafkaSubscription) => void;
}

/** See the file comment. */
export class KafkaSubscription implements Subscription {
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private isClosed = false;
  private consumer: Consumer | undefined;
  private readonly partitions = new Map<number, PartitionState>();
  private readonly committed = new Map<number, number>();
  private readonly fresh = new Map<number, number>();
  private readonly inbox: Inbox;
  private readonly match: (key: string) => Subject | undefined;
  private readonly acked: RecentIds<true>;
  private readonly deliver: "new" | "all";
  private readonly logger: Logger;
  private commitTimer: NodeJS.Timeout | undefined;
  private committing: Promise<void> | undefined;
  private commitAgain = false;
  private commitFailing = false;
  private restartTimer: NodeJS.Timeout | undefined;

  /** Fix the start position of a new group, join it and start fetching. */
  static async open(init: SubscriptionInit): Promise<KafkaSubscription> {
    const subscription = new KafkaSubscription(init);
    try {
      await subscription.initialisePosition();
      await subscription.startConsumer();
    } catch (error) {
      await subscription.close();
      if (error instanceof BusUnavailableError) throw error;
      const message = `cannot subscribe "${init.groupId}" to Kafka topic "${init.topic}": ${errorMessage(error)}`;
      throw new BusUnavailableError(message, 1_000, { cause: error });
    }
    return subscription;
  }

  private constructor(private readonly init: SubscriptionInit) {
    const { options, settings } = init;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.logger = settings.logger.child({ bus: "kafka", topic: init.topic, group: init.groupId });
    this.match = keyMatcher(options.filters);
    this.acked = init.acked;
    this.deliver = options.deliver ?? (settings.oldest ? "all" : "new");
    this.inbox = new Inbox({
      ackWaitMs: options.ackWaitMs ?? 30_000,
      maxInFlight: options.maxInFlight ?? 512,
      partitions: init.partitions,
      onAck: (held) => {
        this.acked.set(held.message.id, true, settings.clock.now());
        this.scheduleCommit();
      },
    });
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery> {
    return {
      next: async () => {
        const delivery = await this.inbox.next();
        return delivery ? { done: false, value: delivery } : { done: true, value: undefined };
      },
      return: async () => (await this.close(), { done: true, value: undefined }),
    };
  }

  /** Commit what is acknowledged, leave the group. Unacknowledged records come again to the next subscriber. */
  async close(): Promise<void> {
    if (this.isClosed) return this.closed;
    this.isClosed = true;
    this.inbox.close();
    if (this.commitTimer) clearTimeout(this.commitTimer);
    if (this.restartTimer) clearTimeout(this.restartTimer);
    if (this.consumer) {
      await settleWithin(this.commit(), 5_000);
      await settleWithin(this.consumer.disconnect(), 10_000);
    }
    for (const state of this.partitions.values()) this.inbox.drop(state);
    this.init.onClose(this);
    this.resolveClosed();
  }

  /**
   * Start positions of partitions without a committed offset: the current end (`new`) or start (`all`), read before
   * joining. They are applied with `seek` when assigned and committed at once, so they hold from `subscribe` on.
   */
  private async initialisePosition(): Promise<void> {
    const { admin, groupId, topic } = this.init;
    const [current] = await retrying(() => admin.fetchOffsets({ groupId, topics: [topic] }));
    const unset = new Set(
      (current?.partitions ?? []).filter((entry) => Number(entry.offset) < 0).map((entry) => entry.partition),
    );
    if (unset.size === 0) return;
    for (const end of await retrying(() => admin.fetchTopicOffsets(topic))) {
      if (unset.has(end.partition)) this.fresh.set(end.partition, Number(this.deliver === "new" ? end.high : end.low));
    }
  }

  private async startConsumer(): Promise<void> {
    const { kafka, topic, groupId, settings } = this.init;
    const consumer = kafka.consumer({
      groupId,
      ...settings.consumer,
      partitionAssigners: assignersFor(settings.rebalanceStrategy),
      allowAutoTopicCreation: false,
      retry: {
        initialRetryTime: 200,
        maxRetryTime: 3_000,
        retries: 5,
        restartOnFailure: () => Promise.resolve(!this.isClosed),
      },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (event) =>
      this.assigned(consumer, event.payload.memberAssignment[topic] ?? []),
    );
    consumer.on(consumer.events.COMMIT_OFFSETS, (event) => {
      for (const entry of event.payload.topics) {
        if (entry.topic !== topic) continue;
        for (const { partition, offset } of entry.partitions) {
          this.committed.set(Number(partition), Number(String(offset)));
          this.fresh.delete(Number(partition));
        }
      }
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) this.scheduleRestart(consumer, event.payload.error);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: this.deliver === "all" });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 1,
      eachBatch: (payload) => this.eachBatch(payload),
    });
    await this.commit(); // the start positions of new partitions, before `subscribe` resolves
  }

  /** kafkajs gave up on this consumer (a non-retriable error): start a new one after a pause. */
  private scheduleRestart(consumer: Consumer, error: Error): void {
    if (this.isClosed || this.restartTimer || consumer !== this.consumer) return;
    this.logger.warn("Kafka consumer stopped; starting a new one", { error: errorMessage(error) });
    this.restartTimer = setTimeout(() => {
      this.restartTimer = undefined;
      void (async () => {
        await settleWithin(consumer.disconnect(), 5_000);
        if (this.isClosed) return;
        try {
          await this.startConsumer();
        } catch (restartError) {
          this.scheduleRestart(
            this.consumer ?? consumer,
            restartError instanceof Error ? restartError : new Error(String(restartError)),
          );
        }
      })();
    }, this.init.settings.retryAfterMs);
    this.restartTimer.unref();
  }

  /** A rebalance finished: forget partitions that went to another member, position new partitions. */
  private assigned(consumer: Consumer, partitions: readonly number[]): void {
    const keep = new Set(partitions);
    for (const [partition, state] of this.partitions) {
      if (keep.has(partition)) continue;
      this.inbox.drop(state);
      this.partitions.delete(partition);
      this.committed.delete(partition);
    }
    for (const partition of partitions) {
      const start = this.fresh.get(partition);
      if (start === undefined) continue; // kafkajs reads on from the committed offset
      const { tracker } = this.stateOf(partition);
      tracker.startAt(start);
      consumer.seek({ topic: this.init.topic, partition, offset: String(tracker.position() ?? start) });
      this.scheduleCommit();
    }
  }

  private stateOf(partition: number): PartitionState {
    let state = this.partitions.get(partition);
    if (!state) {
      state = { partition, tracker: new AckTracker(), held: new Set(), revoked: false };
      this.partitions.set(partition, state);
    }
    return state;
  }

  private async eachBatch(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    const running = () => !this.isClosed && payload.isRunning() && !payload.isStale();
    const state = this.stateOf(batch.partition);
    const { heartbeatInterval } = this.init.settings.consumer;
    for (const record of batch.messages) {
      if (!running()) break;
      const offset = Number(record.offset);
      const next = state.tracker.nextOffset;
      if (next === undefined || offset >= next) {
        while (this.inbox.full) {
          await this.inbox.waitForRoom(heartbeatInterval);
          if (!running() || state.revoked) return;
          await payload.heartbeat();
        }
        this.take(state, record, offset);
      } // else: already held or settled here (kafkajs fetches again from the committed offset after a rejoin)
      payload.resolveOffset(record.offset);
    }
    this.scheduleCommit();
  }

  private take(state: PartitionState, record: KafkaMessage, offset: number): void {
    const subject = this.match(record.key?.toString("utf8") ?? "");
    if (!subject) return state.tracker.take(offset, true);
    const message = fromRecord(record, subject, `${this.init.topic}:${state.partition}:${offset}`);
    if (this.acked.get(message.id, this.init.settings.clock.now())) return state.tracker.take(offset, true);
    this.inbox.add(state, { offset, message, storedAt: Number(record.timestamp) });
  }

  private scheduleCommit(): void {
    if (this.commitTimer || this.isClosed) return;
    this.commitTimer = setTimeout(() => {
      this.commitTimer = undefined;
      void this.commit();
    }, this.init.settings.commitIntervalMs);
    this.commitTimer.unref();
  }

  /** Commit each partition's settled position when it moved; one commit at a time. */
  private commit(): Promise<void> {
    if (this.committing) {
      this.commitAgain = true;
      return this.committing;
    }
    this.committing = (async () => {
      do {
        this.commitAgain = false;
        const offsets = [];
        for (const state of this.partitions.values()) {
          const position = state.tracker.position();
          if (position === undefined || (this.committed.get(state.partition) ?? -1) >= position) continue;
          offsets.push({ topic: this.init.topic, partition: state.partition, offset: String(position) });
        }
        if (offsets.length === 0 || !this.consumer) continue;
        try {
          await this.consumer.commitOffsets(offsets);
          this.commitFailing = false;
        } catch (error) {
          if (!this.commitFailing)
            this.logger.warn("committing Kafka offsets failed; will retry", { error: errorMessage(error) });
          this.commitFailing = true;
        }
        // kafkajs skips the commit while its consumer restarts: try again until the broker has it.
        if (offsets.some((entry) => (this.committed.get(entry.partition) ?? -1) < Number(entry.offset)))
          this.scheduleCommit();
      } while (this.commitAgain);
    })().finally(() => {
      this.committing = undefined;
    });
    return this.committing;
  }
}
