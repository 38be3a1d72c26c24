/**
 * `node --import tsx bench/console/profile.ts [graph|events] [--no-build]`: where the console's time goes, for
 * finding causes rather than scoring (the score is `npm run bench -- --console`).
 *
 * Builds the console with browser source maps into its own directory (`.next-profile`, so a running server keeps its
 * files), opens the P8 graph or the P7 live list in Chromium, records a CPU profile through CDP, and prints self
 * time by original function (mapped through the source maps), plus Chromium's layout/style/script totals.
 */
import { spawn } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type CDPSession, type Page } from "@playwright/test";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { freePort } from "../../tests/helpers/server.ts";
import { sleep } from "../lib/clock.ts";
import { Agent, choosePinning, ROOT, spawnNode } from "../lib/processes.ts";
import { applyManifests, startSignalbox } from "../lib/signalbox.ts";
import { graphManifests } from "./manifests.ts";
import { frameStats, pan, startRecording, stopRecording, waitForGraph, zoom } from "./recording.ts";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const DIST = ".next-profile";

/** Rendered node heights by type, to check the estimates in apps/web/src/flow/geometry.ts. */
const HEIGHTS = `(() => {
  const seen = {};
  for (const node of document.querySelectorAll(".react-flow__node")) {
    const type = [...node.classList].find((c) => c.startsWith("react-flow__node-")).slice(17);
    (seen[type] ??= new Set()).add(node.offsetHeight);
  }
  return JSON.stringify(Object.fromEntries(Object.entries(seen).map(([k, v]) => [k, [...v]])));
})()`;

/** Navigation milestones and the scripts loaded (a string: it runs in the page). */
const TIMELINE = `(() => {
  const n = performance.getEntriesByType("navigation")[0];
  const js = performance.getEntriesByType("resource").filter((r) => r.name.endsWith(".js"));
  const kb = (b) => Math.round(b / 1024);
  return "response " + Math.round(n.responseStart) + "–" + Math.round(n.responseEnd) + " ms (" + kb(n.decodedBodySize) + " KiB HTML), " +
    "DOMContentLoaded " + Math.round(n.domContentLoadedEventEnd) + " ms, load " + Math.round(n.loadEventEnd) + " ms; " +
    js.length + " scripts, " + kb(js.reduce((a, r) => a + r.decodedBodySize, 0)) + " KiB decoded, last ends " +
    Math.round(Math.max(0, ...js.map((r) => r.responseEnd))) + " ms";
})()`;

/** Self time (ms) by original function name and file, largest first. */
async function summarise(profile: Profile, top = 40): Promise<string[]> {
  const maps = new Map<string, TraceMap | null>();
  const mapFor = async (url: string) => {
    if (!url.startsWith("http")) return null;
    if (!maps.has(url)) {
      // Turbopack names a chunk's map after the map's own hash: read it from the chunk's sourceMappingURL comment.
      const code = await fetch(url).then((r) => (r.ok ? r.text() : ""), () => "");
      const mapName = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(code)?.[1];
      const map = mapName
        ? await fetch(new URL(mapName, url))
            .then(async (r) => (r.ok ? new TraceMap((await r.json()) as ConstructorParameters<typeof TraceMap>[0]) : null))
            .catch(() => null)
        : null;
      maps.set(url, map);
    }
    return maps.get(url) ?? null;
  };
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, index) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0) / 1000));
  const totals = new Map<string, number>();
  for (const [id, ms] of self) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    let name = `${frame.functionName || "(anonymous)"} ${frame.url.split("/").pop() ?? ""}`;
    const map = await mapFor(frame.url);
    if (map) {
      const original = originalPositionFor(map, { line: frame.lineNumber + 1, column: frame.columnNumber });
      if (original.source)
        name = `${original.name ?? frame.functionName ?? "?"} ${original.source.replace(/.*node_modules\//, "").replace(/.*\/src\//, "src/")}:${original.line}`;
    }
    totals.set(name, (totals.get(name) ?? 0) + ms);
  }
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, ms]) => `${ms.toFixed(1).padStart(8)} ms  ${name}`);
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = (await cdp.send("Performance.getMetrics")) as { metrics: { name: string; value: number }[] };
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

function metricDelta(before: Record<string, number>, after: Record<string, number>): string {
  return ["TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration", "LayoutCount", "RecalcStyleCount"]
    .map((key) => `${key} ${((after[key] ?? 0) - (before[key] ?? 0)) * (key.endsWith("Count") ? 1 : 1000)}`)
    .join(", ");
}

