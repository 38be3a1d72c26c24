/**
 * Options of the Kafka bus and their translation into a kafkajs client configuration. The field names follow Argo's
 * `EventBus.spec.kafka` (§1.3) with secrets already resolved to their contents by the host.
 */
import { logLevel, type KafkaConfig, type logCreator, type SASLOptions } from "kafkajs";
import type { ConnectionOptions } from "node:tls";
import { ValidationError } from "../../errors.ts";
import { silentLogger, systemClock, type Clock, type Logger } from "../../host.ts";

/** TLS settings (Argo's `tls`), with the PEM contents rather than secret references. */
export interface KafkaTlsOptions {
  /** PEM of the CA that signed the brokers' certificates; the system roots when absent. */
  readonly caCert?: string;
  /** PEM of the client certificate (mutual TLS). */
  readonly clientCert?: string;
  /** PEM of the client key (mutual TLS). */
  readonly clientKey?: string;
  /** Accept any broker certificate. For test clusters only. */
  readonly insecureSkipVerify?: boolean;
}

/** SASL settings (Argo's `sasl`) with the user and password resolved. */
export interface KafkaSaslOptions {
  /** `PLAIN`, `SCRAM-SHA-256` or `SCRAM-SHA-512`; anything else unknown falls back to PLAIN as in Argo. */
  readonly mechanism?: string;
  readonly user: string;
  readonly password: string;
}

/** Argo's `consumerGroup`. */
export interface KafkaConsumerGroupOptions {
  /** Prefix of every consumer group this bus opens (`<groupName>-<durable>`). */
  readonly groupName?: string;
  /** Start a consumer group that has no committed offsets at the oldest message (when `deliver` is not given). */
  readonly oldest?: boolean;
  /** `range` (default, as Kafka's), `roundrobin`; `sticky` has no kafkajs assigner and uses round robin. */
  readonly rebalanceStrategy?: "range" | "sticky" | "roundrobin";
}

/** Consumer timings; the defaults (sarama's, so Argo's) suit production, tests shorten them. */
export interface KafkaConsumerTuning {
  /**
   * How long the group coordinator waits for a silent member before giving its partitions to the others (default
   * 10 s, sarama's). A process killed with SIGKILL never leaves its groups: what it held but had not committed is
   * delivered again by another process once this expires.
   */
  readonly sessionTimeout?: number;
  /** How long a rebalance waits for members to rejoin (default 60 s, sarama's). */
  readonly rebalanceTimeout?: number;
  /** Default 3 s (sarama's); must stay well under `sessionTimeout`. */
  readonly heartbeatInterval?: number;
  /** Longest a fetch waits at the broker for new data; also bounds how long a close waits for a fetch. */
  readonly maxWaitTimeInMs?: number;
}

/** Everything {@link createKafkaBus} accepts. Only `brokers` is required. */
export interface KafkaBusOptions {
  /** Broker list: Argo's comma-separated `url`, or an array of `host:port`. */
  readonly brokers: string | readonly string[];
  /** Event topic; default `<namespace>-<busName>` as Argo's controller fills it in. */
  readonly topic?: string;
  /** Namespace of the EventBus, for the default topic name. */
  readonly namespace?: string;
  /** Name of the EventBus, for the default topic name. */
  readonly busName?: string;
  readonly clientId?: string;
  /** `true` for TLS with the system roots. */
  readonly tls?: KafkaTlsOptions | boolean;
  readonly sasl?: KafkaSaslOptions;
  readonly consumerGroup?: KafkaConsumerGroupOptions;
  /** Argo's sarama protocol version. Accepted and ignored: kafkajs negotiates API versions with the broker itself. */
  readonly version?: string;
  /**
   * How a published event picks its partition of the event topic (Argo's `spec.kafka.partitioner`):
   * - `random` (the default, as in Argo): a random partition per publish. Even a single source is spread over all
   *   partitions, so processes sharing a sensor's consumer groups split its work (scale-out); a source's events are
   *   in order per partition only.
   * - `hash`: sarama's hash partitioner (FNV-1a of the key `source.event`), so Signalbox and
   *   Argo EventSources writing the same topic send a source's events to the same partition, in order. The price: the
   *   events of one (source, event) are one partition, so one member of a consumer group — one process — handles
   *   them all; work is split between processes only across different sources.
   * - `murmur2`: the Java client's key hash, same properties.
   * - `roundrobin`: the next partition for each publish (per process), as sarama's round-robin partitioner does.
   *   Like `random`, it spreads a single source over all partitions.
   * - `manual` (sarama sends every keyed record to partition 0 then) and unknown values fall back to `hash`.
   */
  readonly partitioner?: string;
  /** Create missing topics (default true). When false a missing topic is an error naming it. */
  readonly createTopics?: boolean;
  /** Partitions of a topic this bus creates (default 3). The KV topics always get 1. */
  readonly partitions?: number;
  /** Replication factor of created topics; default -1, the broker's `default.replication.factor`. */
  readonly replicationFactor?: number;
  /** Prefix of consumer group names; default `<consumerGroup.groupName>-` or else `<topic>-`. */
  readonly groupPrefix?: string;
  /** How long published and acknowledged ids are remembered for dedup (default 300 s, JetStream's `duplicates`). */
  readonly dedupWindowMs?: number;
  /** Most ids remembered per window, to bound memory (default 200,000). */
  readonly dedupMaxIds?: number;
  /** Publishes waiting for the broker before `publish` answers `overloaded` (default 10,000). */
  readonly maxPendingPublishes?: number;
  /** How long a publish waits for others to share its request (default 1 ms). */
  readonly lingerMs?: number;
  /** Most messages in one produce request (default 5,000). */
  readonly maxBatchMessages?: number;
  /** Most body bytes per partition in one produce request (default 900,000: a record batch must stay under the
   * broker's `message.max.bytes`, about 1 MB by default). */
  readonly maxBatchBytes?: number;
  /** Largest body accepted; Kafka's default `max.message.bytes` is about 1 MB (default 1,000,000). */
  readonly maxMessageBytes?: number;
  /** How often acknowledged offsets are committed (default 100 ms); a close always commits. */
  readonly commitIntervalMs?: number;
  /** The Retry-After given with `overloaded` and {@link BusUnavailableError} (default 1,000 ms). */
  readonly retryAfterMs?: number;
  /** How often `health()` is refreshed by asking the broker for the topic's metadata (default 5,000 ms). */
  readonly healthIntervalMs?: number;
  readonly connectionTimeout?: number;
  readonly requestTimeout?: number;
  readonly consumer?: KafkaConsumerTuning;
  /** kafkajs logs are mapped to this logger at warn and error only. */
  readonly logger?: Logger;
  readonly clock?: Clock;
}

