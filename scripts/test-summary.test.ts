// The counting rules of `npm test` (scripts/test/summary.mjs): what passes, what fails, what counts as a crash.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  buildSummary,
  countVitestUnhandledErrors,
  finalLine,
  formatTable,
  fromExitCode,
  fromPlaywrightReport,
  fromVitestReport,
  scanTestFiles,
  scanTestSource,
  totals,
} from "./test/summary.mjs";

// Focus/skip modifiers are assembled at run time so that this file does not trip the static scan itself.
const dot = ".";
const mod = (fn: string, modifier: string) => `${fn}${dot}${modifier}`;

type Assertion = {
  fullName: string;
  title: string;
  ancestorTitles: string[];
  status: string;
  failureMessages: string[];
};
const assertion = (title: string, status: string, failureMessages: string[] = []): Assertion => ({
  ancestorTitles: ["group"],
  fullName: `group ${title}`,
  title,
  status,
  failureMessages,
});
const vitestReport = (
  files: Array<{ name: string; status?: string; message?: string; assertionResults: Assertion[] }>,
  extra: Record<string, unknown> = {},
) => ({
  numFailedTestSuites: 0,
  numTotalTests: files.reduce((n, f) => n + f.assertionResults.length, 0),
  success: true,
  testResults: files.map((f) => ({ status: "passed", message: "", ...f })),
  ...extra,
});

describe("fromVitestReport", () => {
  it("counts passed and failed tests and names the failures", () => {
    const report = vitestReport(
      [
        {
          name: "/repo/a.test.ts",
          status: "failed",
          assertionResults: [assertion("one", "passed"), assertion("two", "failed", ["Error: boom\n  at x"])],
        },
      ],
      { success: false },
    );
    const r = fromVitestReport(report, { exitCode: 1, root: "/repo" });
    expect(r).toMatchObject({ passed: 1, failed: 1, crashed: false });
    expect(r.problems).toEqual(["failed: a.test.ts > group two — Error: boom"]);
  });

  it("counts skipped, todo and pending tests as failed, by name", () => {
    const report = vitestReport([
      {
        name: "/repo/b.test.ts",
        assertionResults: [
          assertion("runs", "passed"),
          assertion("skipped", "skipped"),
          assertion("later", "todo"),
          assertion("waiting", "pending"),
        ],
      },
    ]);
    const r = fromVitestReport(report, { exitCode: 0, root: "/repo" });
    expect(r).toMatchObject({ passed: 1, failed: 3, crashed: false });
    expect(r.problems).toEqual([
      "skipped: b.test.ts > group skipped",
      "todo: b.test.ts > group later",
      "pending: b.test.ts > group waiting",
    ]);
  });

  it("a clean report with exit code 0 has no problems", () => {
    const report = vitestReport([{ name: "/repo/c.test.ts", assertionResults: [assertion("a", "passed")] }]);
    expect(fromVitestReport(report, { exitCode: 0 })).toEqual({ passed: 1, failed: 0, crashed: false, problems: [] });
  });

  it("a runner that exited without a report crashed and counts one failure", () => {
    const r = fromVitestReport(null, { exitCode: 1, label: "vitest --project unit" });
    expect(r).toMatchObject({ passed: 0, failed: 1, crashed: true });
    expect(r.problems[0]).toContain("without a JSON report");
    expect(fromVitestReport({ partial: true }, { exitCode: null, signal: "SIGKILL" })).toMatchObject({
      failed: 1,
      crashed: true,
    });
  });

  it("a file that failed outside its tests (import error, hook) counts as a crash", () => {
    const report = vitestReport([
      { name: "/repo/ok.test.ts", assertionResults: [assertion("a", "passed")] },
      { name: "/repo/broken.test.ts", status: "failed", message: "Cannot find module './x'", assertionResults: [] },
    ]);
    const r = fromVitestReport(report, { exitCode: 1, root: "/repo" });
    expect(r).toMatchObject({ passed: 1, failed: 1, crashed: true });
    expect(r.problems).toEqual(["error in broken.test.ts: Cannot find module './x'"]);
  });

  it("unhandled errors printed by vitest count, even when every test passed", () => {
    const output = "\x1b[31m\nVitest caught 2 unhandled errors during the test run.\nThis might cause…\x1b[39m";
    expect(countVitestUnhandledErrors(output)).toBe(2);
    const report = vitestReport([{ name: "/repo/a.test.ts", assertionResults: [assertion("a", "passed")] }]);
    const r = fromVitestReport(report, { exitCode: 1, output });
    expect(r).toMatchObject({ passed: 1, failed: 2, crashed: true });
  });

  it("failed suites or a non-zero exit that no test explains count once", () => {
    const report = vitestReport([{ name: "/repo/a.test.ts", assertionResults: [assertion("a", "passed")] }], {
      numFailedTestSuites: 1,
      success: false,
    });
    expect(fromVitestReport(report, { exitCode: 1 })).toMatchObject({ passed: 1, failed: 1, crashed: true });
    const clean = vitestReport([{ name: "/repo/a.test.ts", assertionResults: [assertion("a", "passed")] }]);
    expect(fromVitestReport(clean, { exitCode: 1 })).toMatchObject({ passed: 1, failed: 1, crashed: true });
  });

  it("a run without any test file is a failure", () => {
    expect(fromVitestReport(vitestReport([]), { exitCode: 0 })).toMatchObject({ failed: 1, crashed: true });
  });
});

