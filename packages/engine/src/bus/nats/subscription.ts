/**
 * A durable subscription over a JetStream pull consumer (`consumer.consume()` of nats.js v3), as an
 * `AsyncIterable<Delivery>`.
 *
 * - The server bounds what is delivered-but-unacked (`max_ack_pending` = `maxInFlight`); deliveries wait here until
 *   the caller asks for them, and while they wait they are kept alive with `+WPI`, so local buffering never causes
 *   a redelivery by itself.
 * - nats.js re-pulls after reconnects; if the iteration still ends (consumer deleted, stream recreated…), it is
 *   started again with backoff, re-creating the consumer if needed.
 * - `close()` stops pulling and hands back (`-NAK`) whatever was received but never given to the caller.
 */
import type { ConsumerMessages, JetStreamClient, JetStreamManager, JsMsg } from "@nats-io/jetstream";
import type { NatsConnection } from "@nats-io/transport-node";
import { BusUnavailableError, errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import type { BusMessage, Delivery, SubscribeOptions, Subscription } from "../types.ts";
import { DEFAULT_ACK_WAIT_MS, ensureConsumer, type ConsumerPlan } from "./consumers.ts";
import { fromNatsHeaders, idFromBody, matchesAny, parseSubject, type JetStreamNames } from "./wire.ts";

/** What a subscription needs from its bus. */
export interface SubscriptionInit {
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  names: JetStreamNames;
  plan: ConsumerPlan;
  options: SubscribeOptions;
  logger: Logger;
  /** Pull expiry; nats.js also uses it as the retry interval after a reconnect. Default 5 s. */
  pullExpiresMs?: number;
  onClose: () => void;
}

interface Waiting {
  msg: JsMsg;
  delivery: Delivery;
  keptAliveAt: number;
}

const MAX_BATCH = 256;

/** Implements {@link Subscription} for JetStream. */
export class JetStreamSubscription implements Subscription {
  private readonly queue: Waiting[] = [];
  private readonly waiters: ((result: IteratorResult<Delivery>) => void)[] = [];
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> = Promise.resolve();
  private readonly keepAlive: NodeJS.Timeout;
  private readonly ackWaitMs: number;
  private isClosed = false;
  private finished = false;
  private resolveClosed!: () => void;
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  private constructor(private readonly init: SubscriptionInit) {
    this.ackWaitMs = init.options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS;
    const every = Math.max(100, Math.floor(this.ackWaitMs / 3));
    this.keepAlive = setInterval(() => this.keepQueuedAlive(every), every);
    this.keepAlive.unref();
  }

  /** Create (or adapt) the consumer and start pulling. */
  static async open(init: SubscriptionInit): Promise<JetStreamSubscription> {
    await ensureConsumer({ jsm: init.jsm, stream: init.names.streamName, logger: init.logger }, init.plan);
    const subscription = new JetStreamSubscription(init);
    try {
      subscription.messages = await subscription.consume();
    } catch (error) {
      clearInterval(subscription.keepAlive);
      throw new BusUnavailableError(`cannot consume ${init.plan.durable}: ${errorMessage(error)}`, 1_000, {
        cause: error,
      });
    }
    subscription.loop = subscription.run(subscription.messages);
    return subscription;
  }

  private async consume(): Promise<ConsumerMessages> {
    const consumer = await this.init.js.consumers.get(this.init.names.streamName, this.init.plan.durable);
    const messages = await consumer.consume({
      max_messages: Math.min(this.init.options.maxInFlight ?? MAX_BATCH, MAX_BATCH),
      expires: this.init.pullExpiresMs ?? 5_000,
    });
    void this.watchStatus(messages);
    return messages;
  }

  /** Stop an iteration whose consumer or stream went away, so {@link run} starts a fresh one. */
  private async watchStatus(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      const gone =
        status.type === "consumer_deleted" ||
        (status.type === "consumer_not_found" && status.count >= 2) ||
        status.type === "stream_not_found";
      if (gone && !this.isClosed) {
        this.init.logger.warn("JetStream consumer went away; re-creating it", {
          consumer: this.init.plan.durable,
          status: status.type,
        });
        await messages.close();
        return;
      }
    }
  }

  private async run(first: ConsumerMessages): Promise<void> {
    let messages: ConsumerMessages | undefined = first;
    for (let attempt = 0; ; attempt += 1) {
      if (messages) {
        try {
          for await (const msg of messages) {
            this.receive(msg);
            attempt = 0;
          }
        } catch (error) {
          if (!this.isClosed)
            this.init.logger.warn("JetStream consumption stopped", {
              consumer: this.init.plan.durable,
              error: errorMessage(error),
            });
        }
      }
      if (this.isClosed || this.init.nc.isClosed()) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(250 * 2 ** attempt, 5_000)).unref());
      if (this.isClosed || this.init.nc.isClosed()) break;
      try {
        await ensureConsumer(
          { jsm: this.init.jsm, stream: this.init.names.streamName, logger: this.init.logger },
          this.init.plan,
        );
        messages = this.messages = await this.consume();
        if (this.isClosed) await messages.close();
      } catch (error) {
        messages = undefined;
        this.init.logger.warn("cannot resume JetStream consumption; retrying", {
          consumer: this.init.plan.durable,
          error: errorMessage(error),
        });
      }
    }
    this.finish();
  }

  private receive(msg: JsMsg): void {
    const parsed = parseSubject(this.init.names, msg.subject);
    const wanted =
      parsed &&
      (!this.init.plan.clientFilters ||
        matchesAny(this.init.plan.clientFilters, parsed.eventSourceName, parsed.eventName));
    if (!parsed || !wanted || this.isClosed) {
      // Not for this subscription (client-side filtering), or arriving while closing: ack it away / hand it back.
      if (this.isClosed) msg.nak();
      else msg.ack();
      return;
    }
    const delivery = toDelivery(msg, parsed, this.init.names.streamName);
    const waiter = this.waiters.shift();
    if (waiter) waiter({ done: false, value: delivery });
    else this.queue.push({ msg, delivery, keptAliveAt: Date.now() });
  }

  private keepQueuedAlive(every: number): void {
    const due = Date.now() - every;
    for (const waiting of this.queue) {
      if (waiting.keptAliveAt <= due) {
        waiting.msg.working();
        waiting.keptAliveAt = Date.now();
      }
    }
  }

  [Symbol.asyncIterator](): AsyncIterator<Delivery> {
    return {
      next: () => {
        const waiting = this.queue.shift();
        if (waiting) return Promise.resolve({ done: false, value: waiting.delivery });
        if (this.isClosed) return Promise.resolve({ done: true, value: undefined });
        return new Promise((resolve) => this.waiters.push(resolve));
      },
      return: async () => {
        await this.close();
        return { done: true, value: undefined };
      },
    };
  }

  /** Stop delivering; unacked deliveries come back on the next subscription (at once for those never handed out). */
  async close(): Promise<void> {
    if (this.isClosed) return this.closed;
    this.isClosed = true;
    clearInterval(this.keepAlive);
    const bounded = (promise: Promise<unknown> | undefined) =>
      Promise.race([promise, new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await bounded(this.messages?.close());
    await bounded(this.loop);
    this.finish();
    return this.closed;
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.isClosed = true;
    clearInterval(this.keepAlive);
    for (const waiting of this.queue.splice(0)) waiting.msg.nak();
    for (const waiter of this.waiters.splice(0)) waiter({ done: true, value: undefined });
    this.init.onClose();
    this.resolveClosed();
  }
}

function toDelivery(msg: JsMsg, subject: { eventSourceName: string; eventName: string }, stream: string): Delivery {
  const { msgId, headers } = fromNatsHeaders(msg.headers);
  const message: BusMessage = {
    id: msgId || idFromBody(msg.data) || `${stream}:${msg.seq}`,
    eventSourceName: subject.eventSourceName,
    eventName: subject.eventName,
    body: msg.data,
    headers,
  };
  let settled = false;
  return {
    message,
    sequence: msg.seq,
    deliveryCount: msg.info.deliveryCount,
    storedAt: Number(msg.timestampNanos / 1_000_000n),
    ack: async () => {
      if (settled) return;
      try {
        await msg.ackAck();
        settled = true;
      } catch (error) {
        throw new BusUnavailableError(`ack of ${stream} #${msg.seq} failed: ${errorMessage(error)}`, 1_000, {
          cause: error,
        });
      }
    },
    nak: (delayMs) => {
      if (settled) return;
      settled = true;
      msg.nak(delayMs && delayMs > 0 ? delayMs : undefined);
    },
    working: () => {
      if (!settled) msg.working();
    },
  };
}
