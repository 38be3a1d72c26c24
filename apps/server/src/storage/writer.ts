/**
 * Batched writes of runs and explain records, off the webhook's acknowledgement path. A run's start is durable
 * when `runStarted` resolves (the sensor acks its bus message only then); a run that finished before the batch
 * was written is stored once, already final.
 */
import type { ExplainRecord, Logger, RunFinish, RunStart } from "@signalbox/engine";
import { errorMessage } from "@signalbox/engine";
import type { DatabaseProvider, Db } from "../db/client.ts";
import { outcomesOfExplain, outcomesOfRun, upsertOutcomes } from "./outcomes.ts";

interface PendingRun {
  start: RunStart;
  finish?: RunFinish;
  inserted: boolean;
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
      this.runs.set(start.runId, { start, inserted: false, waiters: [{ resolve, reject }] });
      this.schedule();
    });
  }

  /** Record a run's end (batched; not awaited). If its start is already being written, this becomes an update. */
  runFinished(finish: RunFinish): void {
    this.options.onRunFinished?.(finish);
    const pending = this.runs.get(finish.runId);
    if (pending) pending.finish = finish;
    else this.runs.set(finish.runId, { start: finish, finish, inserted: true, waiters: [] });
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
    const inserts = runs.filter((run) => !run.inserted);
    const updates = runs.filter((run) => run.inserted && run.finish);
    try {
      await this.options.db.$transaction(async (tx) => {
        if (inserts.length > 0) await tx.run.createMany({ data: inserts.map((run) => this.row(run)) });
        for (const run of updates) {
          const finish = run.finish;
          if (!finish) continue;
          await tx.run.update({ where: { runId: finish.runId }, data: finishedFields(finish) });
        }
        if (explains.length > 0) {
          await tx.explain.createMany({
            data: explains.map((record) => ({
              namespace: record.namespace,
              eventId: record.eventId,
              sensor: record.sensor,
              trigger: record.trigger,
              dependency: record.dependency,
              outcome: record.outcome,
              record: JSON.stringify(record),
              at: new Date(record.at),
            })),
          });
        }
        // Explain outcomes first, then run outcomes: the later fact wins.
        const outcomes = [...explains.flatMap(outcomesOfExplain), ...runs.flatMap((run) => (run.finish ? outcomesOfRun(run.finish) : []))];
        if (outcomes.length > 0) await upsertOutcomes(tx, this.options.provider, outcomes);
      });
      for (const run of runs) for (const waiter of run.waiters) waiter.resolve();
    } catch (error) {
      this.options.logger.error("writing runs/explain records failed", { error: errorMessage(error) });
      for (const run of runs) for (const waiter of run.waiters) waiter.reject(error);
    }
  }

  private row(run: PendingRun) {
    const { start, finish } = run;
    return {
      runId: start.runId,
      namespace: start.namespace,
      sensor: start.sensor,
      trigger: start.trigger,
      status: finish ? finish.outcome.status : "running",
      attempts: JSON.stringify({ attempts: [] }),
      atLeastOnce: start.atLeastOnce,
      events: JSON.stringify(start.events),
      replayOf: start.replayOf ?? null,
      instanceId: this.options.instanceId,
      startedAt: new Date(start.startedAt),
      ...(finish ? finishedFields(finish) : {}),
    };
  }

  /** Flush and stop accepting timed flushes. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.flush();
  }
}

function finishedFields(finish: RunFinish) {
  return {
    status: finish.outcome.status,
    // `attempts` holds the attempts and, when one ran, the dlqTrigger's outcome.
    attempts: JSON.stringify({ attempts: finish.outcome.attempts, ...(finish.outcome.dlq ? { dlq: finish.outcome.dlq } : {}) }),
    request: finish.outcome.request ? JSON.stringify(finish.outcome.request) : null,
    error: finish.outcome.error ?? null,
    finishedAt: new Date(finish.finishedAt),
  };
}
