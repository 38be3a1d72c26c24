/**
 * The outcome of each event for each trigger that saw it, kept current from explain records and finished runs so
 * search can filter by outcome without reading explain JSON:
 * - explain `filtered` → filtered; `error` → failed; `held` → pending; `fired` → pending until its run ends;
 * - run ended → fired (succeeded), failed, or interrupted (marked at start-up after a crash), for every event of
 *   the firing (a join fires with several).
 * Later facts overwrite earlier ones: a batch writes explain outcomes before run outcomes.
 */
import type { ExplainRecord, RunFinish } from "@signalbox/engine";
import type { DatabaseProvider, Db } from "../db/client.ts";
import type { Outcome } from "./search.ts";
import { SqlParams } from "./sql.ts";

/** One (event, sensor, trigger) outcome. */
export interface OutcomeRow {
  namespace: string;
  eventId: string;
  sensor: string;
  trigger: string;
  outcome: Outcome;
  runId: string | null;
  at: Date;
}

/** Outcomes an explain record implies (a join firing also settles the held events it took). */
export function outcomesOfExplain(record: ExplainRecord): OutcomeRow[] {
  const base = { namespace: record.namespace, sensor: record.sensor, trigger: record.trigger, at: new Date(record.at) };
  switch (record.outcome) {
    case "duplicate":
      return [];
    case "filtered":
      return [{ ...base, eventId: record.eventId, outcome: "filtered", runId: null }];
    case "error":
      return [{ ...base, eventId: record.eventId, outcome: "failed", runId: null }];
    case "held":
      return [{ ...base, eventId: record.eventId, outcome: "pending", runId: null }];
    case "fired": {
      const runId = record.runId ?? null;
      const ids = new Set([record.eventId, ...(record.join?.held.map((held) => held.eventId) ?? [])]);
      return [...ids].map((eventId) => ({ ...base, eventId, outcome: "pending" as const, runId }));
    }
    default: {
      const exhaustive: never = record.outcome;
      return exhaustive;
    }
  }
}

/** Outcomes a finished run implies, for every event that fed it. */
export function outcomesOfRun(run: RunFinish): OutcomeRow[] {
  const outcome: Outcome = run.outcome.status === "succeeded" ? "fired" : "failed";
  return [...new Set(Object.values(run.events))].map((eventId) => ({
    namespace: run.namespace,
    eventId,
    sensor: run.sensor,
    trigger: run.trigger,
    outcome,
    runId: run.runId,
    at: new Date(run.finishedAt),
  }));
}

type Executor = Pick<Db, "$executeRawUnsafe">;

/** Insert or overwrite outcomes; of several rows for one key the last wins. */
export async function upsertOutcomes(db: Executor, provider: DatabaseProvider, rows: readonly OutcomeRow[]): Promise<void> {
  const latest = new Map<string, OutcomeRow>();
  for (const row of rows) {
    const key = `${row.namespace}\u0000${row.eventId}\u0000${row.sensor}\u0000${row.trigger}`;
    latest.delete(key);
    latest.set(key, row);
  }
  const unique = [...latest.values()];
  for (let start = 0; start < unique.length; start += 400) {
    const chunk = unique.slice(start, start + 400);
    const params = new SqlParams(provider);
    const values = chunk
      .map((row) => `(${params.add(row.namespace)}, ${params.add(row.eventId)}, ${params.add(row.sensor)}, ${params.add(row.trigger)}, ${params.add(row.outcome)}, ${params.add(row.runId)}, ${params.time(row.at)})`)
      .join(", ");
    await db.$executeRawUnsafe(
      `INSERT INTO "EventOutcome" ("namespace", "eventId", "sensor", "trigger", "outcome", "runId", "at") VALUES ${values} ` +
        `ON CONFLICT ("namespace", "eventId", "sensor", "trigger") DO UPDATE SET "outcome" = excluded."outcome", ` +
        `"runId" = COALESCE(excluded."runId", "EventOutcome"."runId"), "at" = excluded."at"`,
      ...params.values,
    );
  }
}

/** After runs were marked interrupted (start-up), their events' pending outcomes become `interrupted`. */
export async function markInterruptedOutcomes(db: Db): Promise<number> {
  return db.$executeRawUnsafe(
    `UPDATE "EventOutcome" SET "outcome" = 'interrupted' WHERE "outcome" = 'pending' AND "runId" IN (SELECT "runId" FROM "Run" WHERE "status" = 'interrupted')`,
  );
}
