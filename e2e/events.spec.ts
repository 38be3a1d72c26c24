import { expect, test } from "@playwright/test";
import {
  applyManifests,
  expectNoReload,
  freePort,
  listEvents,
  markDocument,
  nonce,
  saveScreenshot,
  signIn,
  webhookFlow,
} from "./support/signalbox.ts";

test.describe("events", () => {
  const namespace = `e2e-events-${nonce()}`;
  const name = `hook-${nonce()}`;
  let port = 0;

  test.beforeAll(async ({ request }) => {
    port = await freePort();
    await applyManifests(request, webhookFlow({ namespace, name, port }));
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/?ns=${namespace}`);
    await expect(page.getByTestId(`flow-node-source-${name}/push`)).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
    await markDocument(page);
  });

  test("a webhook event appears without a reload and opens to its decoded payload", async ({ page, request }) => {
    await expect(page.getByTestId("events-empty")).toContainText(`http://127.0.0.1:${port}/push`);
    const message = `hi-${nonce()}`;
    // The EventSource may still be binding its port just after the apply: retry until it answers.
    await expect(async () => {
      const response = await request.post(`http://127.0.0.1:${port}/push`, { data: { message } });
      expect(response.status()).toBe(200);
    }).toPass({ timeout: 10_000 });
    let id = "";
    await expect.poll(async () => (id = (await listEvents(request, namespace))[0]?.id ?? "")).not.toBe("");

    const row = page.getByTestId(`event-row-${id}`);
    await expect(row).toBeVisible();
    await expect(row).toContainText(`${name}/push`);
    await row.getByRole("button", { expanded: false }).click();
    const data = page.getByTestId(`event-data-${id}`);
    await expect(data).toContainText(`"message": "${message}"`);
    await expect(data).toContainText('"Content-Type": [');
    await saveScreenshot(page, "events");

    await page.getByTestId(`event-raw-toggle-${id}`).check();
    const body = Buffer.from(JSON.stringify({ message })).toString("base64").slice(0, 16);
    await expect(page.getByTestId(`event-raw-${id}`)).toBeVisible();
    await expect(page.getByTestId(`event-data-${id}`)).toHaveCount(0);
    expect((await page.getByTestId(`event-raw-${id}`).textContent())?.length).toBeGreaterThan(body.length);
    await expectNoReload(page);
  });

  test("the events page lists the same events, newest first", async ({ page, request }) => {
    const messages = [`first-${nonce()}`, `second-${nonce()}`];
    for (const message of messages) {
      await expect(async () => {
        expect((await request.post(`http://127.0.0.1:${port}/push`, { data: { message } })).status()).toBe(200);
      }).toPass({ timeout: 10_000 });
    }
    await page.getByRole("link", { name: "Events" }).click();
    await expect(page).toHaveURL(new RegExp(`/events\\?ns=${namespace}$`));
    const events = await listEvents(request, namespace);
    const rows = page.locator('[data-testid^="event-row-"]');
    await expect(rows.first()).toHaveAttribute("data-testid", `event-row-${events[0]?.id}`);
    await expect(rows).toHaveCount(events.length);
  });
});
