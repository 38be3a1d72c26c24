import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { startSink, type Sink } from "./support/sink.ts";
import { applyManifests, freePort, nonce, saveScreenshot, sendWebhook, signIn, storedEventId } from "./support/signalbox.ts";

/** A webhook and a Sensor with two HTTP triggers to the sink: /notify and /audit. */
function flow(namespace: string, name: string, port: number, sink: string): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  webhook:
    order: { port: "${port}", endpoint: /order, method: POST }
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  dependencies:
    - { name: order, eventSourceName: ${name}, eventName: order }
  triggers:
    - template:
        name: notify
        http:
          url: ${sink}/notify
          method: POST
          payload:
            - { src: { dependencyName: order, dataKey: body.customer }, dest: customer }
    - template:
        name: audit
        http:
          url: ${sink}/audit
          method: POST
          payload:
            - { src: { dependencyName: order, dataKey: body }, dest: "" }
`;
}

test.describe("replay", () => {
  const namespace = `e2e-replay-${nonce()}`;
  const name = `shop-${nonce()}`;
  let webhook = "";
  let sink: Sink;

  test.beforeAll(async ({ request }) => {
    sink = await startSink();
    const port = await freePort();
    webhook = `http://127.0.0.1:${port}/order`;
    await applyManifests(request, flow(namespace, name, port, sink.url));
  });

  test.afterAll(async () => {
    await sink.close();
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/events?ns=${namespace}`);
    await expect(page.getByTestId("event-list")).toBeVisible();
  });

  test("replay an event to one trigger and see the new run", async ({ page, request }) => {
    const customer = `ann-${nonce()}`;
    await sendWebhook(request, webhook, { customer });
    const id = await storedEventId(request, namespace, `body.customer=${customer}`);
    const forCustomer = (path: string) => (r: { url: string; body: Buffer }) => r.url === path && r.body.includes(customer);
    await sink.waitFor(forCustomer("/notify"));
    await sink.waitFor(forCustomer("/audit"));

    await page.getByTestId(`event-row-${id}`).click();
    const runs = page.locator('[data-testid^="run-"][data-status]');
    await expect(runs).toHaveCount(2);
    await expect(page.locator(`[data-trigger="${name}/notify"][data-status="succeeded"]`)).toHaveCount(1);

    await page.getByTestId("event-replay").click();
    const dialog = page.getByTestId("replay-dialog");
    await dialog.getByTestId("replay-one").check();
    await dialog.getByTestId("replay-sensor").selectOption(name);
    await dialog.getByTestId("replay-trigger").selectOption("notify");
    await expect(dialog.getByTestId("replay-summary")).toContainText(`sensor ${name}, trigger notify only`);
    await expectAccessible(page, "replay dialog");
    await dialog.getByTestId("replay-confirm").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("event-notice")).toContainText("Replayed as event");

    // A new run of notify only, marked as a replay; audit did not run again.
    const notifyRuns = page.locator(`[data-trigger="${name}/notify"][data-status="succeeded"]`);
    await expect(notifyRuns).toHaveCount(2);
    await expect(notifyRuns.filter({ hasText: "replay" })).toHaveCount(1);
    await expect(page.locator(`[data-trigger="${name}/audit"]`)).toHaveCount(1);
    await expect.poll(() => sink.requests.filter(forCustomer("/notify")).length).toBe(2);
    expect(sink.requests.filter(forCustomer("/audit"))).toHaveLength(1);
  });

  test("bulk replay by filter shows the estimate, then the progress", async ({ page, request }) => {
    const batch = `b-${nonce()}`;
    for (let index = 0; index < 3; index++) await sendWebhook(request, webhook, { customer: `c${index}-${batch}`, batch });
    await storedEventId(request, namespace, `body.batch=${batch}`);
    await expect.poll(() => sink.requests.filter((r) => r.url === "/audit" && r.body.includes(batch)).length).toBe(3);

    await page.getByTestId("search-match").fill(`body.batch=${batch}`);
    await page.getByTestId("search-submit").click();
    await expect(page.getByTestId("event-count")).toHaveText("3 events");
    await page.getByTestId("open-bulk-replay").click();
    const dialog = page.getByTestId("bulk-replay-dialog");
    await expect(dialog.getByTestId("bulk-estimate")).toContainText("3 events match");
    await dialog.getByTestId("bulk-sensor").selectOption(name);
    await dialog.getByTestId("bulk-trigger").selectOption("audit");
    await dialog.getByTestId("bulk-start").click();
    const progress = dialog.getByTestId("bulk-progress");
    await expect(progress).toHaveAttribute("data-status", "succeeded", { timeout: 20_000 });
    await expect(progress).toContainText("3 of 3 processed");
    await saveScreenshot(page, "bulk-replay");
    await expectAccessible(page, "bulk replay");
    await expect.poll(() => sink.requests.filter((r) => r.url === "/audit" && r.body.includes(batch)).length).toBe(6);
    expect(sink.requests.filter((r) => r.url === "/notify" && r.body.includes(batch))).toHaveLength(3);
  });
});
