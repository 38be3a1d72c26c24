/** Trigger runs. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { namespaceName, runItem } from "../schemas.ts";
import { toRunItem } from "../services/runs.ts";
import { router, viewerProcedure } from "../trpc.ts";

export const runsRouter = router({
  list: viewerProcedure
    .input(
      z
        .object({
          namespace: namespaceName.optional(),
          sensor: z.string().max(253).optional(),
          trigger: z.string().max(253).optional(),
          status: z.enum(["running", "succeeded", "failed", "interrupted"]).optional(),
          replayOf: z.string().max(253).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        })
        .default({ limit: 50 }),
    )
    .output(z.array(runItem))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.app.db.run.findMany({
        where: {
          ...(input.namespace ? { namespace: input.namespace } : {}),
          ...(input.sensor ? { sensor: input.sensor } : {}),
          ...(input.trigger ? { trigger: input.trigger } : {}),
          ...(input.status ? { status: input.status } : {}),
          ...(input.replayOf ? { replayOf: input.replayOf } : {}),
        },
        orderBy: { startedAt: "desc" },
        take: input.limit,
      });
      return rows.map(toRunItem);
    }),
  byId: viewerProcedure
    .input(z.object({ runId: z.string().min(1).max(253) }))
    .output(runItem)
    .query(async ({ ctx, input }) => {
      const row = await ctx.app.db.run.findUnique({ where: { runId: input.runId } });
      if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `run ${input.runId} not found` });
      return toRunItem(row);
    }),
});
