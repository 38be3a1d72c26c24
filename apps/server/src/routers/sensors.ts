/** Sensors, with their join state. */
import { z } from "zod";
import { namespaceName, resourceItem } from "../schemas.ts";
import { router, viewerProcedure } from "../trpc.ts";
import { listOfKind, oneOfKind } from "./shared.ts";

const joinState = z.array(
  z.object({
    trigger: z.string(),
    expression: z.string(),
    held: z.array(z.object({ dependency: z.string(), eventId: z.string(), since: z.number() })),
  }),
);

export const sensorsRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(({ ctx, input }) => listOfKind(ctx.app, "Sensor", input.namespace)),
  byName: viewerProcedure
    .input(z.object({ namespace: namespaceName.default("default"), name: z.string().min(1) }))
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "Sensor", input.namespace, input.name)),
  joinState: viewerProcedure
    .input(z.object({ namespace: namespaceName.default("default"), name: z.string().min(1) }))
    .output(joinState)
    .query(({ ctx, input }) => ctx.app.engine.joinState(input.namespace, input.name)),
});
