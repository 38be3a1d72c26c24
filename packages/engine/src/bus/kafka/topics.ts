/**
 * Topic and key names Argo Events uses on a Kafka EventBus (§2.3), and topic creation.
 *
 * Argo's sensor keeps AND-join state in two topics of its own (`-trigger` and `-action`, a consume-transform-produce
 * pipeline). This bus keeps join state in a compacted key/value topic instead (`-kv`, see `keyValue.ts`); the
 * trigger/action names are provided for a later wire-compatible sensor and are not used yet.
 */
import type { Admin, IResourceConfigEntry } from "kafkajs";
import { BusUnavailableError, NotFoundError, ValidationError, errorMessage } from "../../errors.ts";

/** Kafka's legal topic names. */
const topicPattern = /^[a-zA-Z0-9._-]{1,249}$/;

/** Throws {@link ValidationError} unless `topic` is a legal Kafka topic name. */
export function assertTopicName(topic: string, path = "topic"): string {
  if (!topicPattern.test(topic) || topic === "." || topic === "..") {
    throw new ValidationError([
      { path, message: `"${topic}" is not a valid Kafka topic name ([a-zA-Z0-9._-], at most 249)` },
    ]);
  }
  return topic;
}

/** The event topic: `spec.kafka.topic`, or `<namespace>-<eventBusName>` as Argo's controller defaults it. */
export function kafkaEventTopic(bus: { namespace: string; name: string; topic?: string | undefined }): string {
  return bus.topic ?? `${bus.namespace}-${bus.name}`;
}

/** Argo's per-sensor trigger topic: `<eventTopic>-<sensorName>-trigger` (AND-join candidates). */
export function kafkaTriggerTopic(eventTopic: string, sensorName: string): string {
  return `${eventTopic}-${sensorName}-trigger`;
}

/** Argo's per-sensor action topic: `<eventTopic>-<sensorName>-action` (events that fire a trigger). */
export function kafkaActionTopic(eventTopic: string, sensorName: string): string {
  return `${eventTopic}-${sensorName}-action`;
}

/** Argo's default consumer group of a sensor when `consumerGroup.groupName` is unset: `<namespace>-<sensorName>`. */
export function kafkaSensorConsumerGroup(namespace: string, sensorName: string): string {
  return `${namespace}-${sensorName}`;
}

/** Signalbox's compacted key/value topic of a bucket: `<eventTopic>-<bucket>-kv`. */
export function kafkaKeyValueTopic(eventTopic: string, bucket: string): string {
  return `${eventTopic}-${bucket}-kv`;
}

/** The message key on the event topic: `"<eventSourceName>.<eventName>"`. */
export function kafkaMessageKey(eventSourceName: string, eventName: string): string {
  return `${eventSourceName}.${eventName}`;
}

/** How {@link ensureTopic} creates a missing topic. */
export interface TopicSpec {
  readonly topic: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  /** May the topic be created when missing? */
  readonly create: boolean;
  /** `cleanup.policy=compact` (key/value topics). */
  readonly compacted?: boolean;
}

/**
 * Make sure a topic exists, creating it when allowed; resolves its partition count. A missing topic that may not be
 * created is a {@link NotFoundError}, a creation the broker refuses a {@link BusUnavailableError}, both naming it.
 */
export async function ensureTopic(admin: Admin, spec: TopicSpec): Promise<number> {
  const existing = await partitionCount(admin, spec.topic);
  if (existing !== undefined) return existing;
  if (!spec.create) {
    throw new NotFoundError(
      `Kafka topic "${spec.topic}" does not exist and creating topics is not allowed (createTopics: false); create it on the cluster first`,
    );
  }
  const configEntries: IResourceConfigEntry[] = spec.compacted ? [{ name: "cleanup.policy", value: "compact" }] : [];
  try {
    await admin.createTopics({
      waitForLeaders: true,
      topics: [
        { topic: spec.topic, numPartitions: spec.partitions, replicationFactor: spec.replicationFactor, configEntries },
      ],
    });
  } catch (error) {
    throw new BusUnavailableError(`cannot create Kafka topic "${spec.topic}": ${errorMessage(error)}`, 5_000, {
      cause: error,
    });
  }
  return (await partitionCount(admin, spec.topic)) ?? spec.partitions;
}

/** Partition count of a topic, `undefined` when it does not exist. Never auto-creates (lists topics first). */
async function partitionCount(admin: Admin, topic: string): Promise<number | undefined> {
  let topics: string[];
  try {
    topics = await admin.listTopics();
  } catch (error) {
    throw new BusUnavailableError(
      `cannot reach the Kafka cluster to look up topic "${topic}": ${errorMessage(error)}`,
      1_000,
      {
        cause: error,
      },
    );
  }
  if (!topics.includes(topic)) return undefined;
  const metadata = await admin.fetchTopicMetadata({ topics: [topic] });
  return metadata.topics.find((entry) => entry.name === topic)?.partitions.length;
}
