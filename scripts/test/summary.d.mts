// Types of scripts/test/summary.mjs (the counting rules of `npm test`).

export interface StageResult {
  passed: number;
  failed: number;
  /** The runner did not report cleanly; implies failed >= 1. */
  crashed: boolean;
  /** What failed, one line each. */
  problems: string[];
}

export interface Stage extends StageResult {
  name: string;
  minutes: number;
  skipped?: boolean;
  skipReason?: string;
}

export interface RunInfo {
  exitCode?: number | null;
  signal?: string | null;
  label?: string;
}

export function emptyResult(): StageResult;
export function fromExitCode(label: string, exitCode: number | null, signal?: string | null): StageResult;
export function countVitestUnhandledErrors(output: string | null | undefined): number;
export function fromVitestReport(report: unknown, run?: RunInfo & { output?: string; root?: string }): StageResult;
export function fromPlaywrightReport(report: unknown, run?: RunInfo): StageResult;

export interface ScanHit {
  file: string;
  line: number;
  /** only | skip | todo | fixme | skipIf | runIf */
  modifier: string;
  text: string;
}
export function scanTestSource(text: string, file: string): ScanHit[];
export function findTestFiles(root: string): string[];
export function scanTestFiles(root: string): StageResult & { files: number };

export function totals(stages: ReadonlyArray<Pick<Stage, "passed" | "failed">>): { passed: number; failed: number };
export function finalLine(t: { passed: number; failed: number }): string;
export function buildSummary<E extends object>(
  stages: Stage[],
  extra?: E,
): E & { stages: Stage[]; passed: number; failed: number };
export function formatTable(stages: ReadonlyArray<Stage>): string;
export function readJson(file: string): unknown;
