/**
 * Batched writes of runs and explain records, off the webhook's acknowledgement path. A run's start is durable
 * when `runStarted` resolves (the sensor acks its bus message only then); a run that finished before the batch
 * was written is stored once, already final.
 */
import type { ExplainRecord, Logger, RunFinish, RunStart } from "@signalbox/engine";
import { errorMessage } from "@signalbox/engine";
import type { DatabaseProvider, Db } from "../db/client.ts";
import { outcomesOfExplain, outcomesOfRun, upsertOutcomes } from "./outcomes.ts";
import { insertStatements, type InsertSpec } from "./sql.ts";

const RUN_INSERT: InsertSpec = {
  table: "Run",
  columns: [
    ["runId", "text"],
    ["namespace", "text"],
    ["sensor", "text"],
    ["trigger", "text"],
    ["status", "text"],
    ["atLeastOnce", "bool"],
    ["events", "text"],
    ["attempts", "text"],
    ["request", "text"],
    ["error", "text"],
    ["replayOf", "text"],
    ["instanceId", "text"],
    ["startedAt", "time"],
    ["finishedAt", "time"],
  ],
  tail:
    `ON CONFLICT ("runId") DO UPDATE SET "status" = excluded."status", "attempts" = excluded."attempts", ` +
    `"request" = excluded."request", "error" = excluded."error", "finishedAt" = excluded."finishedAt" ` +
    `WHERE excluded."finishedAt" IS NOT NULL`,
};

const EXPLAIN_INSERT: InsertSpec = {
  table: "Explain",
  columns: [
    ["namespace", "text"],
    ["eventId", "text"],
    ["sensor", "text"],
    ["trigger", "text"],
    ["dependency", "text"],
    ["outcome", "text"],
    ["record", "text"],
    ["at", "time"],
  ],
};

function explainRow(record: ExplainRecord): unknown[] {
  return [record.namespace, record.eventId, record.sensor, record.trigger, record.dependency, record.outcome, JSON.stringify(record), new Date(record.at)];
}

interface PendingRun {
  start: RunStart;
  finish?: RunFinish;
  waiters: { resolve: () => void; reject: (error: unknown) => void }[];
}

/** Options of {@link RecordWriter}. */
export interface RecordWriterOptions {
  db: Db;
  /** SQL dialect of `db`. */
  provider: DatabaseProvider;
  logger: Logger;
  instanceId: string;
  /** Flush at most this long after the first pending write. */
  flushDelayMs?: number;
  /** Observer of finished runs (metrics, live stream). */
  onRunFinished?: (run: RunFinish) => void;
  onExplain?: (record: ExplainRecord) => void;
}

/** Collects run and explain writes and commits them in batches. */
export class RecordWriter {
  private readonly runs = new Map<string, PendingRun>();
  private explains: ExplainRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly options: RecordWriterOptions) {}

  /** Record a run start; resolves once it is committed. */
  runStarted(start: RunStart): Promise<void> {
    return new Promise((resolve, reject) => {
      this.runs.set(start.runId, { start, waiters: [{ resolve, reject }] });
      this.schedule();
    });
  }

  /** Record a run's end (batched; not awaited). If its start is already being written, this becomes an update. */
  runFinished(finish: RunFinish): void {
    this.options.onRunFinished?.(finish);
    const pending = this.runs.get(finish.runId);
    if (pending) pending.finish = finish;
    else this.runs.set(finish.runId, { start: finish, finish, waiters: [] });
    this.schedule();
  }

  /** Record an explain record (batched). */
  explain(record: ExplainRecord): void {
    this.options.onExplain?.(record);
    this.explains.push(record);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, this.options.flushDelayMs ?? 5);
  }

  /** Write everything pending now. */
  flush(): Promise<void> {
    const runs = [...this.runs.values()];
    this.runs.clear();
    const explains = this.explains;
    this.explains = [];
    if (runs.length === 0 && explains.length === 0) return this.flushing;
    this.flushing = this.flushing.then(() => this.write(runs, explains));
    return this.flushing;
  }

  private async write(runs: PendingRun[], explains: ExplainRecord[]): Promise<void> {
    const { provider } = this.options;
    // One statement for every run of the batch: new runs are inserted, runs whose start is already stored get their
    // end (a start-only row never overwrites a stored run: run ids are unique, a replayed start changes nothing).
    const runStatements = insertStatements(provider, RUN_INSERT, runs.map((run) => this.row(run)));
    const explainStatements = insertStatements(provider, EXPLAIN_INSERT, explains.map(explainRow));
    try {
      await this.options.db.$transaction(async (tx) => {
        for (const statement of [...runStatements, ...explainStatements]) await tx.$executeRawUnsafe(statement.sql, ...statement.values);
        // Explain outcomes first, then run outcomes: the later fact wins.
        const outcomes = [...explains.flatMap(outcomesOfExplain), ...runs.flatMap((run) => (run.finish ? outcomesOfRun(run.finish) : []))];
        if (outcomes.length > 0) await upsertOutcomes(tx, provider, outcomes);
      });
      for (const run of runs) for (const waiter of run.waiters) waiter.resolve();
    } catch (error) {
      this.options.logger.error("writing runs/explain records failed", { error: errorMessage(error) });
      for (const run of runs) for (const waiter of run.waiters) waiter.reject(error);
    }
  }

  /** A run's row in {@link RUN_INSERT} column order. */
  private row(run: PendingRun): unknown[] {
    const { start, finish } = run;
    return [
      start.runId,
      start.namespace,
      start.sensor,
      start.trigger,
      finish ? finish.outcome.status : "running",
      start.atLeastOnce,
      JSON.stringify(start.events),
      // `attempts` holds the attempts and, when one ran, the dlqTrigger's outcome.
      JSON.stringify(finish ? { attempts: finish.outcome.attempts, ...(finish.outcome.dlq ? { dlq: finish.outcome.dlq } : {}) } : { attempts: [] }),
      finish?.outcome.request ? JSON.stringify(finish.outcome.request) : null,
      finish?.outcome.error ?? null,
      start.replayOf ?? null,
      this.options.instanceId,
      new Date(start.startedAt),
      finish ? new Date(finish.finishedAt) : null,
    ];
  }

  /** Flush and stop accepting timed flushes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}
