/** The audit trail: who applied, deleted, paused, replayed, injected, rolled back, or managed tokens and keys. */
import { z } from "zod";
import { auditItem } from "../schemas.ts";
import { adminProcedure, router } from "../trpc.ts";

export const auditRouter = router({
  list: adminProcedure
    .input(
      z
        .object({
          actor: z.string().max(200).optional(),
          action: z.string().max(100).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
          /** Entries older than this id (paging). */
          before: z.coerce.number().int().min(1).optional(),
        })
        .default({ limit: 100 }),
    )
    .output(z.object({ items: z.array(auditItem), nextBefore: z.number().int().nullable() }))
    .query(async ({ ctx, input }) => {
      const rows = await ctx.app.db.auditEntry.findMany({
        where: {
          ...(input.actor ? { actor: input.actor } : {}),
          ...(input.action ? { action: input.action } : {}),
          ...(input.before ? { id: { lt: input.before } } : {}),
        },
        orderBy: { id: "desc" },
        take: input.limit + 1,
      });
      const page = rows.slice(0, input.limit);
      return {
        items: page.map((row) => ({ ...row, at: row.at.toISOString() })),
        nextBefore: rows.length > input.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    }),
});
