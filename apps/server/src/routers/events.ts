/** Event history and search, detail with explain records and runs, replay, injection, and the live stream. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { countOutput, eventDetail, eventFilter, eventListOutput, eventSearchInput, injectToInput, liveInput, publishOutput, replayInput, replayOutput, type EventFilterInput } from "../schemas.ts";
import { injectEvent, replayEvent } from "../services/replay.ts";
import { explainsOfEvent, runsOfEvent } from "../services/runs.ts";
import type { EventFilter } from "../storage/search.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

/** The API's filter (one `match` or several) as storage takes it. */
export function toFilter(input: EventFilterInput): EventFilter {
  const { match, ...rest } = input;
  return { ...rest, ...(match === undefined ? {} : { match: typeof match === "string" ? [match] : match }) };
}

export const eventsRouter = router({
  /** Stored events, newest first, narrowed by the search filter; cursor-paged (stable while events arrive). */
  list: viewerProcedure
    .input(eventSearchInput)
    .output(eventListOutput)
    .query(({ ctx, input }) => {
      const { limit, cursor, ...filter } = input;
      return ctx.app.events.list({ ...toFilter(filter), limit, cursor });
    }),
  /** How many stored events match. */
  count: viewerProcedure
    .input(eventFilter.default({}))
    .output(countOutput)
    .query(async ({ ctx, input }) => ({ count: await ctx.app.events.count(toFilter(input)) })),
  byId: viewerProcedure
    .input(z.object({ id: z.string().min(1).max(253), namespace: z.string().max(253).optional() }))
    .output(eventDetail.extend({ replays: z.array(z.object({ id: z.string(), receivedAt: z.string() })) }))
    .query(async ({ ctx, input }) => {
      const event = await ctx.app.events.get(input.id, input.namespace);
      if (!event) throw new TRPCError({ code: "NOT_FOUND", message: `event ${input.id} not found` });
      const [explains, runs, replays] = await Promise.all([
        explainsOfEvent(ctx.app, event.namespace, event.id),
        runsOfEvent(ctx.app, event.namespace, event.id),
        ctx.app.events.list({ namespace: event.namespace, replayOf: event.id, limit: 100 }),
      ]);
      return { event, explains, runs, replays: replays.items.map((replay) => ({ id: replay.id, receivedAt: replay.receivedAt })) };
    }),
  /** Replay a stored event: republished to every sensor (`replayof=<id>`), or delivered to one sensor/trigger. */
  replay: editorProcedure
    .input(replayInput)
    .output(replayOutput)
    .mutation(({ ctx, input }) => replayEvent(ctx.app, input, ctx.principal.name)),
  /** Inject a new event onto the bus, or into one sensor/trigger. */
  inject: editorProcedure
    .input(injectToInput)
    .output(publishOutput)
    .mutation(({ ctx, input }) => injectEvent(ctx.app, input, ctx.principal.name)),
  /**
   * Stored events and finished runs as they happen (SSE). A subscriber that reads too slowly loses items beyond its
   * buffer and is told so by `{type: "dropped", count}`; ingest never waits for it.
   */
  live: viewerProcedure.input(liveInput).subscription(async function* ({ ctx, input, signal }) {
    const { buffer, match, kinds, ...filter } = input;
    const subscription = ctx.app.live.subscribe({ ...filter, ...(match === undefined ? {} : { match: typeof match === "string" ? [match] : match }), ...(kinds ? { kinds } : {}) }, buffer);
    try {
      yield { type: "hello" as const };
      for (;;) {
        const item = await subscription.next(signal);
        if (!item) return;
        yield item;
      }
    } finally {
      subscription.close();
    }
  }),
});
