/** Replaying a stored event and injecting a new one: both publish a new CloudEvent on the bus. */
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AppContext } from "../engine.ts";
import type { injectInput } from "../schemas.ts";

/** Publish a copy of a stored event with a new id and `replayof=<original id>`. */
export async function replayEvent(app: AppContext, id: string, namespace: string | undefined, actor: string): Promise<{ replayId: string }> {
  const event = await app.events.get(id, namespace);
  if (!event) throw new TRPCError({ code: "NOT_FOUND", message: `event ${id} not found` });
  const result = await app.engine.publish({
    namespace: event.namespace,
    eventSource: event.source,
    emission: { eventName: event.subject, type: event.type, data: new Uint8Array(Buffer.from(event.data_base64, "base64")) },
    extensions: { ...event.extensions, replayof: event.id },
  });
  if (result.outcome !== "published") {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `the bus did not take the replay: ${result.outcome === "filtered" ? "filtered" : result.reason}` });
  }
  app.metrics.replayed(event.namespace);
  await app.db.auditEntry.create({ data: { actor, action: "replay", target: `${event.namespace}/${event.id}`, detail: result.eventId } });
  return { replayId: result.eventId };
}

/** Publish a new event as if the named EventSource emitted it. */
export async function injectEvent(app: AppContext, input: z.infer<typeof injectInput>, actor: string): Promise<{ id: string; outcome: "published" | "filtered" | "overloaded" | "failed" }> {
  const data = new TextEncoder().encode(JSON.stringify(input.data ?? null));
  const result = await app.engine.publish({
    namespace: input.namespace,
    eventSource: input.source,
    emission: { eventName: input.subject, type: input.type, data },
  });
  if (result.outcome === "overloaded" || result.outcome === "failed") {
    throw new TRPCError({ code: "SERVICE_UNAVAILABLE", message: `the bus did not take the event: ${result.reason}` });
  }
  await app.db.auditEntry.create({ data: { actor, action: "inject", target: `${input.namespace}/${input.source}/${input.subject}`, detail: result.eventId } });
  return { id: result.eventId, outcome: result.outcome };
}
