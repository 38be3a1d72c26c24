/**
 * What an attachment to someone else's Argo Events bus offers: read its messages (newest first, by position), follow
 * new ones, and — only when the host has asked its user for confirmation — publish one CloudEvent in Argo's exact
 * wire format. Readers never create anything on the bus: no stream, consumer, KV bucket, topic or consumer group.
 */
import type { CloudEventRecord } from "../../sources/cloudevent.ts";

/** One message of the attached bus, decoded when it is a CloudEvent. */
export interface AttachedMessage {
  /** Where it is: the stream sequence (`"42"`) on JetStream, `"<partition>:<offset>"` on Kafka. */
  readonly position: string;
  /** JetStream: the stream sequence. */
  readonly sequence?: number;
  /** Kafka: partition and offset. */
  readonly partition?: number;
  readonly offset?: string;
  /** JetStream: the subject (`default.<eventSource>.<event>`). */
  readonly subject?: string;
  /** Kafka: the record key (Argo's `<eventSource>.<event>`), `null` when the record has none. */
  readonly key?: string | null;
  /** When the bus stored it, ms since the epoch. */
  readonly storedAt: number;
  /** Every header as the bus holds it (`Nats-Msg-Id`, `traceparent`, …); first value of a repeated one. */
  readonly headers: Readonly<Record<string, string>>;
  /** The message body, untouched. */
  readonly body: Uint8Array;
  /** The CloudEvent in the body (`data_base64` decoded), or `undefined` when the body is not one. */
  readonly event: CloudEventRecord | undefined;
}

/** A page of messages, newest first. */
export interface AttachedPage {
  readonly items: AttachedMessage[];
  /** Pass back as `cursor` for the next (older) page; `null` when nothing older is left. */
  readonly nextCursor: string | null;
}

/** What is on the other side, read without changing it. */
export type AttachedBusInfo =
  | {
      readonly kind: "jetstream";
      readonly stream: string;
      readonly subjects: readonly string[];
      /** The stream's configuration exactly as the server reports it. */
      readonly config: Readonly<Record<string, unknown>>;
      readonly messages: number;
      readonly bytes: number;
      readonly firstSequence: number;
      readonly lastSequence: number;
      readonly consumers: number;
      /** First subject token of Argo's `<prefix>.*.*`, when the stream takes exactly that (needed to publish). */
      readonly subjectPrefix: string | undefined;
    }
  | {
      readonly kind: "kafka";
      readonly topic: string;
      readonly partitions: readonly { readonly partition: number; readonly low: string; readonly high: string }[];
      /** Sum of `high - low` over the partitions (records that may still be read). */
      readonly messages: number;
    };

/** A CloudEvent to publish as an Argo EventSource would. */
export interface AttachedPublish {
  /** EventSource name (`source`). */
  readonly source: string;
  /** Event name (`subject`). */
  readonly subject: string;
  /** CloudEvent `type` (`webhook`, `calendar`, …). */
  readonly type: string;
  /** The payload bytes (`data_base64`). */
  readonly data: Uint8Array;
  readonly datacontenttype?: string;
  /** Extension attributes (`replayof`). */
  readonly extensions?: Readonly<Record<string, string>>;
  /** Defaults to a new Argo-style id (32 hex). */
  readonly id?: string;
  /** RFC3339Nano; defaults to now. */
  readonly time?: string;
}

/** Where a published event landed. */
export interface AttachedPublishResult {
  readonly id: string;
  /** Position of the new message (JetStream sequence or `<partition>:<offset>`). */
  readonly position: string;
  /** JetStream: the stream already held a message with this `Nats-Msg-Id` within its dedup window. */
  readonly duplicate: boolean;
  /** Where it went: the subject (JetStream) or the record key (Kafka). */
  readonly address: string;
}

/** A live feed of new messages; iterate with `for await`, stop with `close()` or the signal given to `tail`. */
export interface AttachedTail extends AsyncIterable<AttachedMessage> {
  /** Messages that arrived while the reader was too slow and were left out (the feed never blocks the bus). */
  readonly dropped: number;
  close(): Promise<void>;
}

/** Options of {@link AttachedBus.tail}. */
export interface TailOptions {
  readonly signal?: AbortSignal;
  /** Messages held for a slow reader before newer ones are dropped (default 1,000). */
  readonly buffer?: number;
}

/** A read-only view of an Argo Events bus, plus an explicit publish. */
export interface AttachedBus {
  readonly kind: "jetstream" | "kafka";
  /** The stream or topic, read without changing it. */
  info(): Promise<AttachedBusInfo>;
  /** Messages newest first; `cursor` from a previous page. A malformed cursor is a `ValidationError`. */
  list(options: { limit: number; cursor?: string | undefined }): Promise<AttachedPage>;
  /** One message by position, `undefined` when it is gone (aged out, deleted, compacted). */
  get(position: string): Promise<AttachedMessage | undefined>;
  /** The newest message whose CloudEvent `id` is `id`, looking at most `scan` messages back. */
  findById(id: string, scan?: number): Promise<AttachedMessage | undefined>;
  /** New messages from now on. */
  tail(options?: TailOptions): Promise<AttachedTail>;
  /**
   * Publish one CloudEvent exactly as Argo's EventSources do. The stream or topic must exist (checked first); nothing
   * is ever created. The host must have confirmed this with its user.
   */
  publish(event: AttachedPublish): Promise<AttachedPublishResult>;
  close(): Promise<void>;
}

/**
 * A bounded queue behind an {@link AttachedTail}: `push` never waits (a full queue drops and counts), the iterator
 * waits for the next item or the end.
 */
export class TailQueue implements AttachedTail {
  private readonly items: AttachedMessage[] = [];
  private waiter: (() => void) | undefined;
  private ended = false;
  private failure: Error | undefined;
  dropped = 0;

  constructor(
    private readonly capacity: number,
    private readonly onClose: () => Promise<void>,
  ) {}

  push(message: AttachedMessage): void {
    if (this.ended) return;
    if (this.items.length >= this.capacity) this.dropped += 1;
    else this.items.push(message);
    this.wake();
  }

  /** End the feed; with an error, the iterator throws it after the queued items. */
  end(error?: Error): void {
    if (this.ended) return;
    this.ended = true;
    this.failure = error;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async close(): Promise<void> {
    this.end();
    await this.onClose();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<AttachedMessage> {
    try {
      for (;;) {
        const next = this.items.shift();
        if (next) {
          yield next;
          continue;
        }
        if (this.ended) {
          if (this.failure) throw this.failure;
          return;
        }
        await new Promise<void>((resolve) => (this.waiter = resolve));
      }
    } finally {
      await this.close();
    }
  }

  private wake(): void {
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.();
  }
}
