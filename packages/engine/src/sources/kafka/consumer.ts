/**
 * The running `kafka` source: per event, a kafkajs consumer whose records become events (type `kafka`, Argo's
 * deterministic id, Argo's data).
 *
 * - With `consumerGroup`: the group `groupName`, starting at the oldest or newest offset (`oldest`) when it has no
 *   committed offsets, partitions assigned by `rebalanceStrategy` (range by default; `sticky` has no kafkajs
 *   counterpart and uses round robin). A record's offset is committed only after its event was published or
 *   dropped by the source filter (at-least-once; kafkajs commits resolved offsets every second).
 * - Without: the one `partition`, from the newest offset as of the start, nothing ever committed — Argo's sarama
 *   partition consumer. kafkajs only consumes through a group, so each start uses a throwaway group
 *   `signalbox-<namespace>-<eventSource>-<event>-<random>` holding just that partition (a custom assignor), positioned
 *   at the high watermark read when the source starts; the group is deleted again on stop.
 * - A record the bus does not take is emitted again, with a growing delay, until it is published (the partition
 *   waits meanwhile; heartbeats continue). Argo's group consumer abandons its claim and re-reads, its partition
 *   consumer drops the record.
 * - A record that cannot be marshalled (`jsonBody` and not JSON) is skipped with an error line, as in Argo.
 * - `limitEventsPerSecond` sleeps 1/limit s after each record, in both modes (Argo applies it to consumer groups
 *   only, though its documentation does not say so).
 * - TLS, SASL and logging use the Kafka bus's client configuration (`bus/kafka/options.ts`). `version` is not
 *   used: kafkajs negotiates API versions with the broker.
 */
