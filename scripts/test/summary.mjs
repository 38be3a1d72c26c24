// The counting rules of `npm test` (scripts/test.mjs), kept free of process handling so they can be unit tested
// (scripts/test-summary.test.ts).
//
// A stage result is { passed, failed, crashed, problems }:
//   passed/failed  numbers of tests;
//   crashed        the runner did not report cleanly (no or partial report, errors outside tests, exit code that the
//                  report does not explain); a crashed stage always has failed >= 1;
//   problems       names of what failed, one line each (failed or skipped tests, runner errors, scan hits).
// Anything that did not run as a passing test counts as failed: skipped, todo, pending, `.only` elsewhere, fixme.
import fs from "node:fs";
import path from "node:path";

const stripAnsi = (text) => String(text).replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, ""); // eslint-disable-line no-control-regex

/** The first non-empty line of a message, without colours, at most 300 characters. */
const firstLine = (text) =>
  stripAnsi(text ?? "")
    .split("\n")
    .find((l) => l.trim() !== "")
    ?.trim()
    .slice(0, 300) ?? "";

/** An empty result, to add to. */
export function emptyResult() {
  return { passed: 0, failed: 0, crashed: false, problems: [] };
}

/**
 * A stage whose exit code is its only result (lint, typecheck, bench-smoke): one "test".
 * @param {string} label what ran, for the problem line
 * @param {number | null} exitCode null when it was killed by a signal
 */
export function fromExitCode(label, exitCode, signal = null) {
  if (exitCode === 0) return { passed: 1, failed: 0, crashed: false, problems: [] };
  const how = exitCode === null ? `was killed (${signal ?? "signal"})` : `exited with code ${exitCode}`;
  return { passed: 0, failed: 1, crashed: false, problems: [`${label} ${how}`] };
}

/** Number of unhandled errors vitest printed ("Vitest caught N unhandled errors during the test run."). */
export function countVitestUnhandledErrors(output) {
  let n = 0;
  for (const m of stripAnsi(output ?? "").matchAll(/Vitest caught (\d+) unhandled errors? during the test run/g)) {
    n += Number(m[1]);
  }
  return n;
}

const VITEST_NOT_RUN = new Set(["skipped", "pending", "todo", "disabled", "focused"]);

/**
 * Sums a vitest JSON report (`--reporter=json`, Jest-compatible shape).
 * @param {any} report the parsed report, or null when there is none (missing or unreadable file)
 * @param {{ exitCode?: number | null, signal?: string | null, output?: string, root?: string, label?: string }} [run]
 *   exitCode: the runner's; output: what it printed (to find unhandled errors); root: to shorten file names
 */
export function fromVitestReport(report, run = {}) {
  const { exitCode = 0, signal = null, output = "", root = "", label = "vitest" } = run;
  const r = emptyResult();
  const rel = (file) => (root && file ? path.relative(root, file) : (file ?? "?"));
  const exitText = exitCode === null ? `was killed (${signal ?? "signal"})` : `exited with code ${exitCode}`;

  if (!report || typeof report !== "object" || !Array.isArray(report.testResults)) {
    r.crashed = true;
    r.failed = 1;
    r.problems.push(`${label} crashed: ${exitText} without a JSON report`);
    return r;
  }

  for (const file of report.testResults) {
    const name = rel(file.name);
    const assertions = Array.isArray(file.assertionResults) ? file.assertionResults : [];
    let failedHere = 0;
    for (const t of assertions) {
      const title = `${name} > ${t.fullName || [...(t.ancestorTitles ?? []), t.title].join(" ")}`;
      if (t.status === "passed") r.passed++;
      else if (t.status === "failed") {
        r.failed++;
        failedHere++;
        r.problems.push(`failed: ${title}${t.failureMessages?.length ? ` — ${firstLine(t.failureMessages[0])}` : ""}`);
      } else {
        // skipped / pending / todo / disabled, or a status this code does not know: not a pass.
        r.failed++;
        failedHere++;
        r.problems.push(`${VITEST_NOT_RUN.has(t.status) ? t.status : `status ${t.status}`}: ${title}`);
      }
    }
    // A file that failed without a failing test: import error, hook failure, error outside tests.
    if (file.status === "failed" && failedHere === 0) {
      r.failed++;
      r.crashed = true;
      r.problems.push(`error in ${name}: ${firstLine(file.message) || "file failed outside its tests"}`);
    }
  }

  const unhandled = countVitestUnhandledErrors(output);
  if (unhandled > 0) {
    r.crashed = true;
    r.failed += unhandled;
    r.problems.push(`${label}: ${unhandled} unhandled error${unhandled > 1 ? "s" : ""} outside tests (see its output)`);
  }

  // Failures the per-test accounting does not show (a describe block whose hook failed, a run that stopped early,
  // an exit code that nothing explains) still count once.
  const suiteFailures = Number(report.numFailedTestSuites ?? 0);
  if (r.failed === 0 && (suiteFailures > 0 || report.success === false || exitCode !== 0)) {
    r.crashed = true;
    r.failed = 1;
    const why =
      suiteFailures > 0
        ? `${suiteFailures} failed suite${suiteFailures > 1 ? "s" : ""} without a failed test`
        : report.success === false
          ? "report says success: false without a failed test"
          : `${exitText} although every reported test passed`;
    r.problems.push(`${label} crashed: ${why}`);
  }
  if ((report.numTotalTests ?? 0) === 0 && report.testResults.length === 0 && r.failed === 0) {
    r.crashed = true;
    r.failed = 1;
    r.problems.push(`${label}: no test files ran`);
  }
  return r;
}

