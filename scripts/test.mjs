#!/usr/bin/env node
// `npm test`: every test of the repository, starting the services it needs, with one summary.
//
//   npm test                                   all stages
//   npm test -- --only unit,integration        only these stages (the summary lists the others as skipped)
//   npm test -- --keep-services                leave the services running at the end (faster next run)
//   SIGNALBOX_TEST_ONLY=unit npm test          same as --only (for .ci/run, which runs exactly `npm test`)
//   SIGNALBOX_TEST_KEEP_SERVICES=1 npm test    same as --keep-services
//   SIGNALBOX_TEST_STAGE_TIMEOUT_MINUTES=30    a stage's command is stopped (and counted as crashed) after this
//
// Stages, in order: lint, typecheck, scan (static check of test files), services, unit, integration, e2e,
// bench-smoke, then services-down. A stage that fails does not stop the next ones. Reports go to .reports/
// (unit.json, integration.json, e2e.json, eslint.json) and the totals to .reports/summary.json. The last line printed
// is "N passed, N failed"; the exit code is non-zero when anything failed. Counting rules: scripts/test/summary.mjs.
//
// Behaviour does not depend on the caller's CI variable: the runners always get CI=1 (no watch mode, vitest refuses
// .only, Playwright configs see CI), locally as in CI.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  buildSummary,
  emptyResult,
  finalLine,
  formatTable,
  fromExitCode,
  fromPlaywrightReport,
  fromVitestReport,
  readJson,
  scanTestFiles,
  totals,
} from "./test/summary.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPORTS = path.join(ROOT, ".reports");
const STAGES = ["lint", "typecheck", "scan", "services", "unit", "integration", "e2e", "bench-smoke"];
const SERVICES = ["nats", "postgres", "kafka", "chromium"];
const USAGE = `usage: npm test [-- --only <stage,...>] [--keep-services]
stages: ${STAGES.join(", ")}
env: SIGNALBOX_TEST_ONLY=<stage,...> (same as --only), SIGNALBOX_TEST_KEEP_SERVICES=1 (same as --keep-services)`;

// ---------------------------------------------------------------------------------------------------------------
// Options

function parseArgs(argv, env) {
  let only = env.SIGNALBOX_TEST_ONLY?.trim() || null;
  let keepServices = /^(1|true|yes)$/i.test(env.SIGNALBOX_TEST_KEEP_SERVICES ?? "");
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") only = argv[++i] ?? "";
    else if (a.startsWith("--only=")) only = a.slice("--only=".length);
    else if (a === "--keep-services") keepServices = true;
    else if (a === "-h" || a === "--help") {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`unknown argument '${a}'\n${USAGE}`);
      process.exit(2);
    }
  }
  let requested = null;
  if (only !== null) {
    requested = only
      .split(/[,\s]+/)
      .map((s) => s.trim())
      .filter(Boolean);
    const unknown = requested.filter((s) => !STAGES.includes(s));
    if (unknown.length || requested.length === 0) {
      console.error(`--only: unknown or missing stage(s) ${unknown.join(", ") || "(none given)"}\n${USAGE}`);
      process.exit(2);
    }
  }
  // What a requested stage needs: services for the runners that talk to them; the scan whenever tests run.
  const selected = new Set(requested ?? STAGES);
  if (requested) {
    if (["integration", "e2e", "bench-smoke"].some((s) => selected.has(s))) selected.add("services");
    if (["unit", "integration", "e2e"].some((s) => selected.has(s))) selected.add("scan");
  }
  return { requested, selected, keepServices };
}

// ---------------------------------------------------------------------------------------------------------------
// Output

const isTTY = process.stdout.isTTY;
const bold = (s) => (isTTY ? `\x1b[1m${s}\x1b[22m` : s);
const red = (s) => (isTTY ? `\x1b[31m${s}\x1b[39m` : s);
const green = (s) => (isTTY ? `\x1b[32m${s}\x1b[39m` : s);
const minutesSince = (t0) => Math.round(((Date.now() - t0) / 60_000) * 100) / 100;
const fmtMin = (m) => `${m.toFixed(2)} min`;

