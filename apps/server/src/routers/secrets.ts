/** Secret and ConfigMap values: which are stored (never their values), and rotating the key that seals them. */
import { z } from "zod";
import { namespaceName } from "../schemas.ts";
import { rotateSealingKey } from "../services/secrets.ts";
import { adminProcedure, router, viewerProcedure } from "../trpc.ts";

export const secretsRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(z.object({ kind: z.enum(["Secret", "ConfigMap"]), namespace: z.string(), name: z.string(), keys: z.array(z.string()), keyIds: z.array(z.string()) })))
    .query(({ ctx, input }) => ctx.app.definitions.valueKeys(input)),
  /** Re-seal every stored value with a new key (the key file is replaced; earlier keys are kept for recovery). */
  rotateKey: adminProcedure
    .output(z.object({ keyId: z.string(), previousKeyId: z.string(), values: z.number().int() }))
    .mutation(({ ctx }) => rotateSealingKey(ctx.app, ctx.principal.name)),
});
