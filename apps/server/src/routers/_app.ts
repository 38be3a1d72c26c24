/** The API: one router per domain. */
import { createCallerFactory, router } from "../trpc.ts";
import { busesRouter } from "./buses.ts";
import { eventsRouter } from "./events.ts";
import { manifestsRouter } from "./manifests.ts";
import { runsRouter } from "./runs.ts";
import { sensorsRouter } from "./sensors.ts";
import { sourcesRouter } from "./sources.ts";
import { systemRouter } from "./system.ts";

export const appRouter = router({
  buses: busesRouter,
  sources: sourcesRouter,
  sensors: sensorsRouter,
  manifests: manifestsRouter,
  events: eventsRouter,
  runs: runsRouter,
  system: systemRouter,
});

/** The router's type, for clients (import type-only). */
export type AppRouter = typeof appRouter;

/** Call procedures in-process. */
export const createCaller = createCallerFactory(appRouter);
