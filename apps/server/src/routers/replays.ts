/** Bulk replays by search filter: estimate, create, progress, cancel, history. */
import { z } from "zod";
import { countOutput, eventFilter, replayCreateInput, replayJob } from "../schemas.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";

export const replaysRouter = router({
  /** How many stored events a filter selects now (what a bulk replay would replay). */
  estimate: viewerProcedure
    .input(z.object({ filter: eventFilter.default({}) }))
    .output(countOutput)
    .query(({ ctx, input }) => ctx.app.replays.estimate(input.filter)),
  /** Start replaying every matching event stored so far, oldest first, rate-limited; resumes after a restart. */
  create: editorProcedure
    .input(replayCreateInput)
    .output(replayJob)
    .mutation(({ ctx, input }) => ctx.app.replays.create(input, ctx.principal.name)),
  /** Bulk replays, newest first. */
  list: viewerProcedure
    .input(z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).default({ limit: 50 }))
    .output(z.array(replayJob))
    .query(({ ctx, input }) => ctx.app.replays.list(input.limit)),
  byId: viewerProcedure
    .input(z.object({ id: z.string().min(1).max(253) }))
    .output(replayJob)
    .query(({ ctx, input }) => ctx.app.replays.byId(input.id)),
  cancel: editorProcedure
    .input(z.object({ id: z.string().min(1).max(253) }))
    .output(replayJob)
    .mutation(({ ctx, input }) => ctx.app.replays.cancel(input.id, ctx.principal.name)),
});
