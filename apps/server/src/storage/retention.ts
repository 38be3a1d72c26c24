/**
 * Event history retention, run periodically: events older than `maxAgeMs` go, then the oldest events until the
 * stored payload bytes are under `maxBytes`; their explain records and outcomes go with them, and finished runs
 * older than `maxAgeMs`. Deletes run in small batches so live writes are never blocked for long.
 */
import type { DatabaseProvider, Db } from "../db/client.ts";
import { SqlParams, toCount } from "./sql.ts";

/** Retention settings; 0 disables a limit. */
export interface RetentionPolicy {
  maxAgeMs: number;
  maxBytes: number;
}

/** What one pass removed. */
export interface RetentionResult {
  events: number;
  runs: number;
}

const BATCH = 500;

async function deleteEvents(db: Db, rows: { seq: number; namespace: string; eventId: string }[]): Promise<void> {
  if (rows.length === 0) return;
  await db.$transaction(async (tx) => {
    const byNamespace = new Map<string, string[]>();
    for (const row of rows) byNamespace.set(row.namespace, [...(byNamespace.get(row.namespace) ?? []), row.eventId]);
    for (const [namespace, ids] of byNamespace) {
      await tx.explain.deleteMany({ where: { namespace, eventId: { in: ids } } });
      await tx.eventOutcome.deleteMany({ where: { namespace, eventId: { in: ids } } });
    }
    await tx.event.deleteMany({ where: { seq: { in: rows.map((row) => row.seq) } } });
  });
}

/** Apply the policy once. */
export async function applyRetention(db: Db, provider: DatabaseProvider, policy: RetentionPolicy, now = new Date()): Promise<RetentionResult> {
  const result: RetentionResult = { events: 0, runs: 0 };
  const select = { seq: true, namespace: true, eventId: true } as const;
  if (policy.maxAgeMs > 0) {
    const horizon = new Date(now.getTime() - policy.maxAgeMs);
    for (;;) {
      const rows = await db.event.findMany({ where: { receivedAt: { lt: horizon } }, orderBy: { seq: "asc" }, take: BATCH, select });
      await deleteEvents(db, rows);
      result.events += rows.length;
      if (rows.length < BATCH) break;
    }
    const runs = await db.run.deleteMany({ where: { startedAt: { lt: horizon }, status: { not: "running" } } });
    result.runs += runs.count;
  }
  if (policy.maxBytes > 0) {
    const params = new SqlParams(provider);
    const total = await db.$queryRawUnsafe<{ bytes: unknown }[]>(`SELECT COALESCE(SUM("size"), 0) AS bytes FROM "Event"`, ...params.values);
    let excess = toCount(total[0]?.bytes) - policy.maxBytes;
    while (excess > 0) {
      const rows = await db.event.findMany({ orderBy: { seq: "asc" }, take: BATCH, select: { ...select, size: true } });
      if (rows.length === 0) break;
      // Only as many as needed to get under the cap.
      const take: typeof rows = [];
      for (const row of rows) {
        if (excess <= 0) break;
        take.push(row);
        excess -= row.size;
      }
      await deleteEvents(db, take);
      result.events += take.length;
    }
  }
  return result;
}

/** Run {@link applyRetention} every `intervalMs` until stopped. */
export function startRetention(options: {
  db: Db;
  provider: DatabaseProvider;
  policy: RetentionPolicy;
  intervalMs: number;
  onResult?: (result: RetentionResult) => void;
  onError?: (error: unknown) => void;
}): { stop(): Promise<void>; runNow(): Promise<RetentionResult> } {
  let running: Promise<RetentionResult> | undefined;
  const runNow = () => {
    running ??= applyRetention(options.db, options.provider, options.policy).finally(() => (running = undefined));
    return running;
  };
  const timer =
    options.intervalMs > 0 && (options.policy.maxAgeMs > 0 || options.policy.maxBytes > 0)
      ? setInterval(() => {
          runNow().then(
            (result) => options.onResult?.(result),
            (error: unknown) => options.onError?.(error),
          );
        }, options.intervalMs)
      : undefined;
  timer?.unref();
  return {
    runNow,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
