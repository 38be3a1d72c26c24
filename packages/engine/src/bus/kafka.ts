/**
 * The Kafka bus, wire-compatible with Argo Events' Kafka EventBus (§2.3): events go to one topic
 * (`<namespace>-<bus>` or `spec.kafka.topic`) keyed `"<eventSourceName>.<eventName>"`, the value being the
 * CloudEvent JSON exactly as given; transport headers (`traceparent`, `ce-*`, …) travel as Kafka headers.
 *
 * - Topics: Argo expects the event topic to exist (or the broker's `auto.create.topics.enable`) and leaves its
 *   partitioning to the admin. Signalbox creates a missing event topic itself with `partitions` (default 3) unless
 *   `createTopics` is false, and uses whatever partition count an existing topic has.
 * - Publish: idempotent producer, acks=all, publishes batched into few requests with a bounded window
 *   (`overloaded` when full), {@link BusUnavailableError} while the broker is away. See `kafka/publisher.ts`. The
 *   partition comes from `partitioner`: `random` (default, as Argo) and `roundrobin` spread a source over all
 *   partitions, `hash` keeps it on one, in order (see {@link KafkaBusOptions.partitioner}).
 * - Subscribe: one consumer group per durable, key filtering in the client, at-least-once commits up to the lowest
 *   unacknowledged record, in-process redelivery for `nak` and the ack wait. See `kafka/subscription.ts`.
 * - Scale-out: processes that subscribe the same durable are members of one consumer group, so the partitions —
 *   and the work — are split between them (range assignment by default: with 3 partitions and 2 processes, 2 + 1).
 *   A process can only share work it has partitions for: more processes than partitions leaves some idle, and with
 *   `hash` one (source, event) is one process' work. When a process dies without leaving (SIGKILL), its partitions
 *   move after the session timeout (10 s) and what it had acknowledged but not yet committed (≤ `commitIntervalMs`)
 *   is delivered again to the new owner, which cannot know it was handled: such duplicates are the at-least-once
 *   price.
 * - Dedup: Kafka has none. Published ids are remembered for `dedupWindowMs` in this process, and each durable skips
 *   ids it acknowledged within the window, which is what dedups across processes (the consumer-side ids).
 * - Key/value: a compacted topic per bucket, loaded into memory on open. Argo keeps join state in its per-sensor
 *   `-trigger`/`-action` topics instead; their names are exported for a later wire-compatible step.
 * - kafkajs reconnects by itself after a broker restart; a failed producer is replaced on the next publish.
 * - `version` (sarama's protocol version) is accepted and ignored: kafkajs negotiates API versions itself.
 *
 * @example
 * const bus = await createKafkaBus({ brokers: "kafka-0:9092,kafka-1:9092", namespace: "argo", busName: "default", logger });
 * await bus.publish({ id, eventSourceName: "webhook", eventName: "example", body, headers: {} });
 */
import { Kafka, type Admin } from "kafkajs";
import { BusUnavailableError, ConflictError, EngineError, errorMessage } from "../errors.ts";
import type { Logger } from "../host.ts";
import { eventPartitioner } from "./kafka/codec.ts";
import { KafkaKeyValueStore } from "./kafka/keyValue.ts";
import { kafkaClientConfig, resolveSettings, type KafkaBusOptions, type KafkaSettings } from "./kafka/options.ts";
import { KafkaPublisher, ProducerHolder } from "./kafka/publisher.ts";
import { RecentIds } from "./kafka/recentIds.ts";
import { settleWithin } from "./kafka/settle.ts";
import { KafkaSubscription } from "./kafka/subscription.ts";
import { assertTopicName, ensureTopic, kafkaKeyValueTopic, kafkaMessageKey } from "./kafka/topics.ts";
import type {
  BusHealth,
  BusMessage,
  EventBus,
  KeyValueStore,
  PublishResult,
  SubscribeOptions,
  Subscription,
} from "./types.ts";

