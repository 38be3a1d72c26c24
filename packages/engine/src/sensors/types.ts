/**
 * The sensor seam: what a running sensor reports to its host. The host stores explain records and runs (batched),
 * and must make `runStarted` durable before it resolves: an at-most-once run is acknowledged on the bus only after
 * its start is recorded, so a crash mid-run leaves an `interrupted` run, never a silent loss.
 */
import type { BusMessage } from "../bus/types.ts";
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

/** Where a direct delivery went: the (trigger, dependency) pairs that took the message. */
export interface DirectDelivery {
  targets: { trigger: string; dependency: string }[];
  /** Settles when every target finished handling it (explain records written, runs finished). */
  done: Promise<void>;
}

/** A running sensor. */
export interface RunningSensor {
  stop(): Promise<void>;
  joinState(): JoinSnapshot[];
  /**
   * Hand a message straight to the sensor's triggers (all, or the one named), bypassing the bus: each dependency
   * of the trigger that the message is for runs it through transform, filters, join and trigger as a bus delivery
   * would. Used for replay and injection aimed at one sensor.
   */
  deliver?(message: BusMessage, trigger?: string): Promise<DirectDelivery>;
}