describe("fromPlaywrightReport", () => {
  const spec = (title: string, status: string, annotations: Array<{ type: string }> = []) => ({
    title,
    tests: [
      {
        status,
        annotations,
        projectName: "chromium",
        results: status === "unexpected" ? [{ status: "failed", error: { message: "\x1b[2mexpected\x1b[22m 1" } }] : [],
      },
    ],
  });

  it("counts expected and flaky as passed; unexpected, skipped and fixme as failed", () => {
    const report = {
      errors: [],
      suites: [
        {
          title: "ui.spec.ts",
          specs: [spec("loads", "expected")],
          suites: [
            {
              title: "editor",
              specs: [
                spec("saves", "unexpected"),
                spec("later", "skipped", [{ type: "fixme" }]),
                spec("webkit only", "skipped", [{ type: "skip" }]),
                spec("retry", "flaky"),
              ],
            },
          ],
        },
      ],
    };
    const r = fromPlaywrightReport(report, { exitCode: 1 });
    expect(r).toMatchObject({ passed: 2, failed: 3, crashed: false });
    expect(r.problems).toEqual([
      "failed: ui.spec.ts > editor > saves [chromium] (failed) — expected 1",
      "fixme: ui.spec.ts > editor > later [chromium]",
      "skip: ui.spec.ts > editor > webkit only [chromium]",
      "flaky (passed on retry): ui.spec.ts > editor > retry [chromium]",
    ]);
  });

  it("errors outside tests (global setup, load errors, no tests found) are crashes", () => {
    const r = fromPlaywrightReport({ errors: [{ message: "Error: No tests found" }], suites: [] }, { exitCode: 1 });
    expect(r).toMatchObject({ passed: 0, failed: 1, crashed: true });
    expect(r.problems).toEqual(["playwright error: Error: No tests found"]);
  });

  it("no report, or a non-zero exit with only passing tests, is a crash", () => {
    expect(fromPlaywrightReport(null, { exitCode: 1 })).toMatchObject({ failed: 1, crashed: true });
    const ok = { errors: [], suites: [{ title: "a.spec.ts", specs: [spec("a", "expected")] }] };
    expect(fromPlaywrightReport(ok, { exitCode: 0 })).toEqual({ passed: 1, failed: 0, crashed: false, problems: [] });
    expect(fromPlaywrightReport(ok, { exitCode: 1 })).toMatchObject({ passed: 1, failed: 1, crashed: true });
  });
});

describe("fromExitCode", () => {
  it("is one test: passed on 0, failed otherwise", () => {
    expect(fromExitCode("eslint", 0)).toEqual({ passed: 1, failed: 0, crashed: false, problems: [] });
    expect(fromExitCode("eslint", 1)).toMatchObject({ passed: 0, failed: 1, problems: ["eslint exited with code 1"] });
    expect(fromExitCode("bench", null, "SIGKILL").problems).toEqual(["bench was killed (SIGKILL)"]);
  });
});

