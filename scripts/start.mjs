#!/usr/bin/env node
/**
 * `npm start`: the API and the console, supervised together.
 *
 * 1. Builds the console (apps/web) when `.next` is missing or older than its sources.
 * 2. Starts the API: `signalbox serve --demo`, data in SIGNALBOX_DATA_DIR (default ./.signalbox), port SIGNALBOX_PORT
 *    (default 4000). The demo flow is applied on a fresh data dir.
 * 3. Once the API listens (it writes `<data-dir>/api.url`), starts the console: `next start` on SIGNALBOX_WEB_PORT
 *    (default 3000), bound to SIGNALBOX_WEB_HOST (default 127.0.0.1), with SIGNALBOX_API_URL pointing at the API.
 * 4. Prints the sign-in line the API wrote, once both are up.
 *
 * SIGINT/SIGTERM are forwarded to both; when either exits, the other is stopped too (each runs in its own process
 * group, so nothing they started is left behind), and this process exits with the first one's status.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureWebBuild, nextBin, webDir } from "../apps/web/scripts/ensureBuild.mjs";

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const dataDir = resolve(root, process.env.SIGNALBOX_DATA_DIR || ".signalbox");
const webPort = process.env.SIGNALBOX_WEB_PORT || "3000";
const webHost = process.env.SIGNALBOX_WEB_HOST || "127.0.0.1";
const STOP_GRACE_MS = 12_000;

const say = (line) => process.stdout.write(`${line}\n`);

/** @type {Map<string, import("node:child_process").ChildProcess>} */
const children = new Map();
let stopping = false;
let exitCode = 0;

/** Send a signal to a child's whole process group (it was spawned detached, as a group leader). */
function signalGroup(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/** Stop every child (SIGTERM, or the signal we received), SIGKILL after a grace period, then exit. */
function stopAll(reason, signal = "SIGTERM", code = exitCode) {
  if (stopping) return;
  stopping = true;
  exitCode = code;
  if (reason) say(`\n[start] ${reason}: stopping${children.size ? ` ${[...children.keys()].join(" and ")}` : ""}…`);
  for (const child of children.values()) signalGroup(child, signal);
  const deadline = setTimeout(() => {
    for (const [name, child] of children) {
      say(`[start] ${name} did not stop within ${STOP_GRACE_MS / 1000} s: killing it`);
      signalGroup(child, "SIGKILL");
    }
  }, STOP_GRACE_MS);
  deadline.unref();
  const finish = () => {
    if (children.size === 0) process.exit(exitCode);
  };
  for (const child of children.values()) child.once("exit", finish);
  finish();
}

process.on("SIGINT", () => stopAll("SIGINT received", "SIGINT", 130));
process.on("SIGTERM", () => stopAll("SIGTERM received", "SIGTERM", 143));
// Last resort if this process dies of an error: no orphans.
process.on("exit", () => {
  for (const child of children.values()) signalGroup(child, "SIGKILL");
});

/** One readable line from the API's JSON log, or the line unchanged. */
function formatApiLine(line) {
  if (!line.startsWith("{")) return line;
  try {
    const { level, time, msg, ...fields } = JSON.parse(line);
    const extra = Object.entries(fields)
      .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
      .join(" ");
    const clock = typeof time === "string" ? time.slice(11, 19) : "";
    return `${clock} ${String(level ?? "").padEnd(5)} ${msg ?? ""}${extra ? `  ${extra}` : ""}`;
  } catch {
    return line;
  }
}

/** Start a child in its own process group, prefixing its output lines. */
function run(name, args, { cwd, env, onLine = () => {}, format = (line) => line }) {
  const child = spawn(process.execPath, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.set(name, child);
  for (const stream of [child.stdout, child.stderr]) {
    let rest = "";
    stream.on("data", (chunk) => {
      const lines = (rest + chunk.toString()).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        onLine(line);
        if (line.trim()) say(`[${name}] ${format(line)}`);
      }
    });
  }
  child.on("error", (error) => {
    children.delete(name);
    stopAll(`${name} could not start (${error.message})`, "SIGTERM", 1);
  });
  child.on("exit", (code, signal) => {
    children.delete(name);
    if (!stopping) stopAll(`${name} exited (${signal ?? `code ${code}`})`, "SIGTERM", code || 1);
  });
  return child;
}

/** Resolves with the API's URL once it has written `<data-dir>/api.url` (after listening), or rejects if it dies. */
function waitForApi(child, since) {
  const file = join(dataDir, "api.url");
  return new Promise((resolvePromise, reject) => {
    const timer = setInterval(() => {
      if (child.exitCode !== null || child.signalCode !== null) {
        clearInterval(timer);
        reject(new Error("the API exited before listening"));
      } else if (existsSync(file) && statSync(file).mtimeMs >= since) {
        clearInterval(timer);
        // A wildcard bind is reached through loopback.
        resolvePromise(
          readFileSync(file, "utf8").trim().replace("//0.0.0.0:", "//127.0.0.1:").replace("//[::]:", "//[::1]:"),
        );
      }
    }, 100);
  });
}

async function waitForHttp(url, child) {
  for (;;) {
    if (stopping || child.exitCode !== null || child.signalCode !== null) throw new Error(`${url} never answered`);
    try {
      await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(2_000) });
      return;
    } catch {
      await new Promise((done) => setTimeout(done, 150));
    }
  }
}

async function main() {
  say(`[start] Signalbox: data dir ${dataDir}`);
  await ensureWebBuild({ log: say });
  if (stopping) return;

  let signInLine = "";
  const apiStarted = Date.now() - 1_000;
  say("[start] starting the API (signalbox serve --demo)…");
  const api = run("api", [join(root, "apps/server/bin/signalbox.mjs"), "serve", "--demo", "--data-dir", dataDir], {
    cwd: root,
    env: { ...process.env, SIGNALBOX_WEB_PORT: webPort },
    format: formatApiLine,
    onLine: (line) => {
      if (/^(Sign in to the console|Console): /.test(line.trim())) signInLine = line.trim();
    },
  });
  const apiUrl = await waitForApi(api, apiStarted);
  if (stopping) return;

  say(`[start] starting the console on http://${webHost}:${webPort} (API ${apiUrl})…`);
  const web = run("web", [nextBin, "start", "-p", webPort, "-H", webHost], {
    cwd: webDir,
    env: { ...process.env, SIGNALBOX_API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: "1" },
  });
  const webUrl = `http://${webHost.includes(":") ? `[${webHost}]` : webHost}:${webPort}`;
  await waitForHttp(`${webUrl}/signin`, web);
  // The API prints its sign-in line just after it starts listening; give it a moment if it has not yet.
  for (let waited = 0; !signInLine && waited < 5_000 && !stopping; waited += 100)
    await new Promise((done) => setTimeout(done, 100));
  if (stopping) return;

  const rule = "─".repeat(72);
  say(`\n${rule}`);
  say("  Signalbox is running");
  say(`  Console   ${webUrl}`);
  say(`  API       ${apiUrl}`);
  say(`  Data dir  ${dataDir}`);
  if (signInLine.startsWith("Sign in")) say(`\n  ${signInLine}`);
  else {
    if (signInLine) say(`\n  ${signInLine}`);
    say(`  Sign-in link: npx signalbox signin-url --data-dir ${dataDir}`);
  }
  say("\n  Ctrl-C stops both.");
  say(`${rule}\n`);
}

main().catch((error) => {
  say(`[start] ${error instanceof Error ? error.message : String(error)}`);
  stopAll("start-up failed", "SIGTERM", 1);
  if (children.size === 0) process.exit(1);
});