/** The partitioners of the event topic; see {@link KafkaBusOptions.partitioner}. */
export type KafkaPartitioner = "hash" | "murmur2" | "roundrobin" | "random";

const partitioners: readonly string[] = ["hash", "murmur2", "roundrobin", "random"] satisfies KafkaPartitioner[];

/** The options with every default applied. */
export interface KafkaSettings {
  readonly brokers: string[];
  readonly topic: string;
  readonly clientId: string;
  readonly partitioner: KafkaPartitioner;
  readonly createTopics: boolean;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly groupPrefix: string;
  readonly oldest: boolean;
  readonly rebalanceStrategy: "range" | "roundrobin";
  readonly dedupWindowMs: number;
  readonly dedupMaxIds: number;
  readonly maxPendingPublishes: number;
  readonly lingerMs: number;
  readonly maxBatchMessages: number;
  readonly maxBatchBytes: number;
  readonly maxMessageBytes: number;
  readonly commitIntervalMs: number;
  readonly retryAfterMs: number;
  readonly healthIntervalMs: number;
  readonly consumer: Required<KafkaConsumerTuning>;
  readonly logger: Logger;
  readonly clock: Clock;
}

/** Apply defaults and check the options; throws {@link ValidationError} listing every problem. */
export function resolveSettings(options: KafkaBusOptions): KafkaSettings {
  const issues: { path: string; message: string }[] = [];
  const brokers = parseBrokers(options.brokers);
  if (brokers.length === 0) issues.push({ path: "brokers", message: "at least one broker (host:port) is required" });
  const topic =
    options.topic ?? (options.namespace && options.busName ? `${options.namespace}-${options.busName}` : "");
  if (!topic)
    issues.push({
      path: "topic",
      message: "set topic, or namespace and busName for the default <namespace>-<busName>",
    });
  const logger = options.logger ?? silentLogger;
  const partitioner = partitioners.includes(options.partitioner ?? "")
    ? (options.partitioner as KafkaPartitioner)
    : options.partitioner
      ? "hash"
      : "random";
  if (options.partitioner && partitioner !== options.partitioner) {
    logger.warn(`Kafka partitioner "${options.partitioner}" is not supported by the Kafka bus; using "hash"`);
  }
  const strategy = options.consumerGroup?.rebalanceStrategy;
  const positive = (path: string, value: number | undefined, fallback: number): number => {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) issues.push({ path, message: "must be a positive number" });
    return value;
  };
  const groupName = options.consumerGroup?.groupName;
  const settings: KafkaSettings = {
    brokers,
    topic,
    clientId: options.clientId ?? "signalbox",
    partitioner,
    createTopics: options.createTopics ?? true,
    partitions: positive("partitions", options.partitions, 3),
    replicationFactor: options.replicationFactor ?? -1,
    groupPrefix: options.groupPrefix ?? (groupName ? `${groupName}-` : `${topic}-`),
    oldest: options.consumerGroup?.oldest ?? false,
    rebalanceStrategy: strategy === "range" || strategy === undefined ? "range" : "roundrobin",
    dedupWindowMs: positive("dedupWindowMs", options.dedupWindowMs, 300_000),
    dedupMaxIds: positive("dedupMaxIds", options.dedupMaxIds, 200_000),
    maxPendingPublishes: positive("maxPendingPublishes", options.maxPendingPublishes, 10_000),
    lingerMs: options.lingerMs ?? 1,
    maxBatchMessages: positive("maxBatchMessages", options.maxBatchMessages, 5_000),
    maxBatchBytes: positive("maxBatchBytes", options.maxBatchBytes, 900_000),
    maxMessageBytes: positive("maxMessageBytes", options.maxMessageBytes, 1_000_000),
    commitIntervalMs: positive("commitIntervalMs", options.commitIntervalMs, 100),
    retryAfterMs: positive("retryAfterMs", options.retryAfterMs, 1_000),
    healthIntervalMs: positive("healthIntervalMs", options.healthIntervalMs, 5_000),
    consumer: {
      sessionTimeout: options.consumer?.sessionTimeout ?? 10_000,
      rebalanceTimeout: options.consumer?.rebalanceTimeout ?? 60_000,
      heartbeatInterval: options.consumer?.heartbeatInterval ?? 3_000,
      maxWaitTimeInMs: options.consumer?.maxWaitTimeInMs ?? 500,
    },
    logger,
    clock: options.clock ?? systemClock,
  };
  if (options.sasl) saslConfig(options.sasl, issues);
  if (issues.length > 0) throw new ValidationError(issues);
  return settings;
}

