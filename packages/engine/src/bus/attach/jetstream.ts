/**
 * Read-only attachment to an existing Argo Events JetStream bus (stream `default`, subjects `default.*.*`, §2.2).
 *
 * Nothing is created or changed on the server:
 * - listing reads messages one by one with the stream's message-get API (`$JS.API.STREAM.MSG.GET`, by sequence) and
 *   the stream info (first/last sequence) — no consumer, ephemeral or durable, is ever made;
 * - the live tail is a plain core-NATS subscription on the stream's subjects (`default.*.*`), which is no JetStream
 *   state at all. It only wakes the reader: new messages are then read by sequence, so the tail shows exactly what
 *   the stream stored (with sequences, without the duplicates the stream dropped), and a 1 s poll covers anything the
 *   subscription cannot see;
 * - publishing (only when the host has confirmation) checks that the stream exists first and goes through the bus'
 *   own publisher (`nats/publisher.ts`): subject `<prefix>.<eventSource>.<event>`, `Nats-Msg-Id` = CloudEvent id,
 *   body = the CloudEvent JSON as Argo writes it, no other header. The stream-creating path of `createJetStreamBus`
 *   is not used, so a missing stream is refused, never made.
 */
import {
  jetstream,
  jetstreamManager,
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type StoredMsg,
  type StreamInfo,
} from "@nats-io/jetstream";
import type { MsgHdrs, NatsConnection, Subscription } from "@nats-io/transport-node";
import { BusUnavailableError, EngineError, NotFoundError, ValidationError, errorMessage } from "../../errors.ts";
import { silentLogger, systemClock, type Clock, type Logger } from "../../host.ts";
import { decodeCloudEvent, encodeCloudEvent, formatRfc3339Nano, newEventId } from "../../sources/cloudevent.ts";
import { ConnectionMonitor, openConnection, type JetStreamConnectionOptions } from "../nats/connection.ts";
import { PipelinedPublisher } from "../nats/publisher.ts";
import { subjectOf, type JetStreamNames } from "../nats/wire.ts";
import {
  TailQueue,
  type AttachedBus,
  type AttachedBusInfo,
  type AttachedMessage,
  type AttachedPage,
  type AttachedPublish,
  type AttachedPublishResult,
  type AttachedTail,
  type TailOptions,
} from "./types.ts";

/** Options of {@link attachJetStream}. */
export interface JetStreamAttachOptions extends JetStreamConnectionOptions {
  /** The stream; Argo's is `default`. */
  stream?: string;
  logger?: Logger;
  /** How often the tail looks for new messages besides being woken by its subscription (default 1,000 ms). */
  tailPollMs?: number;
  /** Time of published CloudEvents; the system clock by default. */
  clock?: Clock;
}

/** Messages read in parallel while listing. */
const READ_CONCURRENCY = 32;

/**
 * Connect and look at the stream. Throws {@link NotFoundError} when the stream does not exist (nothing is created)
 * and {@link BusUnavailableError} when the server cannot be reached.
 */
export async function attachJetStream(options: JetStreamAttachOptions): Promise<AttachedBus> {
  const stream = options.stream ?? "default";
  if (!/^[^.*>\s]+$/.test(stream))
    throw new ValidationError([{ path: "streamName", message: `"${stream}" is not a JetStream stream name` }]);
  const logger = (options.logger ?? silentLogger).child({ attach: "jetstream", stream });
  const nc = await openConnection({
    ...options,
    name: options.name ?? "signalbox attach (read-only)",
    connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
  });
  try {
    const jsm = await jetstreamManager(nc);
    const attached = new JetStreamAttachment({
      nc,
      jsm,
      stream,
      logger,
      tailPollMs: options.tailPollMs ?? 1_000,
      clock: options.clock ?? systemClock,
    });
    await attached.streamInfo();
    return attached;
  } catch (error) {
    await nc.close().catch(() => undefined);
    if (error instanceof EngineError) throw error;
    throw new BusUnavailableError(`JetStream is not available: ${errorMessage(error)}`, 5_000, { cause: error });
  }
}

/** The first token of Argo's `<prefix>.*.*` when that is the stream's only subject. */
export function argoSubjectPrefix(subjects: readonly string[]): string | undefined {
  if (subjects.length !== 1) return undefined;
  const match = /^([^.*>\s]+)\.\*\.\*$/.exec(subjects[0] ?? "");
  return match?.[1];
}

function headersOf(hdrs: MsgHdrs | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!hdrs) return out;
  for (const key of hdrs.keys()) out[key] = hdrs.get(key);
  return out;
}

