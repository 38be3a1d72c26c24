/**
 * From a source's emission to a message on the bus: id, time, Argo's CloudEvent bytes, publish, and the result a
 * source reports to its sender.
 */
import type { EventBus } from "../bus/types.ts";
import { BusUnavailableError, errorMessage } from "../errors.ts";
import type { Clock } from "../host.ts";
import { encodeCloudEvent, formatRfc3339Nano, newEventId } from "../sources/cloudevent.ts";
import { toEmitResult, type EmitResult, type SourceEmission } from "../sources/types.ts";

/** What to publish, beyond the emission. */
export interface PublishTarget {
  bus: EventBus;
  eventSourceName: string;
  clock: Clock;
  /** CloudEvent extension attributes (e.g. `replayof`). */
  extensions?: Record<string, string>;
}

/** Publish an emission; never throws for bus trouble (that is a `failed` result with a retry hint). */
export async function publishEmission(target: PublishTarget, emission: SourceEmission): Promise<EmitResult> {
  const id = emission.id ?? newEventId();
  const body = encodeCloudEvent(
    {
      id,
      source: target.eventSourceName,
      type: emission.type,
      subject: emission.eventName,
      time: formatRfc3339Nano(target.clock.now()),
      ...(target.extensions ? { extensions: target.extensions } : {}),
    },
    emission.data,
  );
  try {
    const result = await target.bus.publish({
      id,
      eventSourceName: target.eventSourceName,
      eventName: emission.eventName,
      body,
      headers: emission.headers ?? {},
    });
    return toEmitResult(id, result);
  } catch (error) {
    const retryAfterMs = error instanceof BusUnavailableError ? error.retryAfterMs : 1000;
    return { outcome: "failed", retryAfterMs, reason: errorMessage(error) };
  }
}
