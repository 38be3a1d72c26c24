/**
 * One event through every layer: webhook → CloudEvent → embedded bus → sensor → mapped HTTP trigger → real sink,
 * with the event stored and served decoded, on a real `signalbox serve` process.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess;
let sink: Sink;
let webhookPort: number;
const nonce = randomBytes(3).toString("hex");

beforeAll(async () => {
  sink = await startSink();
  server = await startServer();
  webhookPort = await freePort();
  await apply(
    server,
    `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: pay-${nonce}
spec:
  webhook:
    example:
      port: "${webhookPort}"
      endpoint: /example
      method: POST
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: notify-${nonce}
spec:
  dependencies:
    - name: payment
      eventSourceName: pay-${nonce}
      eventName: example
  triggers:
    - template:
        name: notify
        http:
          url: ${sink.url}/hook
          method: POST
          headers:
            Content-Type: application/json
          payload:
            - src: {dependencyName: payment, dataKey: body.amount}
              dest: amount
            - src: {dependencyName: payment, dataKey: body.currency, value: "USD"}
              dest: currency
            - src: {dependencyName: payment, contextKey: id}
              dest: eventId
`,
  );
}, 90_000);

afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

const authed = () => ({ authorization: `Bearer ${server.token}` });

describe("a webhook through every layer", () => {
  it("answers 200 success, delivers the mapped request and stores the event decoded", async () => {
    const response = await fetch(`http://127.0.0.1:${webhookPort}/example`, {
      method: "POST",
      headers: { "content-type": "application/json", traceparent: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01" },
      body: JSON.stringify({ amount: 12.5, currency: "EUR" }),
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("success");
    await sink.waitFor((requests) => requests.length >= 1);
    const request = sink.requests[0]!;
    const body = JSON.parse(request.body) as { amount: string; currency: string; eventId: string };
    expect(body.amount).toBe("12.5");
    expect(body.currency).toBe("EUR");
    expect(body.eventId).toMatch(/^[0-9a-f]{32}$/);
    expect(request.body).toBe(`{"amount":"12.5","currency":"EUR","eventId":"${body.eventId}"}`);
    expect(request.headers["content-type"]).toBe("application/json");

    type Stored = { id: string; data: { body: unknown }; source: string; subject: string; type: string; data_base64: string; headers: Record<string, string> };
    let stored: Stored | undefined;
    for (let i = 0; i < 100 && !stored; i++) {
      const list = (await (await fetch(`${server.url}/api/v1/events?source=pay-${nonce}`, { headers: authed() })).json()) as { items: Stored[] };
      stored = list.items.find((item) => item.id === body.eventId);
      if (!stored) await new Promise((r) => setTimeout(r, 100));
    }
    expect(stored?.data.body).toEqual({ amount: 12.5, currency: "EUR" });
    expect(stored?.type).toBe("webhook");
    expect(stored?.subject).toBe("example");
    expect(JSON.parse(Buffer.from(stored!.data_base64, "base64").toString()).body).toEqual({ amount: 12.5, currency: "EUR" });
    expect(stored?.headers.traceparent).toBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");

    const detail = (await (await fetch(`${server.url}/api/v1/events/${body.eventId}`, { headers: authed() })).json()) as { runs: { status: string; trigger: string }[]; explains: { outcome: string }[] };
    for (let i = 0; i < 50 && detail.runs[0]?.status !== "succeeded"; i++) {
      await new Promise((r) => setTimeout(r, 100));
      Object.assign(detail, await (await fetch(`${server.url}/api/v1/events/${body.eventId}`, { headers: authed() })).json());
    }
    expect(detail.runs[0]).toMatchObject({ status: "succeeded", trigger: "notify" });
    expect(detail.explains[0]).toMatchObject({ outcome: "fired" });
  });

  it("exposes Argo's metric names on /metrics (public on loopback)", async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(new RegExp(`argo_events_events_sent_total\\{namespace="default",eventsource_name="pay-${nonce}",event_name="example"\\} [1-9]`));
    expect(text).toMatch(new RegExp(`argo_events_action_triggered_total\\{namespace="default",sensor_name="notify-${nonce}",trigger_name="notify"\\} [1-9]`));
    expect(text).toContain("argo_events_action_duration_milliseconds");
    expect(text).toContain("signalbox_dependency_events_total");
  });

  it("records an event dropped by the source filter as filtered, still answering 200 success", async () => {
    const port = await freePort();
    await apply(
      server,
      `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: gate-${nonce}\nspec:\n  webhook:\n    e:\n      port: "${port}"\n      endpoint: /e\n      method: POST\n      filter: {expression: "body.amount > 0"}\n`,
    );
    const response = await fetch(`http://127.0.0.1:${port}/e`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"amount":-3}' });
    expect([response.status, await response.text()]).toEqual([200, "success"]);
    let items: { data: { body: { amount: number } } }[] = [];
    for (let i = 0; i < 50 && items.length === 0; i++) {
      const page = (await (await fetch(`${server.url}/api/v1/events?source=gate-${nonce}&outcome=filtered`, { headers: authed() })).json()) as { items: typeof items };
      items = page.items;
      if (items.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(items.map((item) => item.data.body.amount)).toEqual([-3]);
  });

  it("refuses the API without a token and uses the error shape", async () => {
    const response = await fetch(`${server.url}/api/v1/events`);
    expect(response.status).toBe(401);
    const body = (await response.json()) as { error: { code: string; message: string; details: unknown[] } };
    expect(body.error.code).toBe("UNAUTHORIZED");
    expect(Array.isArray(body.error.details)).toBe(true);
  });

  it("rejects an invalid manifest with every error and its field path, applying nothing", async () => {
    const response = await fetch(`${server.url}/api/v1/manifests`, {
      method: "POST",
      headers: { ...authed(), "content-type": "application/yaml" },
      body: `apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata:\n  name: bad-${nonce}\nspec:\n  dependencies:\n    - name: a\n      eventSourceName: x\n      eventName: y\n  triggers:\n    - template:\n        name: t\n        http:\n          urll: http://x\n`,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { details: { path: string }[] } };
    expect(body.error.details.map((d) => d.path)).toEqual(expect.arrayContaining(["spec.triggers[0].template.http.urll", "spec.triggers[0].template.http.url"]));
    const get = await fetch(`${server.url}/api/v1/namespaces/default/sensors/bad-${nonce}`, { headers: authed() });
    expect(get.status).toBe(404);
  });

  it("refuses a second source on the same port and path with 409 naming the path", async () => {
    const response = await fetch(`${server.url}/api/v1/manifests`, {
      method: "POST",
      headers: { ...authed(), "content-type": "application/yaml" },
      body: `apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: other-${nonce}\nspec:\n  webhook:\n    e:\n      port: "${webhookPort}"\n      endpoint: /example\n      method: POST\n`,
    });
    expect(response.status).toBe(409);
    expect(JSON.stringify(await response.json())).toContain("/example");
  });

  it("serves a resource as YAML and the same webhook on the API port", async () => {
    const yaml = await (await fetch(`${server.url}/api/v1/namespaces/default/sensors/notify-${nonce}?format=yaml`, { headers: authed() })).text();
    expect(yaml).toContain(`name: notify-${nonce}`);
    expect(yaml).toContain("DependenciesProvided");
    const before = sink.requests.length;
    const viaApi = await fetch(`${server.url}/api/v1/webhooks/default/pay-${nonce}/example`, { method: "POST", headers: { "content-type": "application/json" }, body: '{"amount":1}' });
    expect(viaApi.status).toBe(200);
    await sink.waitFor((requests) => requests.length > before);
  });
});
