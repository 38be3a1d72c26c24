/**
 * End-to-end tests of the console against a real API: a fresh data dir with auth on, the API and `next start` on
 * free ports (chosen once by the runner; workers re-read this file and find them in the environment). The console
 * is built first unless an up-to-date build exists. Chromium is Debian's (`/usr/bin/chromium`), never downloaded.
 */
import { defineConfig } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function freePort(): string {
  const script =
    "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }).trim();
}

const env = process.env;
env.SIGNALBOX_E2E_API_PORT ??= freePort();
env.SIGNALBOX_E2E_WEB_PORT ??= freePort();
env.SIGNALBOX_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "signalbox-e2e-"));

const apiURL = `http://127.0.0.1:${env.SIGNALBOX_E2E_API_PORT}`;
const webURL = `http://127.0.0.1:${env.SIGNALBOX_E2E_WEB_PORT}`;
const dataDir = env.SIGNALBOX_E2E_DATA_DIR;
env.SIGNALBOX_E2E_API_URL = apiURL;
env.SIGNALBOX_E2E_WEB_URL = webURL;

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(env.CI),
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results/playwright",
  use: {
    baseURL: webURL,
    viewport: { width: 1280, height: 800 },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--headless",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  projects: [{ name: "chromium", use: { browserName: "chromium" } }],
  webServer: [
    {
      name: "api",
      // The API's output is also kept in the data dir: the sign-in spec reads the sign-in URL it printed.
      command: `node apps/server/bin/signalbox.mjs serve --port ${env.SIGNALBOX_E2E_API_PORT} --data-dir ${dataDir} 2>&1 | tee ${dataDir}/api.log`,
      url: `${apiURL}/healthz`,
      env: { SIGNALBOX_AUTH: "on", SIGNALBOX_WEB_URL: webURL, SIGNALBOX_LOG_LEVEL: "warn" },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      name: "web",
      command: `node apps/web/scripts/ensureBuild.mjs && node node_modules/next/dist/bin/next start apps/web -p ${env.SIGNALBOX_E2E_WEB_PORT} -H 127.0.0.1`,
      url: `${webURL}/signin`,
      // Its own build directory: an `npm start` build cannot swap the files under the running test server.
      env: { SIGNALBOX_API_URL: apiURL, NEXT_TELEMETRY_DISABLED: "1", SIGNALBOX_WEB_DIST_DIR: ".next-e2e" },
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      stderr: "pipe",
    },
  ],
});
