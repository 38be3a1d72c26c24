/** EventBuses, the health of the buses in use, and consumer lag. */
import type { SensorResource } from "@signalbox/engine";
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
    .input(z.object({ namespace: namespaceName.default("default"), name: z.string().min(1).max(253) }))
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "EventBus", input.namespace, input.name)),
  health: viewerProcedure
    .output(z.array(z.object({ bus: z.string(), kind: z.string(), connected: z.boolean(), detail: z.string().optional() })))
    .query(({ ctx }) => ctx.app.engine.busHealth()),
  /** Messages each durable consumer has not acknowledged yet (buses that can tell: the embedded one). */
  lag: viewerProcedure
    .output(
      z.array(
        z.object({
          namespace: z.string(),
          bus: z.string(),
          durable: z.string(),
          sensor: z.string().optional(),
          trigger: z.string().optional(),
          dependency: z.string().optional(),
          messages: z.number().int(),
        }),
      ),
    )
    .query(async ({ ctx }) => {
      const sensors = await ctx.app.definitions.list({ kind: "Sensor" });
      return ctx.app.buses.lag(sensors.map((sensor) => ({ namespace: sensor.namespace, manifest: sensor.manifest as SensorResource })));
    }),
});
