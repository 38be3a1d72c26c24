import { expect, test, type Page } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { startSink, type Sink } from "./support/sink.ts";
import { adminToken, apiURL, applyManifests, freePort, nonce, saveScreenshot, sendWebhook, signIn, storedEventId } from "./support/signalbox.ts";

/** A webhook and a Sensor (paid orders over 10) with two HTTP triggers to the sink, their payloads still empty. */
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
    - name: order
      eventSourceName: ${name}
      eventName: order
      filters:
        data:
          - { path: body.total, type: number, comparator: ">", value: ["10"] }
  triggers:
    - template:
        name: structured
        http: { url: "${sink}/structured", method: POST }
    - template:
        name: whole
        http: { url: "${sink}/whole", method: POST }
`;
}

async function openMapping(page: Page, sensor: string, trigger: string): Promise<void> {
  await page.getByTestId(`flow-node-trigger-${sensor}/${trigger}`).click();
  await expect(page.getByTestId(`field-spec.triggers[${trigger === "structured" ? 0 : 1}].template.name`)).toHaveValue(trigger);
  await page.getByTestId("open-mapping").click();
  await expect(page.getByTestId("mapping-editor")).toBeVisible();
}

test.describe("payload mapping", () => {
  const namespace = `e2e-map-${nonce()}`;
  const name = `shop-${nonce()}`;
  const customer = `ann-${nonce()}`;
  let sink: Sink;
  let eventId = "";

  test.beforeAll(async ({ request }) => {
    sink = await startSink();
    const port = await freePort();
    await applyManifests(request, flow(namespace, name, port, sink.url));
    // The sample: a real event, stored by the API.
    await sendWebhook(request, `http://127.0.0.1:${port}/order`, { customer, order: { id: 7, items: [{ sku: "k1", qty: 2 }] }, total: 42.5 });
    eventId = await storedEventId(request, namespace, `body.customer=${customer}`);
  });

  test.afterAll(async () => {
    await sink.close();
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/build?ns=${namespace}`);
  });

  test("map a payload from a sample event; the live preview is byte-equal to what the sink receives", async ({ page, request }) => {
    await openMapping(page, name, "structured");
    const editor = page.getByTestId("mapping-editor");
    await expect(editor.getByTestId("sample-stored")).toBeChecked();
    await expect(editor.getByTestId("sample-event")).toContainText(eventId.slice(0, 8));
    const preview = editor.getByTestId("preview-body");
    await expect(preview).toHaveText("");

    // useRawData: the items as JSON, not as a string.
    await editor.getByTestId("json-pick-body.order.items").click();
    await expect(editor.getByTestId("param-0-dataKey")).toHaveValue("body.order.items");
    await expect(editor.getByTestId("param-0-dest")).toHaveValue("items");
    await expect(preview).toHaveText('{"items":"[{\\"sku\\":\\"k1\\",\\"qty\\":2}]"}');
    await editor.getByTestId("param-0-raw").check();
    await expect(preview).toHaveText('{"items":[{"sku":"k1","qty":2}]}');

    // A template.
    await editor.getByTestId("json-pick-body.customer").click();
    await editor.getByTestId("param-1-kind").selectOption("dataTemplate");
    await editor.getByTestId("param-1-dataTemplate").fill("{{ .Input.body.customer | upper }}/{{ .Input.body.total }}");
    await editor.getByTestId("param-1-dest").fill("who");
    await expect(editor.getByTestId("param-1-value")).toContainText(`${customer.toUpperCase()}/42.5`);

    // A default for a field the sample does not have.
    await editor.getByTestId("json-pick-body.total").click();
    await editor.getByTestId("param-2-dataKey").fill("body.coupon");
    await expect(editor.getByTestId("param-2-value")).toContainText("unable to resolve");
    await editor.getByTestId("param-2-default").fill("none");
    await editor.getByTestId("param-2-dest").fill("coupon");
    const structured = `{"items":[{"sku":"k1","qty":2}],"who":"${customer.toUpperCase()}/42.5","coupon":"none"}`;
    await expect(preview).toHaveText(structured);
    const previewedStructured = (await preview.textContent()) ?? "";
    await expect(editor.getByTestId("preview-url")).toHaveText(`${sink.url}/structured`);

    // The same sample through the API's dry run: the filter's verdict, and the trigger fires.
    await editor.getByTestId("mapping-test").click();
    const tested = editor.getByTestId("mapping-test-result");
    await expect(tested.getByTestId("filter-verdict")).toHaveAttribute("data-pass", "true");
    await expect(tested).toContainText("Fires structured");
    await saveScreenshot(page, "mapping");
    await expectAccessible(page, "payload mapping");
    await editor.getByTestId("mapping-done").click();

    // dest "": one parameter is the whole body.
    await page.getByRole("button", { name: `← Sensor ${name}` }).click();
    await page.getByTestId("select-trigger-whole").click();
    await page.getByTestId("open-mapping").click();
    await editor.getByTestId("json-pick-body.order").click();
    await editor.getByTestId("param-0-dest").fill("");
    const whole = '{"id":7,"items":[{"sku":"k1","qty":2}]}';
    await expect(preview).toHaveText(whole);
    const previews = { structured: previewedStructured, whole: (await preview.textContent()) ?? "" };
    await editor.getByTestId("mapping-done").click();

    await page.getByTestId("apply-open").click();
    await expect(page.getByTestId("apply-validation")).toContainText("will be updated");
    await page.getByTestId("apply-confirm").click();
    await expect(page.getByTestId("draft-status")).toHaveText("No changes");

    // Replay the sample: the sink gets exactly the previewed bytes.
    const replay = await request.post(`${apiURL}/api/v1/events/${eventId}/replay`, { headers: { authorization: `Bearer ${adminToken()}` } });
    expect(replay.status()).toBe(202);
    const atStructured = await sink.waitFor((r) => r.url === "/structured" && r.body.length > 0);
    const atWhole = await sink.waitFor((r) => r.url === "/whole" && r.body.length > 0);
    expect(atStructured.body.toString("utf8")).toBe(previews.structured);
    expect(atStructured.body.equals(Buffer.from(previews.structured, "utf8"))).toBe(true);
    expect(atWhole.body.toString("utf8")).toBe(previews.whole);
    expect(atWhole.body.equals(Buffer.from(previews.whole, "utf8"))).toBe(true);
  });

  test("try the sensor's filters on a sample, and backtest it on stored events", async ({ page }) => {
    await page.getByTestId(`flow-node-sensor-${name}`).click();
    await page.getByTestId("open-sensor-test").click();
    const dialog = page.getByTestId("sensor-test");
    await dialog.getByTestId("sensor-test-json").fill(JSON.stringify({ header: {}, body: { customer: "cheap", total: 5 } }));
    await dialog.getByTestId("sensor-test-run").click();
    const result = dialog.getByTestId("sensor-test-result");
    await expect(dialog.getByTestId("sensor-test-summary")).toContainText("1 event: 2 filtered");
    await expect(dialog.getByTestId("sensor-test-summary")).toContainText("No trigger would fire");
    const verdict = result.getByTestId("filter-verdict").first();
    await expect(verdict).toHaveAttribute("data-pass", "false");
    await expect(verdict).toContainText("body.total");
    await expectAccessible(page, "sensor test");

    await dialog.getByTestId("sensor-test-backtest").check();
    await dialog.getByTestId("sensor-test-run").click();
    await expect(dialog.getByTestId("sensor-test-summary")).toContainText("structured would fire");
    await saveScreenshot(page, "sensor-test");
  });
});
