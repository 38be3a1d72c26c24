/** EventBuses and the health of the buses in use. */
import { z } from "zod";
import { namespaceName, resourceItem } from "../schemas.ts";
import { router, viewerProcedure } from "../trpc.ts";
import { listOfKind, oneOfKind } from "./shared.ts";

export const busesRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(({ ctx, input }) => listOfKind(ctx.app, "EventBus", input.namespace)),
  byName: viewerProcedure
    .input(z.object({ namespace: namespaceName.default("default"), name: z.string().min(1) }))
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "EventBus", input.namespace, input.name)),
  health: viewerProcedure
    .output(z.array(z.object({ bus: z.string(), kind: z.string(), connected: z.boolean(), detail: z.string().optional() })))
    .query(({ ctx }) => ctx.app.engine.busHealth()),
});
