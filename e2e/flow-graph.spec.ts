import { expect, test } from "@playwright/test";
import {
  applyManifests,
  deleteResource,
  expectNoReload,
  freePort,
  markDocument,
  nonce,
  saveScreenshot,
  signIn,
  webhookFlow,
} from "./support/signalbox.ts";

test.describe("flow graph", () => {
  const namespace = `e2e-flow-${nonce()}`;

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/?ns=${namespace}`);
    await expect(page.getByTestId("flow-empty")).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
    await markDocument(page);
  });

  test("applied resources appear as nodes and edges, and a deleted sensor disappears, without a reload", async ({
    page,
    request,
  }) => {
    const name = `hook-${nonce()}`;
    await applyManifests(request, webhookFlow({ namespace, name, port: await freePort(), dependency: `dep-${name}` }));

    const source = page.getByTestId(`flow-node-source-${name}/push`);
    const sensor = page.getByTestId(`flow-node-sensor-${name}`);
    const trigger = page.getByTestId(`flow-node-trigger-${name}/log-it`);
    await expect(source).toBeVisible();
    await expect(source).toContainText("webhook");
    await expect(sensor).toBeVisible();
    await expect(trigger).toBeVisible();
    await expect(trigger).toContainText("log");
    // Straight edges have an empty box, so "attached" rather than "visible".
    await expect(page.getByTestId(`flow-edge-source-${name}/push->sensor-${name}`)).toBeAttached();
    await expect(page.getByTestId(`flow-edge-sensor-${name}->trigger-${name}/log-it`)).toBeAttached();
    await expect(page.getByTestId(`flow-edge-label-source-${name}/push->sensor-${name}#dep-${name}`)).toHaveText(
      `dep-${name}`,
    );
    await expect(source).toContainText("Ready");
    await saveScreenshot(page, "flow-graph");

    await deleteResource(request, { namespace, plural: "sensors", name });
    await expect(sensor).toHaveCount(0);
    await expect(trigger).toHaveCount(0);
    await expect(page.getByTestId(`flow-edge-source-${name}/push->sensor-${name}`)).toHaveCount(0);
    await expect(source).toBeVisible();
    await expectNoReload(page);
  });
});
