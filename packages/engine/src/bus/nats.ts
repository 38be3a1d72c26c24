/**
 * The NATS JetStream bus, wire-compatible with Argo Events (§2.2, §3): Argo's EventSources and Sensors can share a
 * stream with Signalbox in either direction.
 *
 * On the wire
 * - Stream `default`, subjects `default.*.*`, file storage, settings = `streamConfig` YAML merged over Argo's
 *   controller defaults ({@link parseStreamConfig}). Created when missing; an existing stream is left unchanged.
 *   Replicas are capped at what the server holds (1 without a cluster; reported through `onReplicasCapped`).
 *   WorkQueue retention is refused (#3377).
 * - Publish: subject `default.<eventSource>.<event>`, body = the CloudEvent JSON bytes as given, `Nats-Msg-Id` = the
 *   message id (dedup window = `duplicates`), transport headers (`traceparent`, `ce-*`, `sb-*`) as NATS headers.
 * - Consume: durable pull consumers named by the caller (Argo's `group-<fnv32a>`), AckExplicit, DeliverNew (or All),
 *   `ack_wait` = `ackWaitMs`, `max_ack_pending` = `maxInFlight`, filter `default.<es>.<event>` (`default.*.*` for
 *   `*`/`*`). `ack()` is a synchronous ack (AckAck), `working()` sends `+WPI`, `nak(ms)` a delayed `-NAK`.
 *   Several filters use `filter_subjects` on nats-server ≥ 2.10; on 2.9 the consumer reads `default.*.*` and acks
 *   what does not match, client-side.
 * - KV: bucket = store name (Argo: the sensor name), history 1, file storage. Keys JetStream allows
 *   (`[-/=._A-Za-z0-9]`, so Argo's `<trigger>/<dep>`) are stored as they are; any other key is stored as
 *   `_sb64=<base64url>` (see `nats/wire.ts`), which Argo would not read but never confuses with a plain key.
 *
 * Naming: Argo's exact names are the default ({@link ARGO_NAMES}); for the native kind, where several namespaces
 * share the process's NATS server, pass {@link namespacedNames}`(ns, bus)`: stream `<ns>_<bus>`, subjects
 * `<ns>.<bus>.<es>.<event>`, buckets `<ns>_<bus>_<sensor>`.
 *
 * Failure behaviour: publishes are pipelined within a bounded window (1,024); a full window or a full DiscardNew
 * stream answers `overloaded`, a disconnected or silent broker throws {@link BusUnavailableError} (→ 503), a body
 * over the server's `max_payload` throws `PAYLOAD_TOO_LARGE`. The connection reconnects forever; subscriptions resume
 * by themselves after a broker restart. `close()` hands back undelivered messages, waits for outstanding PubAcks and
 * drains the connection.
 *
 * @example
 * const bus = await createJetStreamBus({ servers: "nats://127.0.0.1:4222", streamConfig: spec.jetstreamExotic.streamConfig });
 * const result = await bus.publish({ id, eventSourceName: "webhook", eventName: "example", body, headers: {} });
 */
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { BusUnavailableError, EngineError, errorMessage } from "../errors.ts";
import { silentLogger, type Logger } from "../host.ts";
import { parseStreamConfig, type StreamSettings } from "./nats/config.ts";
import { ConnectionMonitor, openConnection, type JetStreamConnectionOptions } from "./nats/connection.ts";
import { deleteConsumer, planConsumer } from "./nats/consumers.ts";
import { openJetStreamKeyValue } from "./nats/kv.ts";
import { PipelinedPublisher } from "./nats/publisher.ts";
import { ensureStream, type ReplicasCapped, type StreamReady } from "./nats/stream.ts";
import { JetStreamSubscription } from "./nats/subscription.ts";
import { ARGO_NAMES, type JetStreamNames } from "./nats/wire.ts";
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
  parseAccessSecret,
  parseStreamConfig,
  STREAM_DEFAULTS,
  type AccessCredentials,
  type StreamSettings,
} from "./nats/config.ts";
export type { JetStreamConnectionOptions, JetStreamTlsOptions } from "./nats/connection.ts";
export type { ReplicasCapped, StreamReady } from "./nats/stream.ts";
export { ARGO_NAMES, namespacedNames, type JetStreamNames } from "./nats/wire.ts";

/** Everything {@link createJetStreamBus} takes. */
export interface JetStreamBusOptions extends JetStreamConnectionOptions, Partial<JetStreamNames> {
  /** The EventBus `streamConfig` YAML, or settings already parsed with {@link parseStreamConfig}. */
  streamConfig?: string | StreamSettings;
  /** Publishes allowed to wait for their PubAck at once; beyond it `publish` answers `overloaded`. Default 1,024. */
  publishWindow?: number;
  /** PubAck timeout; default 5 s. */
  publishTimeoutMs?: number;
  logger?: Logger;
  /** Called once when the requested replicas exceed what the server can hold, so the host can show a condition. */
  onReplicasCapped?: (info: ReplicasCapped) => void;
}

/** The JetStream bus, with what it found or made on the server. */
export interface JetStreamEventBus extends EventBus {
  readonly kind: "jetstream";
  readonly names: JetStreamNames;
  /** The stream as found (left unchanged) or created. */
  readonly stream: StreamReady;
}