async function profiled(page: Page, run: () => Promise<void>): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
  const before = await metrics(cdp);
  await cdp.send("Profiler.start");
  const started = Date.now();
  await run();
  const { profile } = (await cdp.send("Profiler.stop")) as { profile: Profile };
  console.log(`wall ${Date.now() - started} ms; ${metricDelta(before, await metrics(cdp))}`);
  for (const line of await summarise(profile)) console.log(line);
}

/** CPU time (ms, user + system) of this process's Chromium children and their descendants, whatever else runs here. */
function chromiumCpuMs(): number {
  const children = new Map<number, number[]>();
  const cpu = new Map<number, number>();
  const names = new Map<number, string>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pid = Number(entry);
      const parent = Number(fields[1]);
      cpu.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
      names.set(pid, stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")));
      children.set(parent, [...(children.get(parent) ?? []), pid]);
    } catch {
      // exited meanwhile
    }
  }
  let total = 0;
  const visit = (pid: number) => {
    total += cpu.get(pid) ?? 0;
    for (const child of children.get(pid) ?? []) visit(child);
  };
  for (const child of children.get(process.pid) ?? []) if (names.get(child)?.startsWith("chrom")) visit(child);
  return total;
}

function optionValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  const value = at >= 0 ? Number(process.argv[at + 1]) : Number.NaN;
  return Number.isFinite(value) ? value : fallback;
}

