/**
 * Targets as measured: median over rounds, spread, pass/miss, the printed table and `bench/results.json`.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";

/** One row of the results: a target (or part of one) as measured. */
export interface TargetResult {
  id: string;
  what: string;
  /** Median over rounds: a ratio to a baseline, or a value in `unit` (latency, MB, count). */
  ratio: number | null;
  goal: number | null;
  /** "≥" (at least the goal) or "≤" (at most). */
  direction: "≥" | "≤";
  unit?: string;
  /** (max − min) / median over rounds; 0 with one round. */
  spread: number | null;
  rounds: number;
  perRound: number[];
  /** Absolute figures behind the ratio, for the table. */
  measured: string;
  pass: boolean | null;
  /** Why it missed, or why it was not measured. */
  note?: string;
  mode?: string;
  measuredAt?: string;
}

export function median(values: number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function spreadOf(values: number[]): number {
  if (values.length < 2) return 0;
  const m = median(values);
  if (!Number.isFinite(m) || m === 0) return 0;
  return round((Math.max(...values) - Math.min(...values)) / Math.abs(m), 3);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A target measured over rounds. */
export function fromRounds(input: {
  id: string;
  what: string;
  perRound: number[];
  goal: number;
  direction: "≥" | "≤";
  unit?: string;
  measured: string;
  note?: string;
  digits?: number;
}): TargetResult {
  const values = input.perRound.filter((v) => Number.isFinite(v));
  const m = values.length > 0 ? round(median(values), input.digits ?? 3) : null;
  const pass = m === null ? null : input.direction === "≥" ? m >= input.goal : m <= input.goal;
  return {
    id: input.id,
    what: input.what,
    ratio: m,
    goal: input.goal,
    direction: input.direction,
    ...(input.unit ? { unit: input.unit } : {}),
    spread: values.length > 0 ? spreadOf(values) : null,
    rounds: values.length,
    perRound: values.map((v) => round(v, input.digits ?? 3)),
    measured: input.measured,
    pass,
    ...(input.note ? { note: input.note } : {}),
  };
}

/** A target that was not measured in this run. */
export function notMeasured(input: {
  id: string;
  what: string;
  goal: number | null;
  direction: "≥" | "≤";
  unit?: string;
  note: string;
}): TargetResult {
  return {
    id: input.id,
    what: input.what,
    ratio: null,
    goal: input.goal,
    direction: input.direction,
    ...(input.unit ? { unit: input.unit } : {}),
    spread: null,
    rounds: 0,
    perRound: [],
    measured: "not measured",
    pass: null,
    note: input.note,
  };
}

function fmt(value: number | null, unit?: string): string {
  if (value === null) return "—";
  if (unit === "ratio" || unit === undefined) return `${Math.round(value * 1000) / 10} %`;
  return `${value} ${unit}`;
}

/** The table as Markdown. */
export function markdownTable(targets: TargetResult[]): string {
  const lines = [
    "| id | target | measured (median) | goal | spread | rounds | result |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const t of targets) {
    const result = t.pass === null ? "not measured" : t.pass ? "met" : "**missed**";
    const goal = t.goal === null ? "—" : `${t.direction} ${fmt(t.goal, t.unit)}`;
    const spread = t.spread === null ? "—" : `${Math.round(t.spread * 100)} %`;
    const measured = t.ratio === null ? t.measured : `${fmt(t.ratio, t.unit)} — ${t.measured}`;
    lines.push(
      `| ${t.id} | ${t.what} | ${measured}${t.note ? ` (${t.note})` : ""} | ${goal} | ${spread} | ${t.rounds} | ${result} |`,
    );
  }
  return lines.join("\n");
}

/** Merge with the results already on disk: rows this run did not measure keep their last measured value. */
export function mergeWithPrevious(file: string, fresh: TargetResult[]): TargetResult[] {
  if (!existsSync(file)) return fresh;
  let previous: TargetResult[] = [];
  try {
    previous = (JSON.parse(readFileSync(file, "utf8")) as { targets?: TargetResult[] }).targets ?? [];
  } catch {
    return fresh;
  }
  return fresh.map((row) => {
    if (row.pass !== null) return row;
    const old = previous.find((p) => p.id === row.id && p.pass !== null);
    return old
      ? {
          ...old,
          note: `${old.note ? `${old.note}; ` : ""}from an earlier run (${old.mode ?? "?"}, ${old.measuredAt ?? "?"})`,
        }
      : row;
  });
}

/** Write `bench/results.json`. */
export function writeResults(
  file: string,
  data: { targets: TargetResult[]; env: Record<string, unknown>; [key: string]: unknown },
): void {
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
}
