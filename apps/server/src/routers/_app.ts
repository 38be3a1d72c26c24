/** The API: one router per domain. */
import { createCallerFactory, router } from "../trpc.ts";
import { attachRouter } from "./attach.ts";
import { auditRouter } from "./audit.ts";
import { busesRouter } from "./buses.ts";
import { eventsRouter } from "./events.ts";
import { manifestsRouter } from "./manifests.ts";
import { replaysRouter } from "./replays.ts";
import { runsRouter } from "./runs.ts";
import { secretsRouter } from "./secrets.ts";
import { sensorsRouter } from "./sensors.ts";
import { sourcesRouter } from "./sources.ts";
import { systemRouter } from "./system.ts";
import { tokensRouter } from "./tokens.ts";

export const appRouter = router({
  buses: busesRouter,
  sources: sourcesRouter,
  sensors: sensorsRouter,
  manifests: manifestsRouter,
  events: eventsRouter,
  runs: runsRouter,
  replays: replaysRouter,
  secrets: secretsRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  system: systemRouter,
  attach: attachRouter,
});

/** The router's type, for clients (import type-only). */
export type AppRouter = typeof appRouter;

/** Call procedures in-process. */
export const createCaller = createCallerFactory(appRouter);