/** Main-thread time by trace event name (Paint, Layout, HitTest, …): what "(program)" in a CPU profile is. */
async function traced(page: Page, run: () => Promise<void>): Promise<void> {
  const browser = page.context().browser();
  if (!browser) throw new Error("no browser");
  await browser.startTracing(page, { categories: ["devtools.timeline", "disabled-by-default-devtools.timeline", "blink", "cc"] });
  const started = Date.now();
  await run();
  const buffer = await browser.stopTracing();
  const { traceEvents } = JSON.parse(buffer.toString("utf8")) as {
    traceEvents: { name: string; ph: string; dur?: number; tdur?: number; tid: number; pid: number; args?: { name?: string } }[];
  };
  const threadNames = new Map<string, string>();
  for (const event of traceEvents)
    if (event.name === "thread_name" && event.args?.name) threadNames.set(`${event.pid}:${event.tid}`, event.args.name);
  const totals = new Map<string, number>();
  for (const event of traceEvents) {
    if (event.ph !== "X" || event.dur === undefined) continue;
    const thread = threadNames.get(`${event.pid}:${event.tid}`) ?? "?";
    const key = `${thread} ${event.name}`;
    totals.set(key, (totals.get(key) ?? 0) + (event.tdur ?? event.dur) / 1000);
  }
  console.log(`wall ${Date.now() - started} ms; thread time by event (nested events overlap):`);
  for (const [key, ms] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(`${ms.toFixed(1).padStart(9)} ms  ${key}`);
}

async function main(): Promise<void> {
  const what = process.argv[2] === "events" ? "events" : "graph";
  const pinning = choosePinning();
  if (!process.argv.includes("--no-build")) {
    const build = spawn(process.execPath, [join(ROOT, "apps/web/scripts/ensureBuild.mjs")], {
      cwd: ROOT,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", SIGNALBOX_WEB_DIST_DIR: DIST, SIGNALBOX_WEB_SOURCE_MAPS: "1" },
    });
    if ((await new Promise((resolve) => build.once("exit", resolve))) !== 0) throw new Error("build failed");
  }
  const webPort = await freePort();
  const webURL = `http://127.0.0.1:${webPort}`;
  const server = await startSignalbox({ core: pinning.serverCore, logLevel: "warn", env: { SIGNALBOX_AUTH: "on", SIGNALBOX_WEB_URL: webURL } });
  const next = spawnNode({
    core: pinning.serverCore,
    args: [join(ROOT, "node_modules/next/dist/bin/next"), "start", "apps/web", "-p", String(webPort), "-H", "127.0.0.1"],
    env: { SIGNALBOX_API_URL: server.url, NEXT_TELEMETRY_DISABLED: "1", SIGNALBOX_WEB_DIST_DIR: DIST },
    stdio: "ignore",
  });
  // Chromium on the load core, as in the bench.
  const wrapper = join(mkdtempSync(join(tmpdir(), "sb-profile-chromium-")), "chromium");
  writeFileSync(wrapper, `#!/bin/sh\nexec ${pinning.pinned ? `taskset -c ${pinning.loadCore} ` : ""}/usr/bin/chromium "$@"\n`);
  chmodSync(wrapper, 0o755);
  const browser = await chromium.launch({
    executablePath: wrapper,
    args: ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--no-first-run", "--disable-quic"],
  });
  let load: Agent | undefined;
  try {
    for (let i = 0; i < 240 && !(await fetch(`${webURL}/signin`).then((r) => r.ok, () => false)); i++) await sleep(250);
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.addCookies([{ name: "signalbox_token", value: server.token, url: webURL, httpOnly: true, sameSite: "Strict" }]);
    const page = await context.newPage();
    if (what === "graph") {
      const ns = `profile-graph-${Date.now()}`;
      await applyManifests(server, graphManifests(ns));
      // Warm the server's compiled routes so the profile shows the browser, not the first request.
      await (await context.newPage()).goto(`${webURL}/?ns=${ns}`);
      const query = process.argv.includes("--query") ? (process.argv[process.argv.indexOf("--query") + 1] ?? "") : "";
      const runs = optionValue("--time", 0);
      if (runs > 0) {
        // Timing only (no profiler attached): fresh page loads, as the bench measures them.
        for (let run = 0; run < runs; run++) {
          const fresh = await context.newPage();
          const cpu0 = chromiumCpuMs();
          await fresh.goto(`${webURL}/?ns=${ns}${query}`, { waitUntil: "commit" });
          const graph = await waitForGraph(fresh, 60_000);
          const cpu1 = chromiumCpuMs();
          await sleep(500);
          const cpu2 = chromiumCpuMs();
          await startRecording(fresh);
          await pan(fresh);
          const panned = frameStats(await stopRecording(fresh));
          const cpu3 = chromiumCpuMs();
          await startRecording(fresh);
          await zoom(fresh);
          const zoomed = frameStats(await stopRecording(fresh));
          const cpu4 = chromiumCpuMs();
          console.log(
            `run ${run + 1}: first render ${graph.firstRender} ms, Chromium CPU ${cpu1 - cpu0} ms (${graph.nodes} nodes, ${graph.edges} edges, ${graph.inView} in view); ` +
              `pan p50/p95 ${panned.p50}/${panned.p95} ms ${panned.droppedPct} % dropped ${panned.longTasks} long, CPU ${cpu3 - cpu2} ms; ` +
              `zoom p50/p95 ${zoomed.p50}/${zoomed.p95} ms ${zoomed.droppedPct} % dropped ${zoomed.longTasks} long, CPU ${cpu4 - cpu3} ms`,
          );
          if (run === 0) console.log(`node heights by type: ${String(await fresh.evaluate(HEIGHTS))}`);
          await fresh.close();
          await sleep(500);
        }
        return;
      }
      console.log("— first render —");
      await (process.argv.includes("--trace") ? traced : profiled)(page, async () => {
        await page.goto(`${webURL}/?ns=${ns}${query}`, { waitUntil: "commit" });
        const graph = await waitForGraph(page, 60_000);
        console.log(`drawn at ${graph.firstRender} ms after navigation (${graph.nodes} nodes, ${graph.edges} edges)`);
        console.log(String(await page.evaluate(TIMELINE)));
        await sleep(500);
      });
      console.log("— pan —");
      if (process.argv.includes("--trace")) await traced(page, () => pan(page));
      else await profiled(page, () => pan(page));
    } else {
      const ns = `profile-events-${Date.now()}`;
      const port = await freePort();
      await applyManifests(server, `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata: {name: live, namespace: ${ns}}\nspec:\n  webhook:\n    in: {port: "${port}", endpoint: /in, method: POST}\n`);
      for (let i = 0; i < 120 && !(await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.ok, () => false)); i++) await sleep(250);
      load = await Agent.start("load agent", pinning.loadCore);
      await load.call("load", { port, path: "/in", method: "POST", rate: 2000, durationMs: 5000, connections: 64, timeoutMs: 30_000, drainMs: 30_000 });
      await page.goto(`${webURL}/events?ns=${ns}`);
      await page.getByTestId("tail-status").filter({ hasText: "Live" }).waitFor({ timeout: 60_000 });
      await sleep(1000);
      console.log("— live tail at 1,000/s —");
      await profiled(page, async () => {
        await load?.call("load", { port, path: "/in", method: "POST", rate: 1000, durationMs: 8000, connections: 64, timeoutMs: 30_000, drainMs: 30_000 });
      });
    }
  } finally {
    load?.stop();
    await browser.close();
    next.kill("SIGTERM");
    await server.stop("SIGTERM");
  }
}

await main();
