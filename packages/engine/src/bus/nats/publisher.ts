/**
 * Pipelined JetStream publishing: every publish is a request that resolves on its PubAck, many run at once, and a
 * bounded window caps how many may be outstanding. A full window or a full stream (DiscardNew limits) answers
 * `overloaded`; an unreachable or silent broker throws {@link BusUnavailableError}. Nothing is queued without bound.
 */
import { JetStreamApiError, type JetStreamClient } from "@nats-io/jetstream";
import { BusUnavailableError, EngineError, errorMessage } from "../../errors.ts";
import type { BusMessage, PublishResult } from "../types.ts";
import type { ConnectionMonitor } from "./connection.ts";
import { subjectOf, toNatsHeaders, type JetStreamNames } from "./wire.ts";

/** Options of {@link PipelinedPublisher}. */
export interface PublisherOptions {
  js: JetStreamClient;
  names: JetStreamNames;
  monitor: ConnectionMonitor;
  /** Outstanding publishes allowed at once; default 1,024. */
  window?: number;
  /** How long to wait for a PubAck; default 5 s. */
  timeoutMs?: number;
  /** Retry-After of a full window; default 100 ms. */
  windowRetryAfterMs?: number;
  /** Retry-After of a full stream; default 1 s. */
  fullRetryAfterMs?: number;
  /** The server's `max_payload` (1 MiB by default, Argo's `maxPayload`), when known. */
  maxPayload?: () => number | undefined;
}

// JetStream's "store failed" error (10077) carries these when a DiscardNew limit refuses a message.
const STREAM_FULL =
  /maximum (messages|bytes|messages per subject) exceeded|resource limits exceeded|insufficient resources/i;

/** Publishes with a bounded in-flight window. */
export class PipelinedPublisher {
  private inFlight = 0;
  private readonly window: number;
  private readonly timeoutMs: number;
  private readonly windowRetryAfterMs: number;
  private readonly fullRetryAfterMs: number;
  private idle: (() => void)[] = [];

  constructor(private readonly options: PublisherOptions) {
    this.window = options.window ?? 1024;
    this.timeoutMs = options.timeoutMs ?? 5_000;
    this.windowRetryAfterMs = options.windowRetryAfterMs ?? 100;
    this.fullRetryAfterMs = options.fullRetryAfterMs ?? 1_000;
  }

  /** Publishes currently waiting for their PubAck. */
  get pending(): number {
    return this.inFlight;
  }

  async publish(message: BusMessage): Promise<PublishResult> {
    const subject = subjectOf(this.options.names, message.eventSourceName, message.eventName);
    const headers = toNatsHeaders(message.headers);
    const maxPayload = this.options.maxPayload?.();
    if (maxPayload !== undefined && message.body.byteLength > maxPayload) {
      throw new EngineError(
        "PAYLOAD_TOO_LARGE",
        `event of ${message.body.byteLength} bytes exceeds the NATS server's max_payload of ${maxPayload}`,
      );
    }
    // Fail fast while disconnected: nats.js would buffer the request and the caller would wait out the timeout.
    this.options.monitor.assertConnected();
    if (this.inFlight >= this.window) {
      return {
        outcome: "overloaded",
        retryAfterMs: this.windowRetryAfterMs,
        reason: `${this.inFlight} publishes already waiting for the broker`,
      };
    }
    this.inFlight += 1;
    try {
      const ack = await this.options.js.publish(subject, message.body, {
        msgID: message.id,
        timeout: this.timeoutMs,
        ...(headers ? { headers } : {}),
      });
      return { outcome: ack.duplicate ? "duplicate" : "accepted", sequence: ack.seq };
    } catch (error) {
      if (error instanceof JetStreamApiError && STREAM_FULL.test(error.message)) {
        return {
          outcome: "overloaded",
          retryAfterMs: this.fullRetryAfterMs,
          reason: `stream is full: ${error.message}`,
        };
      }
      if (error instanceof EngineError) throw error;
      throw new BusUnavailableError(`JetStream publish to ${subject} failed: ${errorMessage(error)}`, 1_000, {
        cause: error,
      });
    } finally {
      this.inFlight -= 1;
      if (this.inFlight === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  /** Resolve once no publish is outstanding, or after `timeoutMs`. */
  drain(timeoutMs = this.timeoutMs): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      timer.unref();
      this.idle.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}
