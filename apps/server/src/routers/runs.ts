/** Trigger runs. */
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
          sensor: z.string().optional(),
          trigger: z.string().optional(),
          status: z.enum(["running", "succeeded", "failed", "interrupted"]).optional(),
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
        },
        orderBy: { startedAt: "desc" },
        take: input.limit,
      });
      return rows.map(toRunItem);
    }),
});