function toAttached(msg: StoredMsg): AttachedMessage {
  return {
    position: String(msg.seq),
    sequence: msg.seq,
    subject: msg.subject,
    storedAt: msg.time.getTime(),
    headers: headersOf(msg.header),
    body: msg.data,
    event: decodeCloudEvent(msg.data),
  };
}

function parseSequence(value: string, path: string): number {
  if (!/^[1-9]\d{0,15}$/.test(value))
    throw new ValidationError([{ path, message: `"${value}" is not a stream sequence` }]);
  return Number(value);
}

interface AttachmentInit {
  nc: NatsConnection;
  jsm: JetStreamManager;
  stream: string;
  logger: Logger;
  tailPollMs: number;
  clock: Clock;
}

class JetStreamAttachment implements AttachedBus {
  readonly kind = "jetstream" as const;
  private readonly nc: NatsConnection;
  private readonly jsm: JetStreamManager;
  private readonly stream: string;
  private readonly logger: Logger;
  private readonly tailPollMs: number;
  private readonly clock: Clock;
  private readonly monitor: ConnectionMonitor;
  private readonly tails = new Set<TailQueue>();
  private closing = false;

  constructor(init: AttachmentInit) {
    ({
      nc: this.nc,
      jsm: this.jsm,
      stream: this.stream,
      logger: this.logger,
      tailPollMs: this.tailPollMs,
      clock: this.clock,
    } = init);
    this.monitor = new ConnectionMonitor(init.nc, init.logger);
  }

