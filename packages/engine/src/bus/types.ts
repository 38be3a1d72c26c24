/**
 * The event bus seam. Every implementation (embedded SQLite log, NATS JetStream, Kafka) provides exactly this, and
 * one conformance suite (`testing/conformance.ts`) runs against each of them.
 *
 * Contract: a message for which `publish` resolved `accepted` (or `duplicate`) is durable — it survives a crash of
 * the process — and every durable consumer whose filter matches it will see it at least once.
 */

/** What travels on the bus: one CloudEvent, addressed by its EventSource and event name. */
export interface BusMessage {
  /** CloudEvent `id`; also the dedup key (JetStream `Nats-Msg-Id`). */
  readonly id: string;
  readonly eventSourceName: string;
  readonly eventName: string;
  /** The CloudEvent JSON exactly as written to the wire (Argo's structured mode with `data_base64`). */
  readonly body: Uint8Array;
  /**
   * Transport headers: `traceparent`, incoming `ce-*` extension attributes and Signalbox's own (`sb-replay-of`…).
   * They never appear as extra JSON attributes in `body`.
   */
  readonly headers: Readonly<Record<string, string>>;
}

/** The outcome of a publish. `overloaded` is expected under load and maps to HTTP 503 + Retry-After. */
export type PublishResult =
  | { readonly outcome: "accepted"; readonly sequence: number }
  | { readonly outcome: "duplicate"; readonly sequence: number }
  | { readonly outcome: "overloaded"; readonly retryAfterMs: number; readonly reason: string };

/** Which messages a subscription sees; `{eventSourceName: "*", eventName: "*"}` matches every message. */
export interface SubjectFilter {
  readonly eventSourceName: string;
  readonly eventName: string;
}

/** Options of a durable subscription. */
export interface SubscribeOptions {
  /** Durable consumer name; the position survives restarts under this name. */
  readonly durable: string;
  /** Messages matching any filter are delivered. */
  readonly filters: readonly SubjectFilter[];
  /** Where a consumer created for the first time starts: only new messages (Argo's DeliverNew) or the whole log. */
  readonly deliver?: "new" | "all";
  /** Redeliver a message that was neither acked nor marked in progress within this time. */
  readonly ackWaitMs?: number;
  /** Upper bound of delivered-but-unacked messages. */
  readonly maxInFlight?: number;
}

/** One delivered message. Call exactly one of `ack` or `nak`; `working` extends the ack deadline. */
export interface Delivery {
  readonly message: BusMessage;
  /** Position in the stream (monotonic per bus). */
  readonly sequence: number;
  /** 1 on first delivery, higher on redelivery. */
  readonly deliveryCount: number;
  /** When the bus stored the message, ms since the epoch. */
  readonly storedAt: number;
  ack(): Promise<void>;
  nak(delayMs?: number): void;
  working(): void;
}

/** A stream of deliveries; iterate with `for await`. */
export interface Subscription extends AsyncIterable<Delivery> {
  close(): Promise<void>;
  readonly closed: Promise<void>;
}

/** Small persistent key/value store next to the bus (JetStream KV in Argo), used for join state. */
export interface KeyValueStore {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, value: Uint8Array): Promise<void>;
  delete(key: string): Promise<void>;
  keys(prefix?: string): Promise<string[]>;
}

/** Something that can be closed, with a promise that settles once it is. */
export interface Closeable {
  close(): Promise<void>;
  readonly closed: Promise<void>;
}

/** Writes messages. */
export interface Publisher {
  publish(message: BusMessage): Promise<PublishResult>;
}

/** Reads messages through durable consumers. */
export interface Subscriber {
  subscribe(options: SubscribeOptions): Promise<Subscription>;
  /** Forget a durable consumer and its position (a dependency was removed or changed). */
  deleteConsumer(durable: string): Promise<void>;
}

/** Health as shown by `/readyz` and the console. */
export interface BusHealth {
  readonly connected: boolean;
  readonly detail?: string;
}

/** Every bus implementation Signalbox has. */
export type BusKind = "embedded" | "jetstream" | "kafka";

/** A bus: publish, subscribe, keep small state, close. */
export interface EventBus extends Publisher, Subscriber, Closeable {
  readonly kind: BusKind;
  openKeyValue(bucket: string): Promise<KeyValueStore>;
  health(): BusHealth;
  /**
   * Messages a durable consumer has not acknowledged yet that match its filters (its lag), or `undefined` when
   * the bus does not know the consumer. Optional: buses that cannot tell cheaply leave it out.
   */
  lag?(durable: string): Promise<number | undefined>;
}