/**
 * Connect, make sure the stream exists, and return the bus.
 * Throws {@link BusUnavailableError} when the server cannot be reached and `ValidationError` for a bad `streamConfig`.
 */
export async function createJetStreamBus(options: JetStreamBusOptions): Promise<JetStreamEventBus> {
  const settings =
    typeof options.streamConfig === "object" ? options.streamConfig : parseStreamConfig(options.streamConfig);
  const names: JetStreamNames = {
    streamName: options.streamName ?? ARGO_NAMES.streamName,
    subjectPrefix: options.subjectPrefix ?? ARGO_NAMES.subjectPrefix,
    kvPrefix: options.kvPrefix ?? ARGO_NAMES.kvPrefix,
  };
  const logger = (options.logger ?? silentLogger).child({ bus: "jetstream", stream: names.streamName });
  const nc = await openConnection(options);
  try {
    const jsm = await jetstreamManager(nc);
    const stream = await ensureStream({
      nc,
      jsm,
      names,
      settings,
      logger,
      ...(options.onReplicasCapped ? { onReplicasCapped: options.onReplicasCapped } : {}),
    });
    return new JetStreamBus({ nc, jsm, names, stream, logger, options });
  } catch (error) {
    await nc.close().catch(() => undefined);
    if (error instanceof EngineError) throw error;
    throw new BusUnavailableError(`JetStream is not available: ${errorMessage(error)}`, 5_000, { cause: error });
  }
}

interface BusInit {
  nc: NatsConnection;
  jsm: JetStreamManager;
  names: JetStreamNames;
  stream: StreamReady;
  logger: Logger;
  options: JetStreamBusOptions;
}

class JetStreamBus implements JetStreamEventBus {
  readonly kind = "jetstream" as const;
  readonly names: JetStreamNames;
  readonly stream: StreamReady;
  private readonly nc: NatsConnection;
  private readonly jsm: JetStreamManager;
  private readonly js: JetStreamClient;
  private readonly logger: Logger;
  private readonly monitor: ConnectionMonitor;
  private readonly publisher: PipelinedPublisher;
  private readonly subscriptions = new Map<string, JetStreamSubscription>();
  private isClosed = false;
  private resolveClosed!: () => void;
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  constructor(init: BusInit) {
    this.nc = init.nc;
    this.jsm = init.jsm;
    this.js = jetstream(init.nc);
    this.names = init.names;
    this.stream = init.stream;
    this.logger = init.logger;
    this.monitor = new ConnectionMonitor(init.nc, init.logger);
    this.publisher = new PipelinedPublisher({
      js: this.js,
      names: init.names,
      monitor: this.monitor,
      maxPayload: () => init.nc.info?.max_payload,
      ...(init.options.publishWindow !== undefined ? { window: init.options.publishWindow } : {}),
      ...(init.options.publishTimeoutMs !== undefined ? { timeoutMs: init.options.publishTimeoutMs } : {}),
    });
  }

  publish(message: BusMessage): Promise<PublishResult> {
    if (this.isClosed) return Promise.reject(new BusUnavailableError("the bus is closed"));
    return this.publisher.publish(message);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.isClosed) throw new BusUnavailableError("the bus is closed");
    const plan = planConsumer(this.names, options, this.nc);
    // One live subscription per durable name in this process: a second one would split deliveries unpredictably.
    await this.subscriptions.get(options.durable)?.close();
    const subscription: JetStreamSubscription = await JetStreamSubscription.open({
      nc: this.nc,
      js: this.js,
      jsm: this.jsm,
      names: this.names,
      plan,
      options,
      logger: this.logger.child({ consumer: options.durable }),
      onClose: () => {
        if (this.subscriptions.get(options.durable) === subscription) this.subscriptions.delete(options.durable);
      },
    });
    this.subscriptions.set(options.durable, subscription);
    return subscription;
  }

  async deleteConsumer(durable: string): Promise<void> {
    await this.subscriptions.get(durable)?.close();
    await deleteConsumer(this.jsm, this.names.streamName, durable);
  }

  openKeyValue(bucket: string): Promise<KeyValueStore> {
    if (this.isClosed) return Promise.reject(new BusUnavailableError("the bus is closed"));
    return openJetStreamKeyValue({ nc: this.nc, names: this.names, bucket, replicas: this.stream.replicas });
  }

  health(): BusHealth {
    return this.isClosed ? { connected: false, detail: "closed" } : this.monitor.health();
  }

  /** Stop subscriptions (unhanded deliveries go back), wait for outstanding PubAcks, drain and close the connection. */
  async close(): Promise<void> {
    if (this.isClosed) return this.closed;
    this.isClosed = true;
    this.monitor.closing();
    await Promise.all([...this.subscriptions.values()].map((subscription) => subscription.close()));
    await this.publisher.drain();
    try {
      // drain() flushes what is buffered (acks, naks); it cannot finish while disconnected, so it is bounded.
      await Promise.race([
        this.nc.drain(),
        new Promise((_, reject) => setTimeout(() => reject(new Error("drain timed out")), 5_000).unref()),
      ]);
    } catch (error) {
      this.logger.debug("NATS drain did not finish; closing", { error: errorMessage(error) });
      await this.nc.close().catch(() => undefined);
    }
    this.resolveClosed();
    return this.closed;
  }
}
