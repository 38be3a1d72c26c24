/** EventSources. */
import { z } from "zod";
import { namespaceName, resourceItem } from "../schemas.ts";
import { router, viewerProcedure } from "../trpc.ts";
import { listOfKind, oneOfKind } from "./shared.ts";

export const sourcesRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(({ ctx, input }) => listOfKind(ctx.app, "EventSource", input.namespace)),
  byName: viewerProcedure
    .input(z.object({ namespace: namespaceName.default("default"), name: z.string().min(1) }))
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "EventSource", input.namespace, input.name)),
});
