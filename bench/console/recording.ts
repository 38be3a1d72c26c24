/**
 * In-page measurements shared by the console bench (run.ts) and its profiler (profile.ts): frame intervals and long
 * tasks, and when the flow graph is first drawn.
 */
import type { Page } from "@playwright/test";
import { round } from "../lib/report.ts";

/** Long-task durations and frame intervals (ms) recorded in the page. */
export interface Recording {
  longTasks: number[];
  frames: number[];
}

/** Frame and long-task statistics. */
export function frameStats(recording: Recording) {
  const sorted = [...recording.frames].sort((a, b) => a - b);
  const at = (q: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0, 1);
  const dropped = recording.frames.reduce(
    (sum, interval) => sum + Math.max(0, Math.round(interval / (1000 / 60)) - 1),
    0,
  );
  const expected = recording.frames.reduce((sum, interval) => sum + Math.max(1, Math.round(interval / (1000 / 60))), 0);
  return {
    frames: recording.frames.length,
    p50: at(0.5),
    p95: at(0.95),
    max: round(sorted[sorted.length - 1] ?? 0, 1),
    droppedPct: expected > 0 ? round((dropped / expected) * 100, 1) : 0,
    longTasks: recording.longTasks.length,
    longestTask: round(Math.max(0, ...recording.longTasks), 1),
    longTaskMs: round(
      recording.longTasks.reduce((a, b) => a + b, 0),
      0,
    ),
  };
}

/** In-page recorder (a string: it runs in Chromium, where the DOM's globals exist). */
const START_RECORDING = `(() => {
  const record = { longTasks: [], frames: [], running: true };
  globalThis.__benchRecording = record;
  new PerformanceObserver((list) => { for (const entry of list.getEntries()) record.longTasks.push(entry.duration); }).observe({ type: "longtask" });
  let last = performance.now();
  const tick = (now) => { record.frames.push(now - last); last = now; if (record.running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
})()`;

const STOP_RECORDING = `(() => {
  const record = globalThis.__benchRecording;
  record.running = false;
  return { longTasks: record.longTasks, frames: record.frames.slice(1) };
})()`;

/** Start recording frame intervals and long tasks in the page. */
export async function startRecording(page: Page): Promise<void> {
  await page.evaluate(START_RECORDING);
}

/** Stop recording and return what was recorded since startRecording. */
export async function stopRecording(page: Page): Promise<Recording> {
  return (await page.evaluate(STOP_RECORDING)) as Recording;
}

/**
 * When the graph was first drawn (ms after navigation): the first animation frame at which the view has been fitted
 * to the graph (`data-fitted` on the React Flow element), nodes and edges are in the DOM, none of them is still
 * hidden awaiting measurement, and the node count is the same as one frame before (nothing still mounting).
 *
 * The graph mounts only what is in view (onlyRenderVisibleElements), so "every node of the graph in the DOM" is not
 * the finish line: the nodes in view are. `inView` counts rendered nodes that intersect the pane.
 */
export async function waitForGraph(
  page: Page,
  timeoutMs: number,
): Promise<{ firstRender: number; nodes: number; edges: number; inView: number }> {
  const handle = await page.waitForFunction(
    `(() => {
      const state = (globalThis.__graphWait ??= { count: -1 });
      const flow = document.querySelector('.react-flow[data-fitted="true"]');
      const nodes = flow ? flow.querySelectorAll(".react-flow__node") : [];
      const edges = flow ? flow.querySelectorAll(".react-flow__edge").length : 0;
      const hidden = [...nodes].some((node) => node.style.visibility === "hidden");
      const ready = nodes.length > 0 && edges > 0 && !hidden;
      const stable = ready && nodes.length === state.count;
      if (!ready) state.count = -1;
      else if (!stable) { state.count = nodes.length; state.at = performance.now(); }
      if (!stable) return false;
      const pane = flow.querySelector(".react-flow__pane").getBoundingClientRect();
      const inView = [...nodes].filter((node) => {
        const r = node.getBoundingClientRect();
        return r.right > pane.left && r.left < pane.right && r.bottom > pane.top && r.top < pane.bottom;
      }).length;
      return { firstRender: Math.round(state.at), nodes: nodes.length, edges, inView };
    })()`,
    undefined,
    { timeout: timeoutMs, polling: "raf" },
  );
  return (await handle.jsonValue()) as { firstRender: number; nodes: number; edges: number; inView: number };
}

/** Drag the pane 60 steps up and left. */
export async function pan(page: Page): Promise<void> {
  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) throw new Error("no React Flow pane");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let step = 0; step < 60; step++)
    await page.mouse.move(box.x + box.width / 2 - step * 8, box.y + box.height / 2 - step * 4);
  await page.mouse.up();
}

/** Wheel six steps in and six out over the middle of the pane; false when the viewport's transform never changed. */
export async function zoom(page: Page): Promise<boolean> {
  const box = await page.locator(".react-flow__pane").boundingBox();
  if (!box) throw new Error("no React Flow pane");
  const transform = () => page.locator(".react-flow__viewport").getAttribute("style");
  const before = await transform();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  let zoomedIn: string | null = null;
  for (let step = 0; step < 12; step++) {
    await page.mouse.wheel(0, step < 6 ? -120 : 120);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (step === 5) zoomedIn = await transform();
  }
  await new Promise((resolve) => setTimeout(resolve, 300));
  return zoomedIn !== before;
}
