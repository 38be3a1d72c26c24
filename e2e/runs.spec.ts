import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { startSink, type Sink } from "./support/sink.ts";
import { applyManifests, freePort, nonce, saveScreenshot, sendWebhook, signIn, storedEventId } from "./support/signalbox.ts";

test.describe("trigger runs", () => {
  const namespace = `e2e-runs-${nonce()}`;
  const name = `pay-${nonce()}`;
  let webhook = "";
  let sink: Sink;

  test.beforeAll(async ({ request }) => {
    sink = await startSink();
    const port = await freePort();
    webhook = `http://127.0.0.1:${port}/pay`;
    // Only 200 counts as success; at-least-once with two retries.
    await applyManifests(
      request,
      `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  webhook:
    payment: { port: "${port}", endpoint: /pay, method: POST }
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  dependencies:
    - { name: payment, eventSourceName: ${name}, eventName: payment }
  triggers:
    - template:
        name: charge
        http:
          url: ${sink.url}/charge
          method: POST
          payload:
            - { src: { dependencyName: payment, dataKey: body.id }, dest: id }
      atLeastOnce: true
      retryStrategy: { steps: 3, duration: 50ms }
      policy:
        status:
          allow: [200]
`,
    );
  });

  test.afterAll(async () => {
    await sink.close();
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/events?ns=${namespace}`);
    await expect(page.getByTestId("event-list")).toBeVisible();
  });

  test("a failed trigger shows its attempts and can be retried", async ({ page, request }) => {
    const payment = `p-${nonce()}`;
    sink.respondWith(500);
    await sendWebhook(request, webhook, { id: payment });
    const id = await storedEventId(request, namespace, `body.id=${payment}`);
    await expect.poll(() => sink.requests.filter((r) => r.body.includes(payment)).length).toBeGreaterThanOrEqual(2);

    await page.getByTestId(`event-row-${id}`).click();
    const failed = page.locator(`[data-trigger="${name}/charge"][data-status="failed"]`);
    await expect(failed).toHaveCount(1);
    const attempts = failed.locator('[data-testid^="run-attempts-"] tbody tr');
    await expect.poll(() => attempts.count()).toBeGreaterThanOrEqual(2);
    await expect(attempts.first()).toContainText("HTTP 500");
    await expect(attempts.first()).toContainText("sink says 500");
    await expect(failed).toContainText("not in policy.status.allow");
    await failed.scrollIntoViewIfNeeded();
    await saveScreenshot(page, "event-runs");
    await expectAccessible(page, "event with a failed run");

    sink.respondWith(200);
    await failed.getByRole("button", { name: "Retry" }).click();
    const succeeded = page.locator(`[data-trigger="${name}/charge"][data-status="succeeded"]`);
    await expect(succeeded).toHaveCount(1);
    await expect(succeeded).toContainText("replay");
    await expect(succeeded.locator('[data-testid^="run-attempts-"] tbody tr')).toHaveCount(1);
    await expect(succeeded).toContainText("HTTP 200");
    const last = sink.requests[sink.requests.length - 1];
    expect(last?.body.toString()).toBe(JSON.stringify({ id: payment }));
  });
});
