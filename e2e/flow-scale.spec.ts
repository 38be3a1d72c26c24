import { expect, test, type Page } from "@playwright/test";
import { applyManifests, nonce, saveScreenshot, signIn } from "./support/signalbox.ts";

/**
 * 50 calendar EventSources × 4 events, 100 Sensors with 4 dependencies and 2 triggers (one behind `conditions`):
 * 600 nodes, 700 edges. Calendars on 1 January only, so nothing ticks during the test.
 */
function bigFlow(namespace: string): string {
  const docs: string[] = [];
  for (let source = 0; source < 50; source++) {
    const events = [0, 1, 2, 3].map((event) => `    e${event}: { schedule: "0 0 1 1 *" }`).join("\n");
    docs.push(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: { name: cal-${source}, namespace: ${namespace} }
spec:
  calendar:
${events}`);
  }
  for (let sensor = 0; sensor < 100; sensor++) {
    const deps = [0, 1, 2, 3]
      .map((index) => {
        const target = (sensor * 2 + index * 50) % 200;
        return `    - { name: d${index}, eventSourceName: cal-${Math.floor(target / 4)}, eventName: e${target % 4} }`;
      })
      .join("\n");
    docs.push(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: s-${sensor}, namespace: ${namespace} }
spec:
  dependencies:
${deps}
  triggers:
    - template: { name: all, conditions: "d0 && d1 && (d2 || d3)", log: {} }
    - template: { name: any, log: {} }`);
  }
  return `${docs.join("\n---\n")}\n`;
}

async function frames(page: Page, run: () => Promise<void>): Promise<{ frames: number[]; longTasks: number[] }> {
  await page.evaluate(() => {
    const record = { frames: [] as number[], longTasks: [] as number[], running: true };
    (globalThis as Record<string, unknown>).__frames = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
    let last = performance.now();
    const tick = (now: number) => {
      record.frames.push(now - last);
      last = now;
      if (record.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await run();
  return page.evaluate(() => {
    const record = (globalThis as Record<string, unknown>).__frames as { frames: number[]; longTasks: number[]; running: boolean };
    record.running = false;
    return { frames: record.frames.slice(1), longTasks: record.longTasks };
  });
}

function summary(values: number[]): string {
  if (values.length === 0) return "none";
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  return `n=${values.length} median=${at(0.5)} p95=${at(0.95)} max=${sorted[sorted.length - 1]?.toFixed(1)} ms`;
}

test.describe("flow graph at scale", () => {
  test.describe.configure({ timeout: 120_000 });
  const namespace = `e2e-big-${nonce()}`;

  test.beforeAll(async ({ request }) => {
    await applyManifests(request, bigFlow(namespace));
  });

  test.beforeEach(async ({ context }) => {
    await signIn(context);
  });

  test("600 nodes and 700 edges render what is in view, pan and zoom", async ({ page }) => {
    const started = Date.now();
    await page.goto(`/?ns=${namespace}`);
    await expect(page.getByTestId("flow-counts")).toHaveText("200 events · 100 sensors · 200 triggers");
    // Only nodes and edges in view are mounted (onlyRenderVisibleElements): the fitted view of this tall graph shows
    // a part of it, so some but not all 600 nodes are in the DOM.
    await expect(page.locator('.react-flow[data-fitted="true"]')).toBeAttached({ timeout: 60_000 });
    const nodes = page.locator(".react-flow__node");
    await expect(nodes.first()).toBeVisible();
    await expect(page.locator(".react-flow__edge").first()).toBeAttached();
    const mounted = await nodes.count();
    expect(mounted).toBeGreaterThan(20);
    expect(mounted).toBeLessThan(600);
    const firstRender = Date.now() - started;
    // The last trigger sits at the bottom of the graph, out of view: it is not mounted until the view gets there.
    const last = page.getByTestId("flow-node-trigger-s-99/any");
    await expect(last).toHaveCount(0);

    const pane = page.locator(".react-flow__pane");
    const box = await pane.boundingBox();
    if (!box) throw new Error("no pane");
    const pan = await frames(page, async () => {
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.mouse.down();
      for (let step = 0; step < 40; step++) {
        await page.mouse.move(box.x + box.width / 2 - step * 8, box.y + box.height / 2 - step * 4);
      }
      await page.mouse.up();
    });
    const zoom = await frames(page, async () => {
      for (let step = 0; step < 10; step++) await page.mouse.wheel(0, -120);
      await page.waitForFunction(() => new Promise((resolve) => requestAnimationFrame(() => resolve(true))));
    });
    await saveScreenshot(page, "flow-graph-600");

    // Drag the view to the bottom: the nodes there are mounted as they come into view.
    const middle = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    await page.getByRole("button", { name: "Fit view" }).click();
    await page.mouse.move(middle.x, middle.y);
    await page.mouse.down();
    for (let step = 1; step <= 12; step++) await page.mouse.move(middle.x, middle.y - step * 80);
    await page.mouse.up();
    await expect(last).toBeAttached();
    await expect(last).toBeVisible();

    const report = [
      `first render of 600 nodes / 700 edges (${mounted} nodes in view mounted): ${firstRender} ms after navigation (production build)`,
      `panning: frame intervals ${summary(pan.frames)}; long tasks ${summary(pan.longTasks)}`,
      `zooming in: frame intervals ${summary(zoom.frames)}; long tasks ${summary(zoom.longTasks)}`,
    ];
    for (const line of report) {
      console.log(`[flow-scale] ${line}`);
      test.info().annotations.push({ type: "measurement", description: line });
    }
  });
});
