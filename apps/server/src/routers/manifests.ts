/** Generic resource operations: apply (any kinds), dry-run validation, list, get, delete, export, revisions, diff, rollback. */
import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { applyInput, applyOutput, namespaceName, resourceItem, resourceKind, resourceRef, revisionItem, validateOutput } from "../schemas.ts";
import { applyManifests, deleteResource, diffRevisions, exportResources, revisionsOf, rollbackResource, validateManifests } from "../services/manifests.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { oneOfKind, toResourceItem } from "./shared.ts";

export const manifestsRouter = router({
  applyDocuments: editorProcedure
    .input(applyInput)
    .output(applyOutput)
    .mutation(({ ctx, input }) => applyManifests(ctx.app, input.manifests, ctx.principal.name)),
  /** Everything apply checks, and what it would do (created/updated/unchanged), without applying anything. */
  validate: viewerProcedure
    .input(applyInput)
    .output(validateOutput)
    .mutation(({ ctx, input }) => validateManifests(ctx.app, input.manifests)),
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
  /** Resources as multi-document YAML, ready to re-apply (Secret values redacted; re-applying keeps the stored ones). */
  export: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional(), kind: resourceKind.optional(), name: z.string().min(1).max(253).optional() }).default({}))
    .output(z.object({ yaml: z.string(), count: z.number().int() }))
    .query(({ ctx, input }) => exportResources(ctx.app, input)),
  /** Every applied version of a resource, newest first (kept after a delete). */
  revisions: viewerProcedure
    .input(resourceRef)
    .output(z.array(revisionItem))
    .query(async ({ ctx, input }) => {
      const revisions = await revisionsOf(ctx.app, input.kind, input.namespace, input.name);
      return revisions.map((revision) => ({ ...revision, createdAt: revision.createdAt.toISOString(), manifest: { ...revision.manifest } }));
    }),
  /** Unified diff of the YAML of two revisions (`to` defaults to the newest). */
  diff: viewerProcedure
    .input(resourceRef.extend({ from: z.coerce.number().int().min(1), to: z.coerce.number().int().min(1).optional() }))
    .output(z.object({ from: z.number().int(), to: z.number().int(), diff: z.string() }))
    .query(({ ctx, input }) => diffRevisions(ctx.app, input)),
  /** Apply an earlier revision again (recorded as a new revision; brings back a deleted resource). */
  rollback: editorProcedure
    .input(resourceRef.extend({ resourceVersion: z.coerce.number().int().min(1) }))
    .output(applyOutput)
    .mutation(({ ctx, input }) => rollbackResource(ctx.app, input, ctx.principal.name)),
});