/** Argo's `url` is a comma-separated list; blanks are ignored. */
export function parseBrokers(brokers: string | readonly string[]): string[] {
  const list = typeof brokers === "string" ? brokers.split(",") : brokers;
  return list.map((broker) => broker.trim()).filter((broker) => broker.length > 0);
}

/** The kafkajs client configuration of a bus. */
export function kafkaClientConfig(options: KafkaBusOptions, settings: KafkaSettings): KafkaConfig {
  const config: KafkaConfig = {
    brokers: settings.brokers,
    clientId: settings.clientId,
    connectionTimeout: options.connectionTimeout ?? 3_000,
    requestTimeout: options.requestTimeout ?? 10_000,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator(settings.logger),
    retry: { initialRetryTime: 200, maxRetryTime: 3_000, retries: 5 },
  };
  if (options.tls) config.ssl = tlsConfig(options.tls);
  if (options.sasl) {
    const sasl = saslConfig(options.sasl, []);
    if (sasl) config.sasl = sasl;
  }
  return config;
}

function tlsConfig(tls: KafkaTlsOptions | true): ConnectionOptions | true {
  if (tls === true) return true;
  const config: ConnectionOptions = { rejectUnauthorized: !tls.insecureSkipVerify };
  if (tls.caCert) config.ca = [tls.caCert];
  if (tls.clientCert) config.cert = tls.clientCert;
  if (tls.clientKey) config.key = tls.clientKey;
  return config;
}

/** Argo's mechanism names to kafkajs'; unknown ones are PLAIN (Argo does the same), unsupported ones an issue. */
function saslConfig(sasl: KafkaSaslOptions, issues: { path: string; message: string }[]): SASLOptions | undefined {
  const mechanism = (sasl.mechanism ?? "PLAIN").toUpperCase();
  const credentials = { username: sasl.user, password: sasl.password };
  switch (mechanism) {
    case "SCRAM-SHA-256":
      return { mechanism: "scram-sha-256", ...credentials };
    case "SCRAM-SHA-512":
      return { mechanism: "scram-sha-512", ...credentials };
    case "OAUTHBEARER":
    case "GSSAPI":
      issues.push({
        path: "sasl.mechanism",
        message: `${mechanism} is not supported by the Kafka bus (use PLAIN or SCRAM)`,
      });
      return undefined;
    default:
      return { mechanism: "plain", ...credentials };
  }
}

/** Messages kafkajs warns about for choices this bus makes on purpose. */
const expectedWarnings = ["Limiting retries for the idempotent producer"];

/** kafkajs' log lines go to the engine logger, warn and error only (its info and debug lines are noise). */
export function kafkaLogCreator(logger: Logger): logCreator {
  const kafkaLogger = logger.child({ component: "kafkajs" });
  return () => (entry) => {
    const { message, timestamp: _timestamp, ...fields } = entry.log;
    if (expectedWarnings.some((text) => message.startsWith(text))) return;
    const line = `${entry.namespace ? `${entry.namespace}: ` : ""}${message}`;
    if (entry.level === logLevel.ERROR) kafkaLogger.error(line, fields);
    else if (entry.level === logLevel.WARN) kafkaLogger.warn(line, fields);
  };
}