function header(position, name, what) {
  const title = `━━━ [${position}] ${name} ━━━`;
  console.log(`\n${bold(title)}${what ? ` ${what}` : ""}`);
}

function footer(stage, maxProblems = 40) {
  const state = stage.skipped ? "skipped" : stage.crashed ? red("CRASHED") : stage.failed ? red("FAILED") : green("ok");
  console.log(
    bold(`─── ${stage.name}: ${stage.passed} passed, ${stage.failed} failed — ${state} (${fmtMin(stage.minutes)})`),
  );
  const problems = stage.problems ?? [];
  for (const p of problems.slice(0, maxProblems)) console.log(`    ${p}`);
  if (problems.length > maxProblems)
    console.log(`    … and ${problems.length - maxProblems} more (.reports/summary.json)`);
}

// ---------------------------------------------------------------------------------------------------------------
// Running a command: output streams to the console as it comes, and its tail is kept for the counting rules.

let current = null; // the running child, for signal forwarding and timeouts
let interrupted = null; // the signal that stopped us
let interruptedAt = 0;
let timedOut = false; // a command of the current stage was stopped by the stage timeout

const STAGE_TIMEOUT_MIN = Number(process.env.SIGNALBOX_TEST_STAGE_TIMEOUT_MINUTES) || 30;

/** Signals the child's whole process group (npx → vitest → workers), then SIGKILLs it if it lingers. */
function stopChild(child, why) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  console.error(red(`\nstopping ${child.spawnargs.slice(0, 3).join(" ")}…: ${why}`));
  const signal = (sig) => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      try {
        child.kill(sig);
      } catch {
        /* already gone */
      }
    }
  };
  signal("SIGTERM");
  setTimeout(() => signal("SIGKILL"), 15_000).unref();
}

/**
 * Runs a command in its own process group. Its output streams to the console as it comes, and its tail is kept for
 * the counting rules. Stopped after SIGNALBOX_TEST_STAGE_TIMEOUT_MINUTES (default 30).
 */
function runCommand(cmd, args, { env, keep = 4 * 1024 * 1024 } = {}) {
  return new Promise((resolve) => {
    let output = "";
    const capture = (chunk) => {
      output += chunk.toString("utf8");
      if (output.length > keep) output = output.slice(-keep);
    };
    console.log(`$ ${[cmd, ...args].join(" ")}`);
    const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    current = child;
    const timer = setTimeout(() => {
      timedOut = true;
      stopChild(child, `timed out after ${STAGE_TIMEOUT_MIN} min`);
    }, STAGE_TIMEOUT_MIN * 60_000);
    child.stdout.on("data", (c) => {
      process.stdout.write(c);
      capture(c);
    });
    child.stderr.on("data", (c) => {
      process.stderr.write(c);
      capture(c);
    });
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current = null;
      if (timedOut) result.output += `\n[npm test] timed out after ${STAGE_TIMEOUT_MIN} min\n`;
      resolve(result);
    };
    child.on("error", (err) => finish({ code: 127, signal: null, output: `${output}\n${err.message}`, error: err }));
    child.on("close", (code, signal) => finish({ code, signal, output }));
    // A grandchild that outlives the command (a server a test left behind) may hold the pipes open: do not wait for
    // them for long after the command itself exited.
    child.on("exit", (code, signal) => {
      setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        finish({ code, signal, output });
      }, 5_000).unref();
    });
  });
}

