/** EventSources, with pause and resume. */
import { z } from "zod";
import { namespaceName, resourceItem } from "../schemas.ts";
import { setPaused } from "../services/manifests.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { listOfKind, oneOfKind } from "./shared.ts";

const ref = z.object({ namespace: namespaceName.default("default"), name: z.string().min(1).max(253) });

export const sourcesRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(({ ctx, input }) => listOfKind(ctx.app, "EventSource", input.namespace)),
  byName: viewerProcedure
    .input(ref)
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "EventSource", input.namespace, input.name)),
  /** Stop taking events: webhooks answer 503 + Retry-After (senders retry later); nothing is published. */
  pause: editorProcedure
    .input(ref)
    .output(resourceItem)
    .mutation(async ({ ctx, input }) => {
      await setPaused(ctx.app, { kind: "EventSource", namespace: input.namespace, name: input.name, paused: true, actor: ctx.principal.name });
      return oneOfKind(ctx.app, "EventSource", input.namespace, input.name);
    }),
  resume: editorProcedure
    .input(ref)
    .output(resourceItem)
    .mutation(async ({ ctx, input }) => {
      await setPaused(ctx.app, { kind: "EventSource", namespace: input.namespace, name: input.name, paused: false, actor: ctx.principal.name });
      return oneOfKind(ctx.app, "EventSource", input.namespace, input.name);
    }),
});
