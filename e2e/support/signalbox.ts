/**
 * What the specs share: where the API and console run (chosen by playwright.config.ts), the admin token of the
 * test data dir, nonce names, REST calls to the API, and a webhook flow manifest.
 */
import { expect, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the specs with \`npx playwright test\``);
  return value;
}

export const apiURL = required("SIGNALBOX_E2E_API_URL");
export const webURL = required("SIGNALBOX_E2E_WEB_URL");
export const dataDir = required("SIGNALBOX_E2E_DATA_DIR");

/** The bootstrap admin token the API wrote into the data dir. */
export function adminToken(): string {
  return readFileSync(join(dataDir, "admin.token"), "utf8").trim();
}

/** A short random lowercase suffix, valid in resource names. */
export function nonce(): string {
  return randomBytes(4).toString("hex");
}

/** A free TCP port on loopback (for a webhook EventSource). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Sign the browser context in the way /auth/signin does: the httpOnly token cookie. */
export async function signIn(context: BrowserContext): Promise<void> {
  await context.addCookies([
    { name: "signalbox_token", value: adminToken(), url: webURL, httpOnly: true, sameSite: "Strict" },
  ]);
}

const auth = () => ({ authorization: `Bearer ${adminToken()}` });

/** POST /api/v1/manifests (YAML). */
export async function applyManifests(request: APIRequestContext, yaml: string): Promise<void> {
  const response = await request.post(`${apiURL}/api/v1/manifests`, {
    headers: { ...auth(), "content-type": "application/yaml" },
    data: yaml,
  });
  expect(response.status(), await response.text()).toBe(200);
}

/** DELETE /api/v1/namespaces/:ns/:plural/:name. */
export async function deleteResource(
  request: APIRequestContext,
  ref: { namespace: string; plural: string; name: string },
): Promise<void> {
  const response = await request.delete(`${apiURL}/api/v1/namespaces/${ref.namespace}/${ref.plural}/${ref.name}`, {
    headers: auth(),
  });
  expect(response.ok(), await response.text()).toBe(true);
}

/** GET /api/v1/events in a namespace, newest first. */
export async function listEvents(
  request: APIRequestContext,
  namespace: string,
): Promise<{ id: string; data: unknown }[]> {
  const response = await request.get(`${apiURL}/api/v1/events?namespace=${namespace}`, { headers: auth() });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: { id: string; data: unknown }[] }).items;
}

/** A webhook EventSource (event `push`, POST /push on `port`) and a Sensor that logs it (trigger `log-it`). */
export function webhookFlow(options: { namespace: string; name: string; port: number; dependency?: string }): string {
  const { namespace, name, port, dependency = "on-push" } = options;
  return `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  webhook:
    push:
      port: "${port}"
      endpoint: /push
      method: POST
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  dependencies:
    - name: ${dependency}
      eventSourceName: ${name}
      eventName: push
  triggers:
    - template:
        name: log-it
        log: {}
`;
}

/** Mark the loaded document; {@link expectNoReload} fails if the page was reloaded or navigated since. */
export async function markDocument(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as Record<string, unknown>).__signalboxNoReload = true;
  });
}

export async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => (globalThis as Record<string, unknown>).__signalboxNoReload)).toBe(true);
}

/** Save the spec's main screen as test-results/screenshots/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync("test-results/screenshots", { recursive: true });
  await page.screenshot({ path: `test-results/screenshots/${name}.png` });
}

/** POST JSON to a webhook EventSource, retrying while it is still binding its port after an apply. */
export async function sendWebhook(request: APIRequestContext, url: string, body: unknown): Promise<void> {
  await expect(async () => {
    const response = await request.post(url, { data: body });
    expect(response.status()).toBe(200);
  }).toPass({ timeout: 15_000 });
}

/** GET a JSON resource of the REST API. */
export async function apiGet<T>(request: APIRequestContext, path: string): Promise<T> {
  const response = await request.get(`${apiURL}${path}`, { headers: auth() });
  expect(response.ok(), await response.text()).toBe(true);
  return (await response.json()) as T;
}

/** Wait until the API has stored an event matching a payload field, and return its id. */
export async function storedEventId(request: APIRequestContext, namespace: string, match: string): Promise<string> {
  let id = "";
  await expect
    .poll(
      async () => {
        const page = await apiGet<{ items: { id: string }[] }>(request, `/api/v1/events?namespace=${namespace}&match=${encodeURIComponent(match)}`);
        return (id = page.items[0]?.id ?? "");
      },
      { timeout: 15_000, message: `an event with ${match} in ${namespace}` },
    )
    .not.toBe("");
  return id;
}
