import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import {
  applyManifests,
  deleteResource,
  expectNoReload,
  freePort,
  markDocument,
  nonce,
  saveScreenshot,
  sendWebhook,
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
    await expectAccessible(page, "flow graph");

    await deleteResource(request, { namespace, plural: "sensors", name });
    await expect(sensor).toHaveCount(0);
    await expect(trigger).toHaveCount(0);
    await expect(page.getByTestId(`flow-edge-source-${name}/push->sensor-${name}`)).toHaveCount(0);
    await expect(source).toBeVisible();
    await expectNoReload(page);
  });
});

test.describe("flow graph: node details", () => {
  const namespace = `e2e-join-${nonce()}`;
  const name = `join-${nonce()}`;
  let port = 0;

  test.beforeAll(async ({ request }) => {
    port = await freePort();
    // An AND sensor: fires when both a and b hold an event; what it holds is dropped every day at 03:00 UTC.
    await applyManifests(
      request,
      `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  webhook:
    a: { port: "${port}", endpoint: /a, method: POST }
    b: { port: "${port}", endpoint: /b, method: POST }
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: { name: ${name}, namespace: ${namespace} }
spec:
  dependencies:
    - { name: dep-a, eventSourceName: ${name}, eventName: a }
    - { name: dep-b, eventSourceName: ${name}, eventName: b }
  triggers:
    - template:
        name: both
        conditions: "dep-a && dep-b"
        conditionsReset:
          - byTime: { cron: "0 3 * * *", timezone: UTC }
        log: {}
`,
    );
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/?ns=${namespace}`);
    await expect(page.getByTestId(`flow-node-sensor-${name}`)).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  });

  test("click a sensor to see which dependencies hold an event, since when, when they reset, and its runs", async ({
    page,
    request,
  }) => {
    await page.getByTestId(`flow-node-sensor-${name}`).click();
    const details = page.getByTestId("node-details");
    await expect(details).toContainText(`Sensor ${name}`);
    await expect(details.getByTestId("node-status")).toContainText("Ready");

    await sendWebhook(request, `http://127.0.0.1:${port}/a`, { n: 1 });
    const join = details.getByTestId("join-both");
    await expect(join.getByTestId("join-dependency-dep-a")).toHaveAttribute("data-held", "true");
    await expect(join.getByTestId("join-dependency-dep-b")).toHaveAttribute("data-held", "false");
    await expect(join.getByTestId("join-dependency-dep-a")).toContainText("event ");
    await expect(join.getByTestId("join-reset-both")).toContainText("0 3 * * * (UTC)");
    await expect(page.getByTestId(`flow-activity-source-${name}/a`)).toHaveText("1 received");
    await saveScreenshot(page, "flow-node-details");
    await expectAccessible(page, "flow graph with node details");

    await sendWebhook(request, `http://127.0.0.1:${port}/b`, { n: 2 });
    await expect(details.getByTestId("node-runs").locator("li")).toHaveCount(1);
    await expect(details.getByTestId("node-runs")).toContainText("succeeded");
    // Fired: the join starts over, nothing is held.
    await expect(join.getByTestId("join-dependency-dep-a")).toHaveAttribute("data-held", "false");
    await expect(join.getByTestId("join-dependency-dep-b")).toHaveAttribute("data-held", "false");
    await expect(details.getByTestId("node-count-fired")).toContainText("2");
    await expect(page.getByTestId(`flow-activity-trigger-${name}/both`)).toHaveText("1 fired");

    // Pause and resume the sensor from its details.
    await details.getByTestId("node-pause-toggle").click();
    await expect(details.getByTestId("node-status")).toContainText("paused");
    await expect(page.getByTestId(`flow-node-sensor-${name}`)).toContainText("paused");
    await details.getByTestId("node-pause-toggle").click();
    await expect(details.getByTestId("node-status")).not.toContainText("paused");
  });
});