describe("scanTestSource", () => {
  it("finds focused, skipped, todo, fixme and conditional tests with their line", () => {
    const text = [
      `import { it, describe, test } from "vitest";`,
      `${mod("it", "only")}("focused", () => {});`,
      `${mod("describe", "skip")}("group", () => {});`,
      `${mod("it", "todo")}("later");`,
      `${mod("test", "fixme")}("broken", async () => {});`,
      `${mod("it", "skipIf")}(process.platform === "win32")("posix", () => {});`,
      `${mod("describe", "runIf")}(Boolean(process.env.X))("needs X", () => {});`,
      `${mod("it.concurrent", "only")}("focused too", () => {});`,
      `${mod("it", "skip")}.each([1, 2])("table %i", () => {});`,
      `const maybe = process.env.X ? it : ${mod("it", "skip")};`,
    ].join("\n");
    const hits = scanTestSource(text, "x.test.ts");
    expect(hits.map((h) => `${h.line}:${h.modifier}`)).toEqual([
      "2:only",
      "3:skip",
      "4:todo",
      "5:fixme",
      "6:skipIf",
      "7:runIf",
      "8:only",
      "9:skip",
      "10:skip",
    ]);
    expect(hits[0]).toMatchObject({ file: "x.test.ts", text: `${mod("it", "only")}("focused", () => {});` });
  });

  it("ignores comments and look-alikes", () => {
    const text = [
      `// ${mod("it", "only")}("commented out", () => {});`,
      ` * ${mod("describe", "skip")} in a doc comment`,
      `it("runs", () => { expect(result${dot}skipped).toBe(0); }); // not ${mod("it", "skip")}`,
      `const forbidOnly = true; stream${dot}skip(3); list${dot}only(1);`,
    ].join("\n");
    expect(scanTestSource(text, "y.test.ts")).toEqual([]);
  });
});

describe("scanTestFiles", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("scans *.test.ts and *.spec.ts outside node_modules and dot-directories", () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "signalbox-scan-"));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(dir!, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir!, rel), text);
    };
    const focused = `${mod("it", "only")}("x", () => {});\n`;
    write("src/a.test.ts", `it("fine", () => {});\n${focused}`);
    write("e2e/b.spec.ts", `${mod("test", "fixme")}("y", async () => {});\n`);
    write("src/c.int.test.ts", focused);
    write("src/helper.ts", focused); // not a test file
    write("node_modules/pkg/d.test.ts", focused);
    write(".services/e.test.ts", focused);

    const r = scanTestFiles(dir);
    expect(r.files).toBe(3);
    expect(r.failed).toBe(3);
    expect(r.passed).toBe(0);
    expect(r.problems).toEqual([
      `.fixme in ${path.join("e2e", "b.spec.ts")}:1: ${mod("test", "fixme")}("y", async () => {});`,
      `.only in ${path.join("src", "a.test.ts")}:2: ${focused.trim()}`,
      `.only in ${path.join("src", "c.int.test.ts")}:1: ${focused.trim()}`,
    ]);
  });
});

describe("summary", () => {
  const stages = [
    { name: "lint", minutes: 0.5, passed: 1, failed: 0, crashed: false, problems: [] },
    { name: "unit", minutes: 2.25, passed: 120, failed: 2, crashed: false, problems: ["failed: a"] },
    {
      name: "e2e",
      minutes: 0,
      passed: 0,
      failed: 0,
      crashed: false,
      skipped: true,
      skipReason: "not requested",
      problems: [],
    },
    { name: "integration", minutes: 1, passed: 3, failed: 1, crashed: true, problems: ["crashed"] },
  ];

  it("sums the stages and ends with 'N passed, N failed'", () => {
    expect(totals(stages)).toEqual({ passed: 124, failed: 3 });
    expect(finalLine(totals(stages))).toBe("124 passed, 3 failed");
    const summary = buildSummary(stages, { only: ["unit"] });
    expect(summary).toMatchObject({ only: ["unit"], passed: 124, failed: 3 });
    expect(summary.stages).toHaveLength(4);
  });

  it("prints one row per stage with minutes and status", () => {
    const lines = formatTable(stages).split("\n");
    expect(lines[0]).toMatch(/^stage\s+minutes\s+passed\s+failed\s+status$/);
    expect(lines.find((l) => l.startsWith("unit"))).toMatch(/^unit\s+2\.25\s+120\s+2\s+FAILED$/);
    expect(lines.find((l) => l.startsWith("e2e"))).toMatch(/^e2e\s+-\s+0\s+0\s+skipped \(not requested\)$/);
    expect(lines.find((l) => l.startsWith("integration"))).toMatch(/CRASHED$/);
    expect(lines.at(-1)).toMatch(/^total\s+3\.75\s+124\s+3\s+FAILED$/);
  });
});