for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => {
    // A second signal gives up at once; not the echo of the first (Ctrl-C reaches us both from the terminal and
    // forwarded by npm).
    if (interrupted) {
      if (Date.now() - interruptedAt > 2_000) process.exit(130);
      return;
    }
    interrupted = sig;
    interruptedAt = Date.now();
    console.error(`\n${sig}: stopping the current stage, then stopping services and writing the summary`);
    stopChild(current, sig);
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Stages

function childEnv(servicesEnv) {
  const env = { ...process.env, ...servicesEnv, CI: "1" };
  if (isTTY && !env.NO_COLOR) env.FORCE_COLOR ??= "1"; // output is piped through us: keep colours on a terminal
  delete env.PLAYWRIGHT_JSON_OUTPUT_FILE; // would override the report name below
  delete env.PLAYWRIGHT_JSON_OUTPUT_DIR;
  return env;
}

const withTiming = async (fn) => {
  const t0 = Date.now();
  const result = await fn();
  return { ...result, minutes: minutesSince(t0) };
};

async function lintStage(ctx) {
  const run = await runCommand(process.execPath, [path.join(ROOT, "scripts/test/lint.mjs")], { env: ctx.env });
  return fromExitCode("eslint", run.code, run.signal);
}

async function typecheckStage(ctx) {
  const run = await runCommand("npm", ["run", "typecheck"], { env: ctx.env });
  return fromExitCode("npm run typecheck", run.code, run.signal);
}

async function scanStage() {
  const r = scanTestFiles(ROOT);
  console.log(
    `scanned ${r.files} test files (**/*.test.ts, **/*.spec.ts) for .only/.skip/.todo/.fixme/.skipIf/.runIf: ` +
      `${r.failed} found`,
  );
  const { files: _files, ...result } = r;
  return result;
}

async function servicesStage(ctx) {
  const api = await import("./services/index.mjs");
  ctx.servicesApi = api;
  // What already ran before us is left running at the end; what we (or the tests) start is stopped.
  ctx.runningBefore = new Set(api.SERVICE_NAMES.filter((n) => api.info(n)?.running));
  console.log(`up ${SERVICES.join(" ")}`);
  const r = emptyResult();
  try {
    const started = await api.up(SERVICES);
    for (const name of SERVICES) console.log(`  ${name} ${started[name].url}`);
  } catch (err) {
    r.crashed = true;
    if (err instanceof api.ServicesError) {
      for (const name of SERVICES) if (err.results[name]) console.log(`  ${name} ${err.results[name].url}`);
      r.failed = err.failed.length;
      r.problems.push(...err.failed.map((name) => `service ${name} failed to start (see above)`));
      console.error(red(bold(`\nSERVICES FAILED TO START: ${err.failed.join(", ")}\n`)));
      console.error(err.message);
    } else {
      r.failed = 1;
      r.problems.push(`services: ${err?.message ?? err}`);
      console.error(red(bold(`\nSERVICES FAILED: ${err?.stack ?? err}`)));
    }
  }
  ctx.servicesEnv = api.envVars(SERVICES);
  ctx.env = childEnv(ctx.servicesEnv);
  for (const [k, v] of Object.entries(ctx.servicesEnv)) console.log(`  ${k}=${v}`);
  return r;
}

async function vitestStage(ctx, project) {
  const report = path.join(REPORTS, `${project}.json`);
  fs.rmSync(report, { force: true });
  const args = [
    "vitest",
    "run",
    "--project",
    project,
    "--maxWorkers=2",
    "--reporter=default",
    "--reporter=json",
    `--outputFile=.reports/${project}.json`,
  ];
  const run = await runCommand("npx", args, { env: ctx.env });
  return fromVitestReport(readJson(report), {
    exitCode: run.code,
    signal: run.signal,
    output: run.output,
    root: ROOT,
    label: `vitest --project ${project}`,
  });
}

const PLAYWRIGHT_CONFIGS = ["ts", "mts", "cts", "js", "mjs", "cjs"].map((e) => `playwright.config.${e}`);

async function e2eStage(ctx) {
  const config = PLAYWRIGHT_CONFIGS.find((f) => fs.existsSync(path.join(ROOT, f)));
  if (!config) {
    // Without a config Playwright would collect every *.test.ts in the repository (vitest files) as its own.
    console.log(red(`no ${PLAYWRIGHT_CONFIGS[0]} at the repository root: e2e is not set up`));
    return { passed: 0, failed: 1, crashed: true, problems: ["e2e: no playwright.config.ts, so no e2e test ran"] };
  }
  const report = path.join(REPORTS, "e2e.json");
  fs.rmSync(report, { force: true });
  const env = { ...ctx.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report };
  const run = await runCommand("npx", ["playwright", "test", "--workers=1", "--reporter=list,json"], { env });
  return fromPlaywrightReport(readJson(report), { exitCode: run.code, signal: run.signal, label: "playwright" });
}

async function benchStage(ctx) {
  const run = await runCommand("npm", ["run", "bench", "--", "--quick"], { env: ctx.env });
  return fromExitCode("npm run bench -- --quick", run.code, run.signal);
}

async function servicesDownStage(ctx) {
  const api = ctx.servicesApi;
  const r = emptyResult();
  const running = api.SERVICE_NAMES.filter((n) => api.SERVICES[n].daemon !== false && api.info(n)?.running);
  const ours = running.filter((n) => !ctx.runningBefore.has(n));
  const theirs = running.filter((n) => ctx.runningBefore.has(n));
  if (theirs.length) console.log(`left running (they were running before npm test): ${theirs.join(", ")}`);
  if (!ours.length) {
    console.log("nothing to stop");
    return r;
  }
  console.log(`down ${ours.join(" ")}`);
  try {
    await api.down(ours);
  } catch (err) {
    r.failed = 1;
    r.crashed = true;
    r.problems.push(`services down failed: ${err?.message ?? err}`);
    console.error(red(`services down failed: ${err?.stack ?? err}`));
  }
  return r;
}

// ---------------------------------------------------------------------------------------------------------------

async function main() {
  const t0 = Date.now();
  const { requested, selected, keepServices } = parseArgs(process.argv.slice(2), process.env);
  fs.mkdirSync(REPORTS, { recursive: true });
  fs.rmSync(path.join(REPORTS, "summary.json"), { force: true });

  const ctx = { env: childEnv({}), servicesEnv: {}, servicesApi: null, runningBefore: new Set() };
  const hasBench = fs.existsSync(path.join(ROOT, "bench/run.ts"));
  const plan = [
    { name: "lint", what: "(eslint, errors fail, warnings are counted)", fn: lintStage },
    { name: "typecheck", what: "(npm run typecheck)", fn: typecheckStage },
    { name: "scan", what: "(static scan of test files)", fn: scanStage },
    { name: "services", what: `(up ${SERVICES.join(" ")})`, fn: servicesStage },
    { name: "unit", what: "(vitest --project unit)", fn: (c) => vitestStage(c, "unit") },
    { name: "integration", what: "(vitest --project integration)", fn: (c) => vitestStage(c, "integration") },
    { name: "e2e", what: "(playwright)", fn: e2eStage },
    {
      name: "bench-smoke",
      what: "(npm run bench -- --quick)",
      fn: benchStage,
      unavailable: hasBench ? null : "no bench/run.ts yet",
    },
  ];
  console.log(
    bold(`npm test: ${requested ? `only ${[...selected].join(", ")}` : "all stages"}`) +
      `${keepServices ? " (services are kept running)" : ""}`,
  );

  const stages = [];
  const count = plan.filter((s) => selected.has(s.name)).length + 1;
  let index = 0;
  for (const step of plan) {
    const skip = (reason) =>
      stages.push({
        name: step.name,
        minutes: 0,
        passed: 0,
        failed: 0,
        crashed: false,
        skipped: true,
        skipReason: reason,
        problems: [],
      });
    if (!selected.has(step.name)) {
      skip("not requested");
      continue;
    }
    index++;
    if (interrupted) {
      stages.push({
        name: step.name,
        minutes: 0,
        passed: 0,
        failed: 1,
        crashed: true,
        problems: [`not run: interrupted by ${interrupted}`],
      });
      continue;
    }
    header(`${index}/${count}`, step.name, step.what);
    if (step.unavailable) {
      console.log(`skipped: ${step.unavailable}`);
      skip(step.unavailable);
      continue;
    }
    let stage;
    try {
      stage = { name: step.name, ...(await withTiming(() => step.fn(ctx))) };
    } catch (err) {
      stage = {
        name: step.name,
        minutes: 0,
        passed: 0,
        failed: 1,
        crashed: true,
        problems: [`${step.name} stage crashed: ${err?.stack ?? err}`],
      };
    }
    if (timedOut) {
      stage.crashed = true;
      stage.failed = Math.max(stage.failed, 1);
      stage.problems.push(`timed out after ${STAGE_TIMEOUT_MIN} min (SIGNALBOX_TEST_STAGE_TIMEOUT_MINUTES)`);
      timedOut = false;
    }
    if (interrupted && !stage.failed) {
      stage.failed = 1;
      stage.crashed = true;
      stage.problems.push(`interrupted by ${interrupted}`);
    }
    stages.push(stage);
    footer(stage);
  }

  // Stop what this run started (integration setups may start more than the four above).
  index++;
  if (ctx.servicesApi && !keepServices) {
    header(`${index}/${count}`, "services-down", "(stop the services this run started)");
    const stage = { name: "services-down", ...(await withTiming(() => servicesDownStage(ctx))) };
    stages.push(stage);
    footer(stage);
  } else {
    const reason = ctx.servicesApi ? "--keep-services" : "no services were started";
    stages.push({
      name: "services-down",
      minutes: 0,
      passed: 0,
      failed: 0,
      crashed: false,
      skipped: true,
      skipReason: reason,
      problems: [],
    });
  }

  const minutes = minutesSince(t0);
  const t = totals(stages);
  const skipped = stages.filter((s) => s.skipped).map((s) => ({ name: s.name, reason: s.skipReason }));
  const summary = buildSummary(
    stages.map(({ name, minutes: m, passed, failed, crashed, skipped: sk, skipReason, problems }) => ({
      name,
      minutes: m,
      passed,
      failed,
      crashed,
      ...(sk ? { skipped: true, skipReason } : {}),
      problems,
    })),
    {
      startedAt: new Date(t0).toISOString(),
      minutes,
      only: requested,
      skipped,
      keepServices,
      ...(interrupted ? { interrupted } : {}),
    },
  );
  fs.writeFileSync(path.join(REPORTS, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);

  const problems = stages.flatMap((s) => (s.problems ?? []).map((p) => `${s.name}: ${p}`));
  console.log(`\n${bold("━━━ summary ━━━")}`);
  if (problems.length) {
    console.log(
      `${problems.length > 100 ? "first 100 of " : ""}${problems.length} problem${problems.length > 1 ? "s" : ""}:`,
    );
    for (const p of problems.slice(0, 100)) console.log(`  ${p}`);
    console.log("");
  }
  // The conformance vectors behind the unit stage, counted per data file (each case cites its spec section).
  spawnSync(process.execPath, [path.join(ROOT, "scripts/vector-counts.mjs")], { stdio: "inherit" });
  console.log(formatTable(stages));
  if (skipped.length) console.log(`skipped stages: ${skipped.map((s) => `${s.name} (${s.reason})`).join(", ")}`);
  console.log(
    `reports: .reports/summary.json, unit.json, integration.json, e2e.json, eslint.json (${fmtMin(minutes)})`,
  );
  console.log(finalLine(t));
  return t.failed > 0 || interrupted ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    console.log("0 passed, 1 failed");
    process.exit(1);
  },
);
