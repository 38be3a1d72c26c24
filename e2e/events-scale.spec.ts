import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { seedWebhook } from "./support/seed.ts";
import { apiGet, applyManifests, freePort, nonce, saveScreenshot, signIn } from "./support/signalbox.ts";

const TOTAL = 50_000;
/** Sent while the page tails the namespace live, at full speed. */
const LIVE = 5_000;

/** Long tasks (> 50 ms) and frame intervals the page records from now on. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const record = { longTasks: [] as number[], frames: [] as number[], running: true };
    (globalThis as Record<string, unknown>).__perf = record;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) record.longTasks.push(entry.duration);
    }).observe({ type: "longtask", buffered: false });
    let last = performance.now();
    const tick = (now: number) => {
      record.frames.push(now - last);
      last = now;
      if (record.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function stopRecording(page: Page): Promise<{ longTasks: number[]; frames: number[] }> {
  return page.evaluate(() => {
    const record = (globalThis as Record<string, unknown>).__perf as { longTasks: number[]; frames: number[]; running: boolean };
    record.running = false;
    return { longTasks: record.longTasks, frames: record.frames };
  });
}

function summary(values: number[]): string {
  if (values.length === 0) return "none";
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.toFixed(1);
  return `n=${values.length} median=${at(0.5)} p95=${at(0.95)} max=${sorted[sorted.length - 1]?.toFixed(1)} ms`;
}

test.describe("events at scale", () => {
  test.describe.configure({ timeout: 240_000 });
  const namespace = `e2e-scale-${nonce()}`;
  const name = `bulk-${nonce()}`;
  let webhook = "";

  test.beforeAll(async ({ request }) => {
    const port = await freePort();
    webhook = `http://127.0.0.1:${port}/in`;
    await applyManifests(
      request,
      `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  webhook:
    in: { port: "${port}", endpoint: /in, method: POST }
`,
    );
  });

  test.beforeEach(async ({ context }) => {
    await signIn(context);
  });

  test("50,000 stored events: the list keeps fewer than 200 rows in the DOM, tails live and scrolls", async ({ page, request }) => {
    await expect(async () => {
      const response = await request.post(webhook, { data: { warmup: true } });
      expect(response.status()).toBe(200);
    }).toPass({ timeout: 15_000 });
    const body = (index: number) => ({ n: index, customer: `c${index % 997}`, note: "x".repeat(64) });
    const seeded = await seedWebhook(webhook, TOTAL - LIVE - 1, body);

    // The rest arrives while the page tails the namespace.
    await page.goto(`/events?ns=${namespace}`);
    await expect(page.getByTestId("tail-status")).toHaveText("Live");
    await expect(page.locator('[data-testid^="event-row-"]').first()).toBeVisible();
    await startRecording(page);
    const live = await seedWebhook(webhook, LIVE, (index) => body(TOTAL + index));
    await expect
      .poll(async () => (await apiGet<{ count: number }>(request, `/api/v1/events/count?namespace=${namespace}`)).count, {
        timeout: 120_000,
        intervals: [1_000],
      })
      .toBe(TOTAL);
    await expect(page.getByTestId("event-count")).toContainText("50,000 events", { timeout: 30_000 });
    const tail = await stopRecording(page);
    const rows = page.locator('[data-testid^="event-row-"]');
    const tailedRows = await rows.count();
    expect(tailedRows).toBeGreaterThan(10);
    expect(tailedRows).toBeLessThan(200);

    // Scroll a long way down; older pages load on the way.
    await page.reload();
    await expect(page.getByTestId("event-count")).toContainText("50,000 events");
    await expect(rows.first()).toBeVisible();
    await startRecording(page);
    const scroller = page.getByTestId("event-scroller");
    for (let step = 0; step < 40; step++) {
      await scroller.evaluate((element) => {
        element.scrollTop += 1_500;
      });
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    }
    await expect(page.getByTestId("event-count")).toContainText("loaded");
    const scroll = await stopRecording(page);
    const inDom = await rows.count();
    expect(inDom).toBeLessThan(200);
    const deepest = await page.evaluate(() =>
      Math.max(...[...document.querySelectorAll('[role="listitem"]')].map((item) => Number(item.getAttribute("aria-posinset")))),
    );
    expect(deepest).toBeGreaterThan(1_000);
    await saveScreenshot(page, "events-50k");
    await expectAccessible(page, "events (50,000)");

    const report = [
      `seeded ${TOTAL - LIVE} events through the webhook at ${seeded.perSecond.toFixed(0)}/s (${seeded.seconds.toFixed(1)} s)`,
      `live tail of ${LIVE} more at ${live.perSecond.toFixed(0)}/s: ${tailedRows} rows in the DOM; long tasks ${summary(tail.longTasks)}; frame intervals ${summary(tail.frames)}`,
      `scrolling to row ${deepest}: ${inDom} rows in the DOM; long tasks ${summary(scroll.longTasks)}; frame intervals ${summary(scroll.frames)}`,
    ];
    for (const line of report) {
      console.log(`[events-scale] ${line}`);
      test.info().annotations.push({ type: "measurement", description: line });
    }
  });
});
