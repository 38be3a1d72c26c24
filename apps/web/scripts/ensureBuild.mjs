#!/usr/bin/env node
// Builds the console (`next build`) when `.next` (or `$SIGNALBOX_WEB_DIST_DIR`) is missing or older than its sources;
// otherwise does nothing.
// Used by `npm start` (scripts/start.mjs) and by the Playwright web server. `--force` always builds.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const webDir = dirname(dirname(fileURLToPath(import.meta.url)));
const require = createRequire(join(webDir, "package.json"));
export const nextBin = join(dirname(require.resolve("next/package.json")), "dist", "bin", "next");

/** Newest modification time (ms) of the files a build depends on. */
function newestSource() {
  let newest = 0;
  const visit = (path) => {
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) visit(join(path, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  for (const entry of ["src", "public", "next.config.ts", "package.json", "tsconfig.json"]) visit(join(webDir, entry));
  visit(require.resolve("next/package.json"));
  return newest;
}

/** Why a build is needed, or undefined when the existing one is current. */
export function buildReason() {
  const marker = join(webDir, process.env.SIGNALBOX_WEB_DIST_DIR || ".next", "BUILD_ID");
  if (!existsSync(marker)) return "no build yet";
  return statSync(marker).mtimeMs < newestSource() ? "sources changed since the last build" : undefined;
}

/** Build if needed; resolves when done, rejects when `next build` fails. */
export async function ensureWebBuild({ force = false, log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const reason = force ? "--force" : buildReason();
  if (!reason) {
    log("[web] using the existing console build (apps/web/.next)");
    return { built: false, ms: 0 };
  }
  log(`[web] building the console (${reason}), this takes about 20 s…`);
  const started = Date.now();
  await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: webDir,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const relay = (stream) => {
      let rest = "";
      stream.on("data", (chunk) => {
        const lines = (rest + chunk.toString()).split("\n");
        rest = lines.pop() ?? "";
        for (const line of lines) if (line.trim()) log(`[web build] ${line}`);
      });
      stream.on("end", () => rest.trim() && log(`[web build] ${rest}`));
    };
    relay(child.stdout);
    relay(child.stderr);
    child.on("error", reject);
    child.on("exit", (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`next build failed (${signal ?? `exit ${code}`})`)),
    );
  });
  const ms = Date.now() - started;
  log(`[web] console built in ${(ms / 1000).toFixed(1)} s`);
  return { built: true, ms };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureWebBuild({ force: process.argv.includes("--force") }).catch((error) => {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  });
}
