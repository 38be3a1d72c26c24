import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import {
  applyManifests,
  expectNoReload,
  freePort,
  markDocument,
  nonce,
  saveScreenshot,
  sendWebhook,
  signIn,
  storedEventId,
} from "./support/signalbox.ts";

/** A webhook EventSource and a Sensor that only takes paid orders (a data filter) and logs them. */
function shopFlow(namespace: string, name: string, port: number): string {
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
    - name: paid-order
      eventSourceName: ${name}
      eventName: order
      filters:
        data:
          - { path: body.paid, type: bool, value: ["true"] }
  triggers:
    - template: { name: log-it, log: {} }
`;
}

test.describe("events", () => {
  const namespace = `e2e-events-${nonce()}`;
  const name = `shop-${nonce()}`;
  let webhook = "";

  test.beforeAll(async ({ request }) => {
    const port = await freePort();
    webhook = `http://127.0.0.1:${port}/order`;
    await applyManifests(request, shopFlow(namespace, name, port));
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/events?ns=${namespace}`);
    await expect(page.getByTestId("event-list")).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
    await markDocument(page);
  });

  test("a webhook event appears live and opens to its decoded payload, request headers and raw data", async ({
    page,
    request,
  }) => {
    const customer = `live-${nonce()}`;
    await expect(page.getByTestId("tail-status")).toContainText("Live");
    await sendWebhook(request, webhook, { customer, paid: true });
    const id = await storedEventId(request, namespace, `body.customer=${customer}`);

    const row = page.getByTestId(`event-row-${id}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`${name}/order`);
    await row.click();
    await expect(page).toHaveURL(new RegExp(`[?&]id=${id}`));
    const data = page.getByTestId(`event-data-${id}`);
    await expect(data).toContainText(`"customer": "${customer}"`);
    await expect(page.getByTestId("event-request-headers")).toContainText("Content-Type");
    await expect(page.getByTestId("event-attributes")).toContainText(id);

    await page.getByTestId(`event-raw-toggle-${id}`).check();
    const base64 = Buffer.from(`"customer":"${customer}"`).toString("base64").slice(4, 16);
    await expect(page.getByTestId(`event-raw-${id}`)).toBeVisible();
    await expect(page.getByTestId(`event-data-${id}`)).toHaveCount(0);
    expect((await page.getByTestId(`event-raw-${id}`).textContent())?.length).toBeGreaterThan(base64.length);
    await expectNoReload(page);
  });

  test("find an event by a body field, open it, and see its decoded payload and the filter verdicts", async ({
    page,
    request,
  }) => {
    const unpaid = `bob-${nonce()}`;
    await sendWebhook(request, webhook, { customer: `alice-${nonce()}`, paid: true });
    await sendWebhook(request, webhook, { customer: unpaid, paid: false, items: [{ sku: "k1", qty: 2 }] });
    await sendWebhook(request, webhook, { customer: `carol-${nonce()}`, paid: true });
    const id = await storedEventId(request, namespace, `body.customer=${unpaid}`);

    await page.getByTestId("search-match").fill(`body.customer=${unpaid}`);
    await page.getByTestId("search-submit").click();
    await expect(page).toHaveURL(new RegExp(`match=body.customer%3D${unpaid}`));
    const rows = page.locator('[data-testid^="event-row-"]');
    await expect(rows).toHaveCount(1);
    await expect(page.getByTestId("event-count")).toHaveText("1 event");
    await rows.first().click();

    const data = page.getByTestId(`event-data-${id}`);
    await expect(data).toContainText(`"customer": "${unpaid}"`);
    await expect(data).toContainText('"paid": false');
    await expect(data).toContainText('"sku": "k1"');
    await data.getByRole("button", { name: "Collapse items", exact: true }).click();
    await expect(data).toContainText("1 item");
    await expect(data).not.toContainText('"sku": "k1"');

    const explain = page.getByTestId(`explain-${name}-log-it-paid-order`);
    await expect(explain).toHaveAttribute("data-outcome", "filtered");
    const verdict = explain.getByTestId("filter-verdict");
    await expect(verdict).toHaveAttribute("data-pass", "false");
    await expect(verdict).toContainText("body.paid");
    await expect(verdict).toContainText("false");
    await saveScreenshot(page, "events");
    await expectAccessible(page, "events");

    // The search survives a reload: it lives in the URL.
    await page.reload();
    await expect(page.getByTestId("search-match")).toHaveValue(`body.customer=${unpaid}`);
    await expect(page.getByTestId(`event-data-${id}`)).toBeVisible();
  });

  test("inject an event by hand, to every sensor", async ({ page, request }) => {
    const customer = `hand-${nonce()}`;
    await page.getByTestId("open-inject").click();
    const dialog = page.getByTestId("inject-dialog");
    await expect(dialog.getByTestId("inject-source")).toHaveValue(name);
    await expect(dialog.getByTestId("inject-subject")).toHaveValue("order");
    await dialog.getByTestId("inject-data").fill(JSON.stringify({ header: {}, body: { customer, paid: true } }, null, 2));
    await expectAccessible(page, "inject dialog");
    await dialog.getByTestId("inject-submit").click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId("events-notice")).toContainText("Injected event");
    const id = await storedEventId(request, namespace, `body.customer=${customer}`);
    await page.getByTestId(`event-row-${id}`).click();
    await expect(page.getByTestId(`explain-${name}-log-it-paid-order`)).toHaveAttribute("data-outcome", "fired");
  });
});
