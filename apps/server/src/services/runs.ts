/** Reading runs and explain records. */
import type { AppContext } from "../engine.ts";
import type { RunItem } from "../schemas.ts";

type RunRow = Awaited<ReturnType<AppContext["db"]["run"]["findMany"]>>[number];

/** A stored run as the API serves it. */
export function toRunItem(row: RunRow): RunItem {
  const outcome = JSON.parse(row.attempts) as { attempts?: Record<string, unknown>[]; dlq?: Record<string, unknown> };
  return {
    runId: row.runId,
    namespace: row.namespace,
    sensor: row.sensor,
    trigger: row.trigger,
    status: row.status as RunItem["status"],
    atLeastOnce: row.atLeastOnce,
    events: JSON.parse(row.events) as Record<string, string>,
    attempts: outcome.attempts ?? [],
    ...(outcome.dlq ? { dlq: outcome.dlq } : {}),
    request: row.request ? (JSON.parse(row.request) as Record<string, unknown>) : null,
    error: row.error,
    replayOf: row.replayOf,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt ? row.finishedAt.toISOString() : null,
  };
}

/** Runs fed by an event (its id appears among the run's events). */
export async function runsOfEvent(app: AppContext, namespace: string, eventId: string): Promise<RunItem[]> {
  const rows = await app.db.run.findMany({
    where: { namespace, events: { contains: `"${eventId}"` } },
    orderBy: { startedAt: "desc" },
    take: 100,
  });
  return rows.map(toRunItem);
}

/** Explain records of an event. */
export async function explainsOfEvent(app: AppContext, namespace: string, eventId: string): Promise<Record<string, unknown>[]> {
  const rows = await app.db.explain.findMany({ where: { namespace, eventId }, orderBy: { id: "asc" } });
  return rows.map((row) => JSON.parse(row.record) as Record<string, unknown>);
}
