/**
 * The event source seam. A source turns something that happened (an HTTP request, a tick, a queue message) into a
 * CloudEvent and hands it to the publisher, which puts it on the bus; the source reports back to its caller only
 * after the bus answered, so a webhook never says 200 for an event that is not durable.
 */
import type { PublishResult } from "../bus/types.ts";
import type { Clock, Logger } from "../host.ts";

/** What a source emits: the payload plus CloudEvent attributes the source decides. */
export interface SourceEmission {
  /** `subject` of the CloudEvent: the event name. */
  eventName: string;
  /** CloudEvent `type`: the source type (`webhook`, `calendar`…). */
  type: string;
  /** JSON payload bytes (Argo's data shape for this source type). */
  data: Uint8Array;
  /** Fixed id (Kafka sources are deterministic); random when absent. */
  id?: string;
  /** Transport headers for the bus: traceparent, incoming `ce-*` extensions. */
  headers?: Record<string, string>;
}

/** What happened to an emission: published, dropped by the source filter, or refused. */
export type EmitResult =
  | { outcome: "published"; eventId: string; duplicate: boolean }
  | { outcome: "filtered"; eventId: string; reason: string }
  | { outcome: "overloaded"; retryAfterMs: number; reason: string }
  | { outcome: "failed"; retryAfterMs: number; reason: string };

/** Publishes an emission of one EventSource; provided by the engine. */
export type Emit = (emission: SourceEmission) => Promise<EmitResult>;

/** Given to a running source. */
export interface SourceContext {
  namespace: string;
  eventSourceName: string;
  emit: Emit;
  clock: Clock;
  logger: Logger;
}

/** A running source; `stop` must release ports, timers and connections. */
export interface RunningSource {
  stop(): Promise<void>;
}

/** Map a publish result to what a source reports. */
export function toEmitResult(eventId: string, result: PublishResult): EmitResult {
  switch (result.outcome) {
    case "accepted":
      return { outcome: "published", eventId, duplicate: false };
    case "duplicate":
      return { outcome: "published", eventId, duplicate: true };
    case "overloaded":
      return { outcome: "overloaded", retryAfterMs: result.retryAfterMs, reason: result.reason };
    default: {
      const exhaustive: never = result;
      return exhaustive;
    }
  }
}
