/**
 * The few kafkajs 2.2.4 internals an attachment uses to read a topic WITHOUT a consumer group: kafkajs' public
 * consumer always joins a group (which the broker records), so reading goes one level down, to the cluster client the
 * public clients are built on — metadata, leaders, and plain Fetch requests (`replicaId -1`, like any consumer's
 * fetch, but with no group, no offset commit, nothing left on the broker). `Batch` is kafkajs' own post-processing of
 * a fetch answer (records before the asked offset, control records and aborted transactions are dropped).
 *
 * kafkajs is pinned to 2.2.4 in `packages/engine/package.json`; these paths and shapes are checked by the attach
 * integration test.
 */
import { createRequire } from "node:module";
import type {
  ISocketFactory,
  KafkaConfig,
  KafkaMessage,
  Logger as KafkaLogger,
  PartitionMetadata,
  RetryOptions,
} from "kafkajs";

const require = createRequire(import.meta.url);

/** One partition of a Fetch answer. */
export interface FetchedPartition {
  partition: number;
  errorCode: number;
  highWatermark: string;
  abortedTransactions: { producerId: string; firstOffset: string }[];
  messages: KafkaMessage[];
}

/** kafkajs' internal broker connection (the parts used here). */
export interface InternalBroker {
  fetch(request: {
    replicaId: number;
    isolationLevel: number;
    maxWaitTime: number;
    minBytes: number;
    maxBytes: number;
    topics: { topic: string; partitions: { partition: number; fetchOffset: string; maxBytes: number }[] }[];
  }): Promise<{ responses: { topicName: string; partitions: FetchedPartition[] }[] }>;
}

/** kafkajs' internal cluster client (the parts used here). */
export interface InternalCluster {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  addTargetTopic(topic: string): Promise<void>;
  refreshMetadata(): Promise<void>;
  findTopicPartitionMetadata(topic: string): PartitionMetadata[];
  findLeaderForPartitions(topic: string, partitions: number[]): Record<string, number[]>;
  findBroker(query: { nodeId: string }): Promise<InternalBroker>;
}

interface ClusterOptions {
  logger: KafkaLogger;
  socketFactory: ISocketFactory;
  brokers: string[];
  ssl?: KafkaConfig["ssl"];
  sasl?: KafkaConfig["sasl"];
  clientId?: string;
  connectionTimeout?: number;
  requestTimeout?: number;
  enforceRequestTimeout?: boolean;
  metadataMaxAge?: number;
  retry?: RetryOptions;
  allowAutoTopicCreation: boolean;
  isolationLevel: number;
}

const Cluster = require("kafkajs/src/cluster/index.js") as new (options: ClusterOptions) => InternalCluster;
const Batch = require("kafkajs/src/consumer/batch.js") as new (
  topic: string,
  fetchedOffset: string,
  partitionData: FetchedPartition,
) => { messages: KafkaMessage[]; messagesWithinOffset: KafkaMessage[] };
const defaultSocketFactory = require("kafkajs/src/network/socketFactory.js") as () => ISocketFactory;

/** READ_COMMITTED, as Argo's sensors read. */
export const READ_COMMITTED = 1;

/** A cluster client that can never auto-create a topic, reading committed records. */
export function createReadOnlyCluster(config: KafkaConfig, logger: KafkaLogger): InternalCluster {
  const brokers = config.brokers;
  if (!Array.isArray(brokers)) throw new Error("brokers must be a list");
  return new Cluster({
    logger,
    socketFactory: config.socketFactory ?? defaultSocketFactory(),
    brokers: [...brokers],
    ...(config.ssl !== undefined ? { ssl: config.ssl } : {}),
    ...(config.sasl !== undefined ? { sasl: config.sasl } : {}),
    ...(config.clientId !== undefined ? { clientId: config.clientId } : {}),
    ...(config.connectionTimeout !== undefined ? { connectionTimeout: config.connectionTimeout } : {}),
    ...(config.requestTimeout !== undefined ? { requestTimeout: config.requestTimeout } : {}),
    enforceRequestTimeout: true,
    metadataMaxAge: 300_000,
    ...(config.retry !== undefined ? { retry: config.retry } : {}),
    allowAutoTopicCreation: false,
    isolationLevel: READ_COMMITTED,
  });
}

/** The records of a fetch answer at or after `fetchOffset`, without control records and aborted transactions. */
export function recordsOf(
  topic: string,
  fetchOffset: string,
  partition: FetchedPartition,
): { records: KafkaMessage[]; raw: KafkaMessage[] } {
  const batch = new Batch(topic, fetchOffset, partition);
  return { records: batch.messages, raw: batch.messagesWithinOffset };
}
