/** API tokens: create (the secret is returned once), list, revoke. Admin only. */
import { z } from "zod";
import { tokenCreateInput, tokenItem } from "../schemas.ts";
import { createToken, listTokens, revokeToken } from "../services/tokens.ts";
import { adminProcedure, router } from "../trpc.ts";

export const tokensRouter = router({
  list: adminProcedure.output(z.array(tokenItem)).query(({ ctx }) => listTokens(ctx.app)),
  create: adminProcedure
    .input(tokenCreateInput)
    .output(tokenItem.extend({ token: z.string() }))
    .mutation(({ ctx, input }) => createToken(ctx.app, input, ctx.principal.name)),
  revoke: adminProcedure
    .input(z.object({ id: z.string().min(1).max(100) }))
    .output(tokenItem)
    .mutation(({ ctx, input }) => revokeToken(ctx.app, input.id, ctx.principal.name)),
});
