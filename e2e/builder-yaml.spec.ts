import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/a11y.ts";
import { apiGet, applyManifests, freePort, nonce, saveScreenshot, signIn, webhookFlow } from "./support/signalbox.ts";

test.describe("builder: YAML and form", () => {
  const namespace = `e2e-yaml-${nonce()}`;
  const name = `orders-${nonce()}`;

  test.beforeAll(async ({ request }) => {
    await applyManifests(request, webhookFlow({ namespace, name, port: await freePort(), dependency: "on-push" }));
  });

  test.beforeEach(async ({ context, page }) => {
    await signIn(context);
    await page.goto(`/build?ns=${namespace}`);
    await page.getByTestId(`resource-tab-Sensor-${name}`).click();
  });

  test("edit the YAML and the form both ways, keeping comments and key order", async ({ page, request }) => {
    const yaml = page.getByTestId("builder-yaml");
    await expect(yaml).toHaveValue(new RegExp(`name: ${name}`));

    // Written by hand: comments, and keys in an order no serializer would pick.
    const written = `# Orders: log every push
kind: Sensor
apiVersion: argoproj.io/v1alpha1
metadata:
  namespace: ${namespace} # namespace first, on purpose
  name: ${name}
  resourceVersion: "1"
spec:
  triggers:
    # the only trigger
    - template:
        log: {}
        name: log-it
  dependencies:
    - eventName: push # the webhook's event
      eventSourceName: ${name}
      name: on-push
`;
    await yaml.fill(written);
    // YAML → form.
    const dependencyName = page.getByTestId("field-spec.dependencies[0].name");
    await expect(dependencyName).toHaveValue("on-push");
    await expect(page.getByTestId("select-trigger-log-it")).toBeVisible();

    // Form → YAML: one value changes, every comment and the key order stay.
    await dependencyName.fill("pushed");
    await expect(yaml).toHaveValue(written.replace("      name: on-push\n", "      name: pushed\n"));

    // YAML → form again.
    await yaml.fill(written.replace("name: log-it", "name: log-all"));
    await expect(page.getByTestId("select-trigger-log-all")).toBeVisible();
    await expect(dependencyName).toHaveValue("on-push");
    await page.getByTestId("select-trigger-log-all").click();
    await page.getByTestId("field-spec.triggers[0].template.name").fill("log-every-push");
    await page.getByTestId("field-spec.triggers[0].template.name").blur();
    const edited = written.replace("name: log-it", "name: log-every-push");
    await expect(yaml).toHaveValue(edited);

    // A field the schema refuses shows its problem on the field.
    await page.getByRole("button", { name: `← Sensor ${name}` }).click();
    await dependencyName.fill("has space");
    await expect(page.getByTestId("field-spec.dependencies[0].name")).toHaveAttribute("aria-invalid", "true");
    await expect(page.locator(".field", { has: dependencyName })).toContainText("must not contain dots or whitespace");
    await dependencyName.fill("on-push");
    await expect(dependencyName).toHaveAttribute("aria-invalid", "false");
    await saveScreenshot(page, "builder-yaml");
    await expectAccessible(page, "builder (YAML and form)");

    // Apply: the stored manifest has the change; the editor keeps the comments and takes the new resourceVersion.
    await page.getByTestId("apply-open").click();
    await expect(page.getByTestId(`change-Sensor-${name}`)).toContainText("+        name: log-every-push");
    await expect(page.getByTestId("apply-validation")).toContainText("will be updated");
    await page.getByTestId("apply-confirm").click();
    await expect(page.getByTestId("draft-status")).toHaveText("No changes");
    await expect(yaml).toHaveValue(edited.replace('resourceVersion: "1"', 'resourceVersion: "2"'));
    const stored = await apiGet<{ manifest: { spec: { triggers: { template: { name: string } }[] } } }>(
      request,
      `/api/v1/namespaces/${namespace}/sensors/${name}`,
    );
    expect(stored.manifest.spec.triggers[0]?.template.name).toBe("log-every-push");
  });
});
