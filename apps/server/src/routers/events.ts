/** Event history, detail with explain records and runs, replay and injection. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { eventDetail, eventListInput, eventListOutput, injectInput, publishOutput } from "../schemas.ts";
import { explainsOfEvent, runsOfEvent } from "../services/runs.ts";
import { injectEvent, replayEvent } from "../services/replay.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const eventsRouter = router({
  list: viewerProcedure
    .input(eventListInput)
    .output(eventListOutput)
    .query(({ ctx, input }) => ctx.app.events.list(input)),
  byId: viewerProcedure
    .input(z.object({ id: z.string().min(1), namespace: z.string().optional() }))
    .output(eventDetail)
    .query(async ({ ctx, input }) => {
      const event = await ctx.app.events.get(input.id, input.namespace);
      if (!event) throw new TRPCError({ code: "NOT_FOUND", message: `event ${input.id} not found` });
      const [explains, runs] = await Promise.all([explainsOfEvent(ctx.app, event.namespace, event.id), runsOfEvent(ctx.app, event.namespace, event.id)]);
      return { event, explains, runs };
    }),
  replay: editorProcedure
    .input(z.object({ id: z.string().min(1), namespace: z.string().optional() }))
    .output(z.object({ replayId: z.string() }))
    .mutation(({ ctx, input }) => replayEvent(ctx.app, input.id, input.namespace, ctx.principal.name)),
  inject: editorProcedure
    .input(injectInput)
    .output(publishOutput)
    .mutation(({ ctx, input }) => injectEvent(ctx.app, input, ctx.principal.name)),
});