export {
  kafkaActionTopic,
  kafkaEventTopic,
  kafkaKeyValueTopic,
  kafkaMessageKey,
  kafkaSensorConsumerGroup,
  kafkaTriggerTopic,
} from "./kafka/topics.ts";
export { saramaHashPartition } from "./kafka/codec.ts";
export type {
  KafkaBusOptions,
  KafkaConsumerGroupOptions,
  KafkaConsumerTuning,
  KafkaPartitioner,
  KafkaSaslOptions,
  KafkaTlsOptions,
} from "./kafka/options.ts";

/** Kafka's error code for a consumer group that does not exist. */
const GROUP_ID_NOT_FOUND = 69;
/** Kafka's error code for a consumer group that still has members. */
const NON_EMPTY_GROUP = 68;

/**
 * Connect to the brokers, make sure the event topic exists (creating it when allowed) and return the bus.
 * Fails with {@link BusUnavailableError} when the brokers cannot be reached or refuse to create the topic, and with a
 * `NotFoundError` naming the topic when it is missing and `createTopics` is false.
 */
export async function createKafkaBus(options: KafkaBusOptions): Promise<EventBus> {
  const settings = resolveSettings(options);
  assertTopicName(settings.topic);
  const kafka = new Kafka(kafkaClientConfig(options, settings));
  const admin = kafka.admin();
  const producers = new ProducerHolder(kafka);
  try {
    await admin.connect();
    const partitions = await ensureTopic(admin, {
      topic: settings.topic,
      partitions: settings.partitions,
      replicationFactor: settings.replicationFactor,
      create: settings.createTopics,
    });
    await producers.get();
    return new KafkaBus({ kafka, admin, producers, settings, partitions });
  } catch (error) {
    await settleWithin(producers.close(), 5_000);
    await settleWithin(admin.disconnect(), 5_000);
    if (error instanceof EngineError) throw error;
    throw new BusUnavailableError(
      `cannot connect to Kafka at ${settings.brokers.join(",")}: ${errorMessage(error)}`,
      1_000,
      {
        cause: error,
      },
    );
  }
}

interface KafkaBusInit {
  readonly kafka: Kafka;
  readonly admin: Admin;
  readonly producers: ProducerHolder;
  readonly settings: KafkaSettings;
  readonly partitions: number;
}