import { randomBytes } from "node:crypto";
import type { Admin, Consumer, EachMessagePayload } from "kafkajs";
import { assignersFor } from "../../bus/kafka/assigners.ts";
import { parseBrokers } from "../../bus/kafka/options.ts";
import { errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import { retryDelayMs, retryPlan } from "../../triggers/backoff.ts";
import type { SourceKindDefinition } from "../registry.ts";
import type { RunningSource, SourceContext } from "../types.ts";
import { DEFAULT_CONNECTION_BACKOFF, emitUntilTaken, restartDelayMs } from "../nats/emitRetry.ts";
import { resolveClientTls, resolveSasl, secretReader } from "../nats/secrets.ts";
import { kafkaClient, quietAfter } from "./clientOptions.ts";
import { kafkaEventData, kafkaEventId, kafkajsHeaderPairs } from "./data.ts";
import { singlePartitionAssigner } from "./singlePartition.ts";
import type { KafkaEvent } from "./schema.ts";

type StartOptions = Parameters<SourceKindDefinition<"kafka">["start"]>[0];

/** How long a start waits for the consumer to join its group before returning anyway. */
const JOIN_WAIT_MS = 20_000;

/** Start every event; resolves once each consumer has joined its group or failed its first attempt. */
export async function startKafkaSource({ context, events, services }: StartOptions): Promise<RunningSource> {
  const controller = new AbortController();
  const runners = Object.entries(events).map(
    ([eventName, config]) =>
      new KafkaEventRunner({
        context,
        eventName,
        config,
        read: secretReader(services.secrets, context.namespace),
        signal: controller.signal,
        logger: context.logger.child({ eventName, sourceType: "kafka" }),
      }),
  );
  await Promise.all(runners.map((runner) => runner.firstAttempt));
  return {
    async stop() {
      controller.abort();
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}

interface RunnerOptions {
  context: SourceContext;
  eventName: string;
  config: KafkaEvent;
  read: ReturnType<typeof secretReader>;
  signal: AbortSignal;
  logger: Logger;
}

/** One consumer session: from connect to crash or stop. */
interface Session {
  consumer: Consumer;
  admin: Admin;
  /** The throwaway group of partition mode, deleted on stop. */
  throwawayGroup?: string;
  /** Resolves when kafkajs gave up on the consumer (a crash it does not restart from). */
  crashed: Promise<string>;
}

class KafkaEventRunner {
  readonly firstAttempt: Promise<void>;
  private settleFirst: () => void = () => undefined;
  private session: Session | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly options: RunnerOptions) {
    this.firstAttempt = new Promise<void>((resolve) => (this.settleFirst = resolve));
    this.done = this.loop().catch((error: unknown) => {
      this.options.logger.error("kafka listener stopped on an unexpected error", { error: errorMessage(error) });
    });
  }

  async stop(): Promise<void> {
    await this.done;
  }

  private async loop(): Promise<void> {
    const { logger, signal } = this.options;
    const { clock } = this.options.context;
    let failures = 0;
    while (!signal.aborted) {
      try {
        const session = await this.connect();
        if (!session) break;
        this.session = session;
        failures = 0;
        const reason = await Promise.race([session.crashed, aborted(signal)]);
        if (!signal.aborted) {
          failures++;
          logger.error("kafka consumer crashed; restarting", { reason });
        }
      } catch (error) {
        failures++;
        logger.error("kafka listener failed; restarting", { error: errorMessage(error), url: this.options.config.url });
      } finally {
        this.settleFirst();
        await this.closeSession();
      }
      if (signal.aborted) break;
      await clock.sleep(restartDelayMs(failures), signal);
    }
  }

  /** Connect with `connectionBackoff`; `undefined` when stopped, throws after the last attempt. */
  private async connect(): Promise<Session | undefined> {
    const { config, logger, signal } = this.options;
    const plan = retryPlan(config.connectionBackoff ?? DEFAULT_CONNECTION_BACKOFF);
    let lastError: unknown;
    for (let attempt = 1; attempt <= plan.steps; attempt++) {
      if (attempt > 1) await this.options.context.clock.sleep(retryDelayMs(plan, attempt - 1), signal);
      if (signal.aborted) return undefined;
      try {
        return await this.open();
      } catch (error) {
        lastError = error;
        logger.warn("cannot start the kafka consumer", {
          url: config.url,
          topic: config.topic,
          attempt,
          error: errorMessage(error),
        });
        this.settleFirst();
        await this.closeSession();
      }
    }
    throw lastError instanceof Error ? lastError : new Error(errorMessage(lastError));
  }

  private async open(): Promise<Session> {
    const { config, context, eventName, logger, read, signal } = this.options;
    const tls = await resolveClientTls(config.tls, read);
    const sasl = await resolveSasl(config.sasl, read);
    const kafka = kafkaClient({
      url: config.url,
      topic: config.topic,
      clientId: "signalbox-kafka-source",
      tls,
      sasl,
      // kafkajs' warnings while this source stops (aborted fetches, a rejected eachMessage) are noise.
      logger: quietAfter(logger, signal),
    });
    const admin = kafka.admin();
    const group = config.consumerGroup;
    const partition = group ? undefined : Number(config.partition);
    const throwawayGroup =
      partition === undefined
        ? undefined
        : `signalbox-${context.namespace}-${context.eventSourceName}-${eventName}-${randomBytes(4).toString("hex")}`;
    const consumer = kafka.consumer({
      groupId: group?.groupName ?? throwawayGroup ?? "",
      partitionAssigners:
        partition === undefined
          ? assignersFor(
              group?.rebalanceStrategy === "roundrobin" || group?.rebalanceStrategy === "sticky"
                ? "roundrobin"
                : "range",
            )
          : [singlePartitionAssigner(config.topic, partition)],
      sessionTimeout: 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: 500,
      retry: {
        retries: 5,
        initialRetryTime: 300,
        maxRetryTime: 5_000,
        restartOnFailure: () => Promise.resolve(!signal.aborted),
      },
    });
    let crash: (reason: string) => void = () => undefined;
    const crashed = new Promise<string>((resolve) => (crash = resolve));
    const session: Session = { consumer, admin, crashed, ...(throwawayGroup ? { throwawayGroup } : {}) };
    this.session = session;
    await admin.connect();
    let startOffset: string | undefined;
    if (partition !== undefined) {
      const offsets = await admin.fetchTopicOffsets(config.topic);
      const found = offsets.find((entry) => entry.partition === partition);
      if (!found) {
        throw new Error(
          `partition ${partition} is not available on topic ${config.topic} (it has ${offsets.map((entry) => entry.partition).join(", ")})`,
        );
      }
      startOffset = found.high;
    }
    const joined = new Promise<void>((resolve) => {
      consumer.on(consumer.events.GROUP_JOIN, () => resolve());
    });
    consumer.on(consumer.events.CRASH, (event) => {
      if (!event.payload.restart) crash(errorMessage(event.payload.error));
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [config.topic], fromBeginning: group?.oldest === true });
    await consumer.run({
      autoCommit: partition === undefined,
      autoCommitInterval: 1_000,
      partitionsConsumedConcurrently: config.limitEventsPerSecond ? 1 : 4,
      eachMessage: (payload) => this.handle(payload),
    });
    if (partition !== undefined && startOffset !== undefined) {
      consumer.seek({ topic: config.topic, partition, offset: startOffset });
    }
    const joinWait = new AbortController();
    const timeout = context.clock
      .sleep(JOIN_WAIT_MS, AbortSignal.any([signal, joinWait.signal]))
      .then(() => "timeout" as const);
    const outcome = await Promise.race([
      joined.then(() => "joined" as const),
      timeout,
      crashed.then(() => "crashed" as const),
    ]);
    joinWait.abort();
    if (outcome === "joined") {
      logger.info("kafka consumer joined its group", {
        topic: config.topic,
        ...(group ? { group: group.groupName } : { partition, startOffset }),
        brokers: parseBrokers(config.url),
      });
    } else if (outcome === "timeout") {
      logger.warn("the kafka consumer has not joined its group yet; it keeps trying", { topic: config.topic });
    }
    this.settleFirst();
    return session;
  }

  private async handle({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const { config, context, eventName, logger, signal } = this.options;
    const headers = kafkajsHeaderPairs(message.headers);
    const built = kafkaEventData(
      {
        topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        timestampMs: Number(message.timestamp),
        headers,
      },
      {
        ...(config.jsonBody !== undefined ? { jsonBody: config.jsonBody } : {}),
        ...(config.metadata ? { metadata: config.metadata } : {}),
      },
    );
    if (!built.ok) {
      logger.error("skipping a Kafka record", { topic, partition, offset: message.offset, reason: built.reason });
      return;
    }
    const id = kafkaEventId({
      eventSourceName: context.eventSourceName,
      eventName,
      url: config.url,
      topic,
      partition,
      offset: message.offset,
    });
    const result = await emitUntilTaken(
      context.emit,
      { eventName, type: "kafka", data: built.data, id, ...traceHeaders(headers) },
      { clock: context.clock, logger, signal, onWait: heartbeat },
    );
    // Stopped before the bus took it: throwing keeps kafkajs from resolving (and committing) this offset.
    if (!result) throw new Error("the kafka source stopped before the event was published");
    const limit = config.limitEventsPerSecond ?? 0;
    if (limit > 0) await context.clock.sleep(Math.floor(1e9 / limit) / 1e6, signal);
  }

  private async closeSession(): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = undefined;
    await session.consumer.disconnect().catch(() => undefined);
    if (session.throwawayGroup) {
      // Nothing was committed, so the group usually vanished with its member; otherwise remove it.
      await session.admin.deleteGroups([session.throwawayGroup]).catch(() => undefined);
    }
    await session.admin.disconnect().catch(() => undefined);
  }
}

/** A record's W3C `traceparent` header, carried to the bus so the triggers continue the trace (as for webhooks). */
function traceHeaders(headers: readonly (readonly [string, Uint8Array | null])[]): {
  headers?: Record<string, string>;
} {
  const found = headers.findLast(([name, value]) => name.toLowerCase() === "traceparent" && value !== null);
  return found?.[1] ? { headers: { traceparent: Buffer.from(found[1]).toString("utf8") } } : {};
}

function aborted(signal: AbortSignal): Promise<void> {
  return new Promise<void>((resolve) => {
    if (signal.aborted) resolve();
    else signal.addEventListener("abort", () => resolve(), { once: true });
  });
}
