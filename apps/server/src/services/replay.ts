/**
 * Replaying a stored event and injecting a new one. Either goes onto the bus (every sensor subscribed sees it), or —
 * with a sensor named — straight to that sensor (and trigger) through {@link Engine.deliverTo}, bypassing the bus.
 * A replay is a new CloudEvent with extension `replayof=<original id>`; it is stored like any event, so it is found
 * from the original (`replayOf` filter) and its runs carry `replayOf`.
 */
import { encodeCloudEvent, formatRfc3339Nano, newEventId, type BusMessage, type DeliverToResult } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AppContext } from "../engine.ts";
import type { injectToInput } from "../schemas.ts";
import type { EventItem } from "../storage/events.ts";

/** Where a replay or injection goes. */
export interface DeliveryTarget {
  sensor: string;
  trigger?: string | undefined;
}

function deliveryError(result: Exclude<DeliverToResult, { outcome: "delivered" }>): TRPCError {
  switch (result.outcome) {
    case "unknown-sensor":
    case "unknown-trigger":
      return new TRPCError({ code: "NOT_FOUND", message: result.reason });
    case "not-running":
      return new TRPCError({ code: "CONFLICT", message: result.reason });
    case "no-dependency":
      return new TRPCError({ code: "BAD_REQUEST", message: result.reason });
    default: {
      const exhaustive: never = result.outcome;
      return exhaustive;
    }
  }
}

/** Hand a new CloudEvent to one sensor, then store it (with its headers) like a bus event. */
async function deliverDirect(
  app: AppContext,
  input: { namespace: string; target: DeliveryTarget; source: string; subject: string; type: string; datacontenttype?: string; data: Uint8Array; extensions: Record<string, string>; headers: Record<string, string> },
): Promise<{ id: string; targets: { trigger: string; dependency: string }[]; done: Promise<void> }> {
  const id = newEventId();
  const now = Date.now();
  const body = encodeCloudEvent(
    { id, source: input.source, type: input.type, subject: input.subject, time: formatRfc3339Nano(now), ...(input.datacontenttype ? { datacontenttype: input.datacontenttype } : {}), extensions: input.extensions },
    input.data,
  );
  const message: BusMessage = { id, eventSourceName: input.source, eventName: input.subject, body, headers: input.headers };
  const result = await app.engine.deliverTo({ namespace: input.namespace, sensor: input.target.sensor, ...(input.target.trigger ? { trigger: input.target.trigger } : {}), message });
  if (result.outcome !== "delivered") throw deliveryError(result);
  const stored = await app.events.record([{ namespace: input.namespace, body, headers: input.headers, sequence: 0, storedAt: now }]);
  app.live.publishEvents(stored);
  app.changes.emit("change", "events");
  return { id, targets: result.targets, done: result.done };
}

/** Replay one stored event (already loaded): onto the bus, or to one sensor. Returns the new event's id. */
export async function replayStoredEvent(
  app: AppContext,
  event: EventItem,
  target: DeliveryTarget | undefined,
): Promise<{ replayId: string; targets?: { trigger: string; dependency: string }[]; done?: Promise<void> }> {
  const data = new Uint8Array(Buffer.from(event.data_base64, "base64"));
  const extensions = { ...event.extensions, replayof: event.id };
  if (target) {
    const delivered = await deliverDirect(app, {
      namespace: event.namespace,
      target,
      source: event.source,
      subject: event.subject,
      type: event.type,
      datacontenttype: event.datacontenttype,
      data,
      extensions,
      headers: event.headers,
    });
    app.metrics.replayed(event.namespace);
    return { replayId: delivered.id, targets: delivered.targets, done: delivered.done };
  }
  const result = await app.engine.publish({
    namespace: event.namespace,
    eventSource: event.source,
    emission: { eventName: event.subject, type: event.type, data, ...(event.headers.traceparent ? { headers: { traceparent: event.headers.traceparent } } : {}) },
    extensions,
  });
  if (result.outcome !== "published") {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `the bus did not take the replay: ${result.outcome === "filtered" ? "filtered" : result.reason}` });
  }
  app.metrics.replayed(event.namespace);
  return { replayId: result.eventId };
}

/** Replay a stored event by id (to its sensors through the bus, or to one sensor/trigger), recorded in the audit. */
export async function replayEvent(
  app: AppContext,
  input: { id: string; namespace?: string | undefined; sensor?: string | undefined; trigger?: string | undefined },
  actor: string,
): Promise<{ replayId: string; targets?: { trigger: string; dependency: string }[] }> {
  const event = await app.events.get(input.id, input.namespace);
  if (!event) throw new TRPCError({ code: "NOT_FOUND", message: `event ${input.id} not found` });
  if (input.trigger && !input.sensor) throw new TRPCError({ code: "BAD_REQUEST", message: "trigger needs sensor" });
  const target = input.sensor ? { sensor: input.sensor, trigger: input.trigger } : undefined;
  const { replayId, targets } = await replayStoredEvent(app, event, target);
  const to = target ? ` to ${target.sensor}${target.trigger ? `/${target.trigger}` : ""}` : "";
  await app.db.auditEntry.create({ data: { actor, action: "replay", target: `${event.namespace}/${event.id}${to}`, detail: replayId } });
  return { replayId, ...(targets ? { targets } : {}) };
}

/** Publish a new event as if the named EventSource emitted it — onto the bus, or to one sensor. */
export async function injectEvent(
  app: AppContext,
  input: z.infer<typeof injectToInput>,
  actor: string,
): Promise<{ id: string; outcome: "published" | "filtered" | "overloaded" | "failed" }> {
  const data = new TextEncoder().encode(JSON.stringify(input.data ?? null));
  if (input.trigger && !input.sensor) throw new TRPCError({ code: "BAD_REQUEST", message: "trigger needs sensor" });
  let id: string;
  let outcome: "published" | "filtered";
  if (input.sensor) {
    const delivered = await deliverDirect(app, {
      namespace: input.namespace,
      target: { sensor: input.sensor, trigger: input.trigger },
      source: input.source,
      subject: input.subject,
      type: input.type,
      data,
      extensions: {},
      headers: {},
    });
    id = delivered.id;
    outcome = "published";
  } else {
    const result = await app.engine.publish({ namespace: input.namespace, eventSource: input.source, emission: { eventName: input.subject, type: input.type, data } });
    if (result.outcome === "overloaded" || result.outcome === "failed") {
      throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `the bus did not take the event: ${result.reason}` });
    }
    id = result.eventId;
    outcome = result.outcome;
  }
  const to = input.sensor ? ` to ${input.sensor}${input.trigger ? `/${input.trigger}` : ""}` : "";
  await app.db.auditEntry.create({ data: { actor, action: "inject", target: `${input.namespace}/${input.source}/${input.subject}${to}`, detail: id } });
  return { id, outcome };
}
