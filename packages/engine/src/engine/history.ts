/**
 * The history consumer: a durable consumer of every subject of a bus that hands batches of events to the host for
 * storage and acks them only after the host stored them. History is therefore at-least-once with the bus, and the
 * webhook's acknowledgement never waits for the metadata database.
 */
import type { Delivery, EventBus, Subscription } from "../bus/types.ts";
import { errorMessage } from "../errors.ts";
import type { Logger } from "../host.ts";

/** An event as it went over the bus, for the host to store. */
export interface ObservedEvent {
  namespace: string;
  /** The CloudEvent JSON bytes. */
  body: Uint8Array;
  headers: Readonly<Record<string, string>>;
  sequence: number;
  storedAt: number;
}

/** Options of {@link startHistory}. */
export interface HistoryOptions {
  namespace: string;
  bus: EventBus;
  logger: Logger;
  record(events: ObservedEvent[]): Promise<void>;
  /** Flush a batch after this many events or this many ms, whichever first. */
  maxBatch?: number;
  maxDelayMs?: number;
}

/** Durable consumer name of the history recorder. */
export const HISTORY_DURABLE = "signalbox-history";

/** Start recording; returns a function that stops (flushing what was received). */
export async function startHistory(options: HistoryOptions): Promise<() => Promise<void>> {
  const subscription: Subscription = await options.bus.subscribe({
    durable: HISTORY_DURABLE,
    filters: [{ eventSourceName: "*", eventName: "*" }],
    deliver: "all",
    ackWaitMs: 60_000,
    maxInFlight: 2048,
  });
  const maxBatch = options.maxBatch ?? 500;
  const maxDelayMs = options.maxDelayMs ?? 50;
  let batch: Delivery[] = [];
  let timer: NodeJS.Timeout | undefined;
  let flushing: Promise<void> = Promise.resolve();

  const flush = (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const taken = batch;
    batch = [];
    if (taken.length === 0) return flushing;
    flushing = flushing.then(async () => {
      try {
        await options.record(
          taken.map((delivery) => ({
            namespace: options.namespace,
            body: delivery.message.body,
            headers: delivery.message.headers,
            sequence: delivery.sequence,
            storedAt: delivery.storedAt,
          })),
        );
        await Promise.all(taken.map((delivery) => delivery.ack()));
      } catch (error) {
        options.logger.error("storing event history failed; the events will be redelivered", { error: errorMessage(error) });
        for (const delivery of taken) delivery.nak(2000);
      }
    });
    return flushing;
  };

  const loop = (async () => {
    for await (const delivery of subscription) {
      batch.push(delivery);
      if (batch.length >= maxBatch) await flush();
      else timer ??= setTimeout(() => void flush(), maxDelayMs);
    }
  })().catch((error: unknown) => options.logger.error("history consumer stopped", { error: errorMessage(error) }));

  return async () => {
    await subscription.close();
    await loop;
    await flush();
  };
}
