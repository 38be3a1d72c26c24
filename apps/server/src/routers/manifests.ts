/** Generic resource operations: apply (any kinds), list, get, delete. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { applyInput, applyOutput, namespaceName, resourceItem, resourceKind, resourceRef } from "../schemas.ts";
import { applyManifests, deleteResource } from "../services/manifests.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { oneOfKind, toResourceItem } from "./shared.ts";

export const manifestsRouter = router({
  applyDocuments: editorProcedure
    .input(applyInput)
    .output(applyOutput)
    .mutation(({ ctx, input }) => applyManifests(ctx.app, input.manifests, ctx.principal.name)),
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional(), kind: resourceKind.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(async ({ ctx, input }) => {
      const stored = await ctx.app.definitions.list(input);
      return stored.map((resource) => toResourceItem(ctx.app, resource));
    }),
  get: viewerProcedure
    .input(resourceRef)
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, input.kind, input.namespace, input.name)),
  delete: editorProcedure
    .input(resourceRef)
    .output(z.object({ deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      const deleted = await deleteResource(ctx.app, input.kind, input.namespace, input.name, ctx.principal.name);
      if (!deleted) throw new TRPCError({ code: "NOT_FOUND", message: `${input.kind} ${input.namespace}/${input.name} not found` });
      return { deleted: true as const };
    }),
});
