/**
 * Bulk replay: every stored event matching a search filter, replayed oldest first onto the bus or to one sensor.
 *
 * - A job is a row (`ReplayJob`): the filter, the target, a snapshot bound `maxSeq` (events stored later — its own
 *   replays among them — are never picked up), and `cursorSeq`, the last event handled, written after each batch,
 *   so a job cut off by a restart resumes where it was (an event may be replayed twice then, never skipped).
 * - It runs at most `ratePerSecond`, and yields to live traffic: each live event stored in the last second takes one
 *   replay slot, down to one replay a second.
 * - One worker per process claims pending jobs, and running jobs whose process is gone (no live `Instance` row).
 * - Cancelling stops the job after the replay in progress.
 */
import { randomBytes } from "node:crypto";
import { errorMessage, type Logger } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { Db } from "../db/client.ts";
import type { AppContext } from "../engine.ts";
import type { replayCreateInput, replayJob } from "../schemas.ts";
import type { EventStore } from "../storage/events.ts";
import type { EventFilter } from "../storage/search.ts";
import { replayStoredEvent, type DeliveryTarget } from "./replay.ts";

type ReplayJobItem = z.infer<typeof replayJob>;
type JobRow = Awaited<ReturnType<Db["replayJob"]["findMany"]>>[number];

const BATCH = 50;

function normalizeFilter(filter: Record<string, unknown>): EventFilter {
  const { match, ...rest } = filter as EventFilter & { match?: string | string[] };
  return { ...rest, ...(match === undefined ? {} : { match: typeof match === "string" ? [match] : match }) };
}