class KafkaBus implements EventBus {
  readonly kind = "kafka" as const;
  readonly closed: Promise<void>;
  private resolveClosed!: () => void;
  private isClosed = false;
  private readonly publisher: KafkaPublisher;
  private readonly subscriptions = new Map<string, KafkaSubscription>();
  private readonly stores = new Map<string, Promise<KafkaKeyValueStore>>();
  private readonly acked = new Map<string, RecentIds<true>>();
  private readonly logger: Logger;
  private connected = true;
  private detail: string | undefined;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly init: KafkaBusInit) {
    const { settings, producers } = init;
    this.closed = new Promise((resolve) => (this.resolveClosed = resolve));
    this.logger = settings.logger.child({ bus: "kafka", topic: settings.topic });
    const choose = eventPartitioner({ kind: settings.partitioner, topic: settings.topic, partitions: init.partitions });
    const partitionFor = (message: BusMessage) => choose(kafkaMessageKey(message.eventSourceName, message.eventName));
    this.publisher = new KafkaPublisher({
      producers,
      topic: settings.topic,
      settings,
      partitions: init.partitions,
      partitionFor,
      onOutcome: (error) => this.setHealth(error),
    });
    this.scheduleProbe();
  }

  publish(message: BusMessage): Promise<PublishResult> {
    return this.publisher.publish(message);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.isClosed) throw new BusUnavailableError("the Kafka bus is closed");
    // One live subscription per durable in this process, as on the other buses.
    await this.subscriptions.get(options.durable)?.close();
    const { kafka, admin, settings } = this.init;
    const subscription = await KafkaSubscription.open({
      kafka,
      admin,
      topic: settings.topic,
      partitions: this.init.partitions,
      groupId: this.groupId(options.durable),
      options,
      settings,
      acked: this.ackedBy(options.durable),
      onClose: (closing) => {
        if (this.subscriptions.get(options.durable) === closing) this.subscriptions.delete(options.durable);
      },
    });
    this.subscriptions.set(options.durable, subscription);
    return subscription;
  }

  async deleteConsumer(durable: string): Promise<void> {
    await this.subscriptions.get(durable)?.close();
    this.acked.delete(durable);
    const groupId = this.groupId(durable);
    try {
      await this.init.admin.deleteGroups([groupId]);
    } catch (error) {
      const codes = groupErrorCodes(error);
      if (codes.length > 0 && codes.every((code) => code === GROUP_ID_NOT_FOUND)) return;
      if (codes.includes(NON_EMPTY_GROUP)) {
        throw new ConflictError(`Kafka consumer group "${groupId}" still has members (another process consumes it)`);
      }
      throw new BusUnavailableError(`cannot delete Kafka consumer group "${groupId}": ${errorMessage(error)}`, 1_000, {
        cause: error,
      });
    }
  }

  openKeyValue(bucket: string): Promise<KeyValueStore> {
    if (this.isClosed) return Promise.reject(new BusUnavailableError("the Kafka bus is closed"));
    const topic = assertTopicName(kafkaKeyValueTopic(this.init.settings.topic, bucket), "bucket");
    let store = this.stores.get(bucket);
    if (!store) {
      const { kafka, admin, producers, settings } = this.init;
      store = KafkaKeyValueStore.open({ kafka, admin, producers, topic, settings });
      this.stores.set(bucket, store);
      store.catch(() => this.stores.delete(bucket));
    }
    return store;
  }

  health(): BusHealth {
    if (this.isClosed) return { connected: false, detail: "closed" };
    return this.detail === undefined
      ? { connected: this.connected }
      : { connected: this.connected, detail: this.detail };
  }

  /** Send what is queued, commit what is acknowledged, disconnect. */
  async close(): Promise<void> {
    if (this.isClosed) return this.closed;
    this.isClosed = true;
    if (this.probeTimer) clearTimeout(this.probeTimer);
    await this.publisher.close();
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.close()));
    await Promise.all([...this.stores.values()].map((store) => store.catch(() => undefined)));
    await settleWithin(this.init.producers.close(), 5_000);
    await settleWithin(this.init.admin.disconnect(), 5_000);
    this.resolveClosed();
  }

  private ackedBy(durable: string): RecentIds<true> {
    let ids = this.acked.get(durable);
    if (!ids) {
      ids = new RecentIds<true>(this.init.settings.dedupWindowMs, this.init.settings.dedupMaxIds);
      this.acked.set(durable, ids);
    }
    return ids;
  }

  private groupId(durable: string): string {
    return `${this.init.settings.groupPrefix}${durable}`;
  }

  private setHealth(error: unknown): void {
    const connected = error === undefined;
    if (connected !== this.connected) {
      if (connected) this.logger.info("Kafka is reachable again");
      else this.logger.warn("Kafka is unreachable", { error: errorMessage(error) });
    }
    this.connected = connected;
    this.detail = connected ? undefined : errorMessage(error);
  }

  /**
   * Ask the cluster for its brokers now and then, so health is right while nothing is published. (Not the topic's
   * metadata: a metadata request may auto-create a topic someone deleted, with the broker's defaults.)
   */
  private scheduleProbe(): void {
    if (this.isClosed) return;
    this.probeTimer = setTimeout(() => {
      const probe = this.init.admin.describeCluster();
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error("no answer within 3 s")), 3_000).unref(),
      );
      Promise.race([probe, timeout])
        .then(
          () => this.setHealth(undefined),
          (error: unknown) => this.setHealth(error),
        )
        .finally(() => this.scheduleProbe());
      probe.catch(() => undefined);
    }, this.init.settings.healthIntervalMs);
    this.probeTimer.unref();
  }
}

/** Error codes of a kafkajs deleteGroups failure (`KafkaJSDeleteGroupsError.groups`). */
function groupErrorCodes(error: unknown): number[] {
  if (!error || typeof error !== "object" || !("groups" in error) || !Array.isArray(error.groups)) return [];
  return error.groups.flatMap((group: unknown) =>
    group && typeof group === "object" && "errorCode" in group && typeof group.errorCode === "number"
      ? [group.errorCode]
      : [],
  );
}
