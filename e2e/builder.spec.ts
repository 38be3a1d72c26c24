import { expect, test, type Locator, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { startSink, type Sink } from "./support/sink.ts";
import { apiGet, freePort, nonce, saveScreenshot, sendWebhook, signIn } from "./support/signalbox.ts";

/** Drag from one handle to another with the mouse, as a person connects nodes in React Flow. */
async function connect(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.hover();
  await page.mouse.down();
  const box = await to.boundingBox();
  if (!box) throw new Error("target handle not visible");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
}

function withoutVersion(manifest: Record<string, unknown>): Record<string, unknown> {
  const { resourceVersion: _version, ...metadata } = manifest.metadata as Record<string, unknown>;
  return { ...manifest, metadata };
}

test.describe("builder", () => {
  let sink: Sink;

  test.beforeAll(async () => {
    sink = await startSink();
  });

  test.afterAll(async () => {
    await sink.close();
  });

  test("build webhook → sensor → HTTP trigger by drag and drop, apply, and see a mapped request and the pulse", async ({
    page,
    context,
    request,
  }) => {
    const namespace = `e2e-build-${nonce()}`;
    const port = await freePort();
    await signIn(context);
    await page.goto(`/build?ns=${namespace}`);
    await expect(page.getByTestId("builder-empty")).toBeVisible();
    const canvas = page.getByTestId("builder-canvas");

    // Palette → canvas.
    await page.getByTestId("palette-source-webhook").dragTo(canvas, { targetPosition: { x: 90, y: 140 } });
    const source = page.getByTestId("flow-node-source-webhook-1/example");
    await expect(source).toBeVisible();
    await page.getByTestId("field-spec.webhook.example.port").fill(String(port));
    await page.getByTestId("palette-sensor").dragTo(canvas, { targetPosition: { x: 200, y: 300 } });
    const sensor = page.getByTestId("flow-node-sensor-sensor-1");
    await expect(sensor).toBeVisible();
    await page.getByTestId("palette-trigger-http").dragTo(canvas, { targetPosition: { x: 330, y: 140 } });
    const orphan = page.locator('[data-testid^="flow-node-orphan-"]');
    await expect(orphan).toContainText("not connected");
    await page.getByTestId("field-template.http.url").fill(`${sink.url}/hook`);

    // Event → sensor adds a dependency; sensor → trigger adds the trigger.
    await connect(page, page.getByTestId("flow-handle-source-source-webhook-1/example"), page.getByTestId("flow-handle-target-sensor-sensor-1"));
    await expect(page.getByTestId("builder-message")).toHaveText("Added dependency example to sensor-1");
    await expect(page.getByTestId("flow-edge-label-source-webhook-1/example->sensor-sensor-1#example")).toHaveText("example");
    await connect(page, page.getByTestId("flow-handle-source-sensor-sensor-1"), page.locator('[data-testid^="flow-handle-target-orphan-"]'));
    await expect(page.getByTestId("builder-message")).toHaveText("Added trigger http-1 to sensor-1");
    const trigger = page.getByTestId("flow-node-trigger-sensor-1/http-1");
    await expect(trigger).toBeVisible();
    await expect(orphan).toHaveCount(0);

    // Map the body from a sample by clicking its field.
    await page.getByTestId("open-mapping").click();
    const mapping = page.getByTestId("mapping-editor");
    await expect(mapping.getByTestId("sample-pasted")).toBeChecked();
    await mapping.getByTestId("json-pick-body.customer").click();
    await expect(mapping.getByTestId("param-0-dataKey")).toHaveValue("body.customer");
    await expect(mapping.getByTestId("preview-body")).toHaveText('{"customer":"ann"}');
    await mapping.getByTestId("mapping-done").click();

    await expect(page.getByTestId("draft-status")).toHaveText("2 changes not applied");
    await saveScreenshot(page, "builder");
    await expectAccessible(page, "builder");

    // Review the diff, apply.
    await page.getByTestId("apply-open").click();
    const dialog = page.getByTestId("apply-dialog");
    await expect(dialog.getByTestId("change-EventSource-webhook-1")).toHaveAttribute("data-state", "new");
    await expect(dialog.getByTestId("change-Sensor-sensor-1")).toContainText("+      eventSourceName: webhook-1");
    await expect(dialog.getByTestId("apply-validation")).toContainText("The API accepts it");
    await saveScreenshot(page, "builder-apply");
    await expectAccessible(page, "apply dialog");
    await dialog.getByTestId("apply-confirm").click();
    await expect(page.getByTestId("builder-message")).toHaveText("Applied: 2 created, 0 updated, 0 unchanged.");
    await expect(page.getByTestId("draft-status")).toHaveText("No changes");

    // What the API stored is exactly what was built.
    const storedSource = await apiGet<{ manifest: Record<string, unknown> }>(request, `/api/v1/namespaces/${namespace}/eventsources/webhook-1`);
    const storedSensor = await apiGet<{ manifest: Record<string, unknown> }>(request, `/api/v1/namespaces/${namespace}/sensors/sensor-1`);
    expect(withoutVersion(storedSource.manifest)).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "EventSource",
      metadata: { name: "webhook-1", namespace },
      spec: { webhook: { example: { port: String(port), endpoint: "/example", method: "POST" } } },
    });
    expect(withoutVersion(storedSensor.manifest)).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Sensor",
      metadata: { name: "sensor-1", namespace },
      spec: {
        dependencies: [{ name: "example", eventSourceName: "webhook-1", eventName: "example" }],
        triggers: [
          {
            template: {
              name: "http-1",
              http: {
                url: `${sink.url}/hook`,
                method: "POST",
                payload: [{ src: { dependencyName: "example", dataKey: "body.customer" }, dest: "customer" }],
              },
            },
          },
        ],
      },
    });

    // A webhook call goes through: the sink gets the mapped request, the graph pulses.
    const customer = `cust-${nonce()}`;
    await sendWebhook(request, `http://127.0.0.1:${port}/example`, { customer, other: 1 });
    const received = await sink.waitFor((r) => r.url === "/hook" && r.body.includes(customer));
    expect(received.body.toString()).toBe(JSON.stringify({ customer }));
    await expect(page.getByTestId("flow-activity-source-webhook-1/example")).toHaveText("1 received");
    await expect(page.getByTestId("flow-activity-source-webhook-1/example")).toHaveAttribute("data-pulses", /^[1-9]/);
    await expect(page.getByTestId("flow-activity-trigger-sensor-1/http-1")).toHaveText("1 fired");
    await expect(page.getByTestId("flow-edge-pulse-source-webhook-1/example->sensor-sensor-1")).toBeAttached();
  });
});