/** A job as the API serves it. */
export function toJobItem(row: JobRow): ReplayJobItem {
  return {
    id: row.id,
    status: row.status as ReplayJobItem["status"],
    filter: JSON.parse(row.filter) as Record<string, unknown>,
    target: row.target ? (JSON.parse(row.target) as ReplayJobItem["target"]) : null,
    ratePerSecond: row.ratePerSecond,
    total: row.total,
    processed: row.processed,
    replayed: row.replayed,
    failed: row.failed,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Creates, runs and reports bulk replays. */
export class ReplayJobs {
  private readonly abort = new AbortController();
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(
    private readonly deps: {
      db: Db;
      events: EventStore;
      logger: Logger;
      instanceId: string;
      /** The app, for replaying (set once it is built). */
      app: () => AppContext;
      /** Live events stored in the last second. */
      liveRate: () => number;
      /** Poll for runnable jobs this often (ms). */
      pollMs?: number;
    },
  ) {}

  /** How many events a filter selects now. */
  async estimate(filter: Record<string, unknown>): Promise<{ count: number }> {
    return { count: await this.deps.events.count(normalizeFilter(filter)) };
  }

  /** Create a job (it starts within a poll interval). */
  async create(input: z.infer<typeof replayCreateInput>, actor: string): Promise<ReplayJobItem> {
    const filter = normalizeFilter(input.filter);
    const maxSeq = await this.deps.events.lastSeq();
    const total = await this.deps.events.count(filter, maxSeq);
    const row = await this.deps.db.replayJob.create({
      data: {
        id: `rpl_${randomBytes(8).toString("hex")}`,
        status: "pending",
        filter: JSON.stringify(input.filter),
        target: input.target ? JSON.stringify(input.target) : null,
        ratePerSecond: input.ratePerSecond,
        total,
        maxSeq,
        createdBy: actor,
      },
    });
    await this.deps.db.auditEntry.create({ data: { actor, action: "replay.bulk", target: row.id, detail: JSON.stringify({ filter: input.filter, target: input.target ?? null, total }) } });
    this.wake?.();
    return toJobItem(row);
  }

  /** Jobs, newest first. */
  async list(limit = 50): Promise<ReplayJobItem[]> {
    const rows = await this.deps.db.replayJob.findMany({ orderBy: { createdAt: "desc" }, take: limit });
    return rows.map(toJobItem);
  }

  async byId(id: string): Promise<ReplayJobItem> {
    const row = await this.deps.db.replayJob.findUnique({ where: { id } });
    if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `replay job ${id} not found` });
    return toJobItem(row);
  }

  /** Cancel a pending or running job; a finished one is returned as it is. */
  async cancel(id: string, actor: string): Promise<ReplayJobItem> {
    const result = await this.deps.db.replayJob.updateMany({
      where: { id, status: { in: ["pending", "running"] } },
      data: { status: "cancelled", finishedAt: new Date() },
    });
    if (result.count > 0) await this.deps.db.auditEntry.create({ data: { actor, action: "replay.cancel", target: id } });
    return this.byId(id);
  }

  /** Start the worker. */
  start(): void {
    this.loop ??= this.work();
  }

  /** Stop the worker after the replay in progress (the job stays `running`, to be resumed on the next start). */
  async stop(): Promise<void> {
    this.abort.abort();
    this.wake?.();
    await this.loop;
  }

  private async sleep(ms: number): Promise<void> {
    if (this.abort.signal.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.wake = undefined;
  }

  private async work(): Promise<void> {
    while (!this.abort.signal.aborted) {
      try {
        const job = await this.claim();
        if (job) await this.run(job);
        else await this.sleep(this.deps.pollMs ?? 1000);
      } catch (error) {
        this.deps.logger.error("bulk replay worker failed; retrying", { error: errorMessage(error) });
        await this.sleep(2000);
      }
    }
  }

  /** Take the oldest pending job, or a running one whose process is gone. */
  private async claim(): Promise<JobRow | undefined> {
    const live = (await this.deps.db.instance.findMany({ where: { heartbeatAt: { gt: new Date(Date.now() - 30_000) } }, select: { id: true } })).map((i) => i.id);
    const candidates = await this.deps.db.replayJob.findMany({
      where: { OR: [{ status: "pending" }, { status: "running", OR: [{ instanceId: null }, { instanceId: { notIn: [...live, this.deps.instanceId] } }] }] },
      orderBy: { createdAt: "asc" },
      take: 5,
    });
    for (const candidate of candidates) {
      const claimed = await this.deps.db.replayJob.updateMany({
        where: { id: candidate.id, status: candidate.status, instanceId: candidate.instanceId },
        data: { status: "running", instanceId: this.deps.instanceId, startedAt: candidate.startedAt ?? new Date() },
      });
      if (claimed.count === 1) return { ...candidate, status: "running", instanceId: this.deps.instanceId };
    }
    return undefined;
  }

  private async run(job: JobRow): Promise<void> {
    const filter = normalizeFilter(JSON.parse(job.filter) as Record<string, unknown>);
    const target = job.target ? (JSON.parse(job.target) as DeliveryTarget) : undefined;
    let { cursorSeq, processed, replayed, failed } = job;
    let lastError: string | null = job.error;
    this.deps.logger.info("bulk replay running", { job: job.id, from: cursorSeq, maxSeq: job.maxSeq });
    for (;;) {
      if (this.abort.signal.aborted) return;
      const current = await this.deps.db.replayJob.findUnique({ where: { id: job.id }, select: { status: true } });
      if (current?.status !== "running") return;
      const batch = await this.deps.events.scan(filter, { afterSeq: cursorSeq, maxSeq: job.maxSeq, limit: BATCH });
      if (batch.length === 0) break;
      for (const { seq, item } of batch) {
        if (this.abort.signal.aborted) break;
        // Live traffic first: every live event of the last second takes one of this second's replay slots.
        const rate = Math.max(1, job.ratePerSecond - this.deps.liveRate());
        await this.sleep(1000 / rate);
        try {
          const result = await replayStoredEvent(this.deps.app(), item, target);
          await result.done;
          replayed += 1;
        } catch (error) {
          failed += 1;
          lastError = errorMessage(error);
        }
        processed += 1;
        cursorSeq = seq;
      }
      await this.deps.db.replayJob.updateMany({ where: { id: job.id, status: "running" }, data: { cursorSeq, processed, replayed, failed, error: lastError } });
    }
    const status = failed > 0 && replayed === 0 ? "failed" : "succeeded";
    await this.deps.db.replayJob.updateMany({
      where: { id: job.id, status: "running" },
      data: { status, cursorSeq, processed, replayed, failed, error: lastError, finishedAt: new Date() },
    });
    this.deps.logger.info("bulk replay finished", { job: job.id, status, replayed, failed });
  }
}