  /** Stream info, or {@link NotFoundError}. Read-only (`$JS.API.STREAM.INFO`). */
  async streamInfo(): Promise<StreamInfo> {
    try {
      return await this.jsm.streams.info(this.stream);
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
        throw new NotFoundError(
          `JetStream stream "${this.stream}" does not exist on this server (an attachment never creates it)`,
        );
      }
      throw new BusUnavailableError(`cannot read JetStream stream "${this.stream}": ${errorMessage(error)}`, 1_000, {
        cause: error,
      });
    }
  }

  async info(): Promise<AttachedBusInfo> {
    const info = await this.streamInfo();
    const subjects = info.config.subjects ?? [];
    return {
      kind: "jetstream",
      stream: info.config.name,
      subjects,
      config: { ...info.config },
      messages: info.state.messages,
      bytes: info.state.bytes,
      firstSequence: info.state.first_seq,
      lastSequence: info.state.last_seq,
      consumers: info.state.consumer_count,
      subjectPrefix: argoSubjectPrefix(subjects),
    };
  }

  async list(options: { limit: number; cursor?: string | undefined }): Promise<AttachedPage> {
    const limit = Math.max(1, Math.min(options.limit, 1_000));
    const info = await this.streamInfo();
    const first = info.state.first_seq;
    const last = info.state.last_seq;
    if (info.state.messages === 0) return { items: [], nextCursor: null };
    const before = options.cursor === undefined ? last + 1 : parseSequence(options.cursor, "cursor");
    let next = Math.min(before - 1, last);
    const items: AttachedMessage[] = [];
    // Deleted messages leave gaps; bound the work of one page and hand back a cursor to go on from.
    let budget = limit * 4 + 256;
    while (next >= first && items.length < limit && budget > 0) {
      const count = Math.min(READ_CONCURRENCY, next - first + 1, budget);
      const seqs = Array.from({ length: count }, (_, index) => next - index);
      const found = await Promise.all(seqs.map((seq) => this.read(seq)));
      for (const msg of found) {
        if (!msg) continue;
        if (items.length < limit) items.push(msg);
      }
      budget -= count;
      next -= count;
      if (items.length >= limit) {
        const lastItem = items[items.length - 1]!;
        return { items, nextCursor: lastItem.sequence! > first ? String(lastItem.sequence) : null };
      }
    }
    return { items, nextCursor: next >= first ? String(next + 1) : null };
  }

  get(position: string): Promise<AttachedMessage | undefined> {
    return this.read(parseSequence(position, "position"));
  }

  async findById(id: string, scan = 10_000): Promise<AttachedMessage | undefined> {
    let cursor: string | undefined;
    let seen = 0;
    while (seen < scan) {
      const page = await this.list({ limit: Math.min(500, scan - seen), ...(cursor ? { cursor } : {}) });
      const hit = page.items.find((item) => item.headers["Nats-Msg-Id"] === id || item.event?.id === id);
      if (hit) return hit;
      seen += page.items.length;
      if (!page.nextCursor) return undefined;
      cursor = page.nextCursor;
    }
    return undefined;
  }

  async tail(options: TailOptions = {}): Promise<AttachedTail> {
    const info = await this.streamInfo();
    let lastSeq = info.state.last_seq;
    const subscriptions: Subscription[] = [];
    let timer: NodeJS.Timeout | undefined;
    let running: Promise<void> | undefined;
    let again = false;

    const stop = async () => {
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
      options.signal?.removeEventListener("abort", onAbort);
      this.tails.delete(queue);
      await running?.catch(() => undefined);
    };
    const queue: TailQueue = new TailQueue(options.buffer ?? 1_000, stop);
    const onAbort = () => void queue.close();

    // Read every sequence after `lastSeq` that the stream holds; gaps (deleted, aged out) are skipped.
    const drain = async () => {
      for (;;) {
        if (queue.isEnded) return;
        const msg = await this.read(lastSeq + 1);
        if (msg) {
          lastSeq = msg.sequence!;
          queue.push(msg);
          continue;
        }
        const state = (await this.streamInfo()).state;
        if (state.last_seq <= lastSeq) return;
        lastSeq = Math.max(lastSeq + 1, state.first_seq - 1);
      }
    };
    const wake = () => {
      if (queue.isEnded) return;
      again = true;
      if (running) return;
      running = (async () => {
        while (again && !queue.isEnded) {
          again = false;
          try {
            await drain();
          } catch (error) {
            if (error instanceof NotFoundError) {
              queue.end(error);
              break;
            }
            this.logger.debug("tail read failed; retrying", { error: errorMessage(error) });
          }
        }
        // Cleared in the same turn as the last check of `again`, so no wake-up can be lost in between.
        running = undefined;
      })();
    };
    const poll = () => {
      timer = setTimeout(() => {
        wake();
        if (!queue.isEnded) poll();
      }, this.tailPollMs);
      timer.unref();
    };

    for (const subject of info.config.subjects ?? []) {
      // A core subscription: interest only, no JetStream consumer. The message itself is read back by sequence.
      subscriptions.push(this.nc.subscribe(subject, { callback: () => wake() }));
    }
    this.tails.add(queue);
    if (options.signal?.aborted) await queue.close();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    poll();
    return queue;
  }

  async publish(event: AttachedPublish): Promise<AttachedPublishResult> {
    const info = await this.streamInfo(); // refuses a missing stream: nothing is created
    const prefix = argoSubjectPrefix(info.config.subjects ?? []);
    if (!prefix) {
      throw new ValidationError([
        {
          path: "stream",
          message: `stream "${this.stream}" takes ${JSON.stringify(info.config.subjects ?? [])}, not Argo's <prefix>.*.*: refusing to guess a subject`,
        },
      ]);
    }
    const names: JetStreamNames = { streamName: this.stream, subjectPrefix: prefix, kvPrefix: "" };
    const address = subjectOf(names, event.source, event.subject);
    const id = event.id ?? newEventId();
    const body = encodeCloudEvent(
      {
        id,
        source: event.source,
        type: event.type,
        subject: event.subject,
        time: event.time ?? formatRfc3339Nano(this.clock.now()),
        ...(event.datacontenttype ? { datacontenttype: event.datacontenttype } : {}),
        ...(event.extensions ? { extensions: event.extensions } : {}),
      },
      event.data,
    );
    const publisher = new PipelinedPublisher({
      js: jetstream(this.nc),
      names,
      monitor: this.monitor,
      maxPayload: () => this.nc.info?.max_payload,
    });
    const result = await publisher.publish({
      id,
      eventSourceName: event.source,
      eventName: event.subject,
      body,
      headers: {},
    });
    if (result.outcome === "overloaded")
      throw new EngineError("BUS_OVERLOADED", `the stream did not take the event: ${result.reason}`);
    return { id, position: String(result.sequence), duplicate: result.outcome === "duplicate", address };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.monitor.closing();
    await Promise.all([...this.tails].map((tail) => tail.close()));
    await this.nc.close().catch(() => undefined);
  }

  /** One message by sequence (`$JS.API.STREAM.MSG.GET`), `undefined` when the stream does not hold it. */
  private async read(seq: number): Promise<AttachedMessage | undefined> {
    try {
      const msg = await this.jsm.streams.getMessage(this.stream, { seq });
      return msg ? toAttached(msg) : undefined;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
        throw new NotFoundError(`JetStream stream "${this.stream}" no longer exists`);
      }
      if (
        error instanceof JetStreamApiError &&
        (error.code === JetStreamApiCodes.NoMessageFound || /no message found/i.test(error.message))
      )
        return undefined;
      throw new BusUnavailableError(
        `cannot read message ${seq} of stream "${this.stream}": ${errorMessage(error)}`,
        1_000,
        { cause: error },
      );
    }
  }
}
