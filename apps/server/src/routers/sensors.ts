/** Sensors: join state, pause/resume, and testing a sensor (applied or draft) without deploying it. */
import { z } from "zod";
import { dryRunInput, dryRunOutput, namespaceName, resourceItem } from "../schemas.ts";
import { testSensor } from "../services/dryRun.ts";
import { setPaused } from "../services/manifests.ts";
import { editorProcedure, router, viewerProcedure } from "../trpc.ts";
import { listOfKind, oneOfKind } from "./shared.ts";

const joinState = z.array(
  z.object({
    trigger: z.string(),
    expression: z.string(),
    held: z.array(z.object({ dependency: z.string(), eventId: z.string(), since: z.number() })),
  }),
);

const ref = z.object({ namespace: namespaceName.default("default"), name: z.string().min(1).max(253) });

export const sensorsRouter = router({
  list: viewerProcedure
    .input(z.object({ namespace: namespaceName.optional() }).default({}))
    .output(z.array(resourceItem))
    .query(({ ctx, input }) => listOfKind(ctx.app, "Sensor", input.namespace)),
  byName: viewerProcedure
    .input(ref)
    .output(resourceItem)
    .query(({ ctx, input }) => oneOfKind(ctx.app, "Sensor", input.namespace, input.name)),
  joinState: viewerProcedure
    .input(ref)
    .output(joinState)
    .query(({ ctx, input }) => ctx.app.engine.joinState(input.namespace, input.name)),
  /** Stop consuming; bus positions and join state are kept, so nothing is lost and resume goes on from there. */
  pause: editorProcedure
    .input(ref)
    .output(resourceItem)
    .mutation(async ({ ctx, input }) => {
      await setPaused(ctx.app, { kind: "Sensor", namespace: input.namespace, name: input.name, paused: true, actor: ctx.principal.name });
      return oneOfKind(ctx.app, "Sensor", input.namespace, input.name);
    }),
  resume: editorProcedure
    .input(ref)
    .output(resourceItem)
    .mutation(async ({ ctx, input }) => {
      await setPaused(ctx.app, { kind: "Sensor", namespace: input.namespace, name: input.name, paused: false, actor: ctx.principal.name });
      return oneOfKind(ctx.app, "Sensor", input.namespace, input.name);
    }),
  /** Run a sensor (applied, or draft YAML) over a sample event or stored events: explain records and the requests it would send. Sends nothing. */
  test: viewerProcedure
    .input(dryRunInput)
    .output(dryRunOutput)
    .mutation(({ ctx, input }) => testSensor(ctx.app, input)),
});
