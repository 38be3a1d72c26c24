/**
 * The sensor seam: what a running sensor reports to its host. The host stores explain records and runs (batched),
 * and must make `runStarted` durable before it resolves: an at-most-once run is acknowledged on the bus only after
 * its start is recorded, so a crash mid-run leaves an `interrupted` run, never a silent loss.
 */
import type { ExplainRecord } from "./explain.ts";
import type { RunOutcome } from "../triggers/run.ts";

/** A run as first recorded. */
export interface RunStart {
  runId: string;
  namespace: string;
  sensor: string;
  trigger: string;
  /** dependency name → event id that fed this firing. */
  events: Record<string, string>;
  startedAt: number;
  atLeastOnce: boolean;
  /** Set when the run replays an earlier one or an event replay (`replayof`). */
  replayOf?: string;
}

/** A finished run. */
export interface RunFinish extends RunStart {
  finishedAt: number;
  outcome: RunOutcome;
}

/** Callbacks of a running sensor. */
export interface SensorHooks {
  explain(record: ExplainRecord): void;
  runStarted(run: RunStart): Promise<void>;
  runFinished(run: RunFinish): void;
}

/** Snapshot of one trigger's join state, for the console's join inspector. */
export interface JoinSnapshot {
  trigger: string;
  expression: string;
  held: { dependency: string; eventId: string; since: number }[];
}

/** A running sensor. */
export interface RunningSensor {
  stop(): Promise<void>;
  joinState(): JoinSnapshot[];
}