/**
 * Sums a Playwright JSON report (`--reporter=json`).
 * @param {any} report the parsed report, or null when there is none
 * @param {{ exitCode?: number | null, signal?: string | null, label?: string }} [run]
 */
export function fromPlaywrightReport(report, run = {}) {
  const { exitCode = 0, signal = null, label = "playwright" } = run;
  const r = emptyResult();
  const exitText = exitCode === null ? `was killed (${signal ?? "signal"})` : `exited with code ${exitCode}`;
  if (!report || typeof report !== "object" || !Array.isArray(report.suites)) {
    r.crashed = true;
    r.failed = 1;
    r.problems.push(`${label} crashed: ${exitText} without a JSON report`);
    return r;
  }
  const errors = Array.isArray(report.errors) ? report.errors : [];
  for (const e of errors) {
    r.crashed = true;
    r.failed++;
    r.problems.push(`${label} error: ${firstLine(e?.message ?? e?.value ?? JSON.stringify(e))}`);
  }
  const visit = (suite, titles) => {
    const here = suite.title ? [...titles, suite.title] : titles;
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = `${[...here, spec.title].join(" > ")}${t.projectName ? ` [${t.projectName}]` : ""}`;
        switch (t.status) {
          case "expected":
            r.passed++;
            break;
          case "flaky":
            r.passed++;
            r.problems.push(`flaky (passed on retry): ${name}`);
            break;
          case "unexpected": {
            r.failed++;
            const last = t.results?.at(-1);
            const msg = firstLine(last?.error?.message ?? last?.errors?.[0]?.message);
            r.problems.push(`failed: ${name}${last?.status ? ` (${last.status})` : ""}${msg ? ` — ${msg}` : ""}`);
            break;
          }
          default: {
            // "skipped": test.skip / test.fixme / a conditional skip / not run because of an earlier failure.
            r.failed++;
            const kind = (t.annotations ?? []).find((a) => a.type === "fixme" || a.type === "skip")?.type;
            r.problems.push(`${t.status === "skipped" ? (kind ?? "skipped") : `status ${t.status}`}: ${name}`);
          }
        }
      }
    }
    for (const child of suite.suites ?? []) visit(child, here);
  };
  for (const suite of report.suites) visit(suite, []);
  if (r.failed === 0 && exitCode !== 0) {
    r.crashed = true;
    r.failed = 1;
    r.problems.push(`${label} crashed: ${exitText} although every reported test passed`);
  }
  if (r.passed === 0 && r.failed === 0) {
    r.crashed = true;
    r.failed = 1;
    r.problems.push(`${label}: no tests ran`);
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------------
// Static scan of test files for focused, skipped and conditional tests.

/**
 * `it.only(`, `describe.skip(`, `test.todo(`, `test.fixme(`, `it.skipIf(…)`, `describe.runIf(…)`, and the same
 * after chained modifiers (`it.concurrent.only(`, `test.describe.fixme(`, `it.skip.each(`).
 */
const MODIFIER =
  /\b(?:it|test|describe|suite|bench)(?:\.(?:concurrent|sequential|shuffle|each|for|describe|serial|parallel))*\.(only|skip|todo|fixme|skipIf|runIf)\b/g;

/**
 * Blanks comments, line by line: lines that start a comment (`//`, `/*`, `*`) and trailing `// …` (not `://`).
 * A modifier mentioned in a comment is not a focused or skipped test.
 */
function withoutComments(text) {
  return text
    .split("\n")
    .map((line) => (/^\s*(\/\/|\/\*|\*)/.test(line) ? "" : line.replace(/(^|[^:\\"'`])\/\/.*$/, "$1")))
    .join("\n");
}

/**
 * Occurrences of focus/skip modifiers in one test file's text.
 * @param {string} text the file's content
 * @param {string} file its name, for the result
 * @returns {{ file: string, line: number, modifier: string, text: string }[]}
 */
export function scanTestSource(text, file) {
  const hits = [];
  const lines = withoutComments(text).split("\n");
  const original = text.split("\n");
  lines.forEach((line, i) => {
    for (const m of line.matchAll(MODIFIER)) {
      hits.push({ file, line: i + 1, modifier: m[1], text: (original[i] ?? line).trim().slice(0, 160) });
    }
  });
  return hits;
}

const TEST_FILE = /\.(test|spec)\.ts$/;

/** The repository's test files (`**\/*.test.ts`, `**\/*.spec.ts`), skipping node_modules and dot-directories. */
export function findTestFiles(root) {
  const out = [];
  const walk = (dir) => {
    let entries;
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.isDirectory()) {
        if (e.name === "node_modules" || e.name.startsWith(".")) continue;
        walk(path.join(dir, e.name));
      } else if (e.isFile() && TEST_FILE.test(e.name)) {
        out.push(path.join(dir, e.name));
      }
    }
  };
  walk(root);
  return out.sort();
}

/** Scans every test file under root; each occurrence is one failed "test". */
export function scanTestFiles(root) {
  const r = emptyResult();
  const files = findTestFiles(root);
  for (const file of files) {
    const rel = path.relative(root, file);
    for (const hit of scanTestSource(fs.readFileSync(file, "utf8"), rel)) {
      r.failed++;
      r.problems.push(`.${hit.modifier} in ${hit.file}:${hit.line}: ${hit.text}`);
    }
  }
  return { ...r, files: files.length };
}

// ---------------------------------------------------------------------------------------------------------------
// Summary.

/**
 * @param {{ name: string, minutes: number, passed: number, failed: number, crashed: boolean, skipped?: boolean }[]} stages
 */
export function totals(stages) {
  let passed = 0;
  let failed = 0;
  for (const s of stages) {
    passed += s.passed ?? 0;
    failed += s.failed ?? 0;
  }
  return { passed, failed };
}

export const finalLine = ({ passed, failed }) => `${passed} passed, ${failed} failed`;

/** The summary.json document. */
export function buildSummary(stages, extra = {}) {
  return { ...extra, stages, ...totals(stages) };
}

/** A fixed-width table of the stages, one line each, and a total line. */
export function formatTable(stages) {
  const rows = [["stage", "minutes", "passed", "failed", "status"]];
  let minutes = 0;
  for (const s of stages) {
    minutes += s.minutes ?? 0;
    const status = s.skipped
      ? `skipped${s.skipReason ? ` (${s.skipReason})` : ""}`
      : s.crashed
        ? "CRASHED"
        : s.failed > 0
          ? "FAILED"
          : "ok";
    rows.push([
      s.name,
      s.skipped ? "-" : (s.minutes ?? 0).toFixed(2),
      String(s.passed ?? 0),
      String(s.failed ?? 0),
      status,
    ]);
  }
  const t = totals(stages);
  rows.push(["total", minutes.toFixed(2), String(t.passed), String(t.failed), t.failed > 0 ? "FAILED" : "ok"]);
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const line = (r) =>
    r
      .map((cell, c) => (c === 0 || c === 4 ? cell.padEnd(widths[c]) : cell.padStart(widths[c])))
      .join("  ")
      .trimEnd();
  const sep = widths.map((w) => "-".repeat(w)).join("  ");
  return [line(rows[0]), sep, ...rows.slice(1, -1).map(line), sep, line(rows.at(-1))].join("\n");
}

/** Reads and parses a JSON file; null when it is missing or not valid JSON (a partial write). */
export function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}
