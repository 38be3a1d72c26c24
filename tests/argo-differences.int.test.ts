/**
 * Each "Deliberate difference from Argo Events" the README lists, asserted on a real `signalbox serve` process:
 * webhook answers (405, 413, 503 + Retry-After when the bus cannot take the event), strict validation with paths,
 * the skipped payload parameter, the "odd but matched" warnings (with the matched behaviour), and a failed
 * at-least-once run recorded as failed and acked. Every test uses its own namespace.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess;
let sink: Sink;
let failingSink: Sink;
const nonce = randomBytes(3).toString("hex");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(async () => {
  [server, sink, failingSink] = await Promise.all([startServer(), startSink(), startSink()]);
  failingSink.respondWith(500);
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await Promise.all([sink?.close(), failingSink?.close()]);
});

interface ApplyAnswer {
  status: number;
  body: {
    applied?: { kind: string; name: string; action: string }[];
    warnings?: { path: string; message: string; resource: string }[];
    error?: { code: string; message: string; details: { path: string; message: string }[] };
  };
}

async function applyRaw(yaml: string): Promise<ApplyAnswer> {
  const response = await fetch(`${server.url}/api/v1/manifests`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "application/yaml" },
    body: yaml,
  });
  return { status: response.status, body: (await response.json()) as ApplyAnswer["body"] };
}

async function applyOk(yaml: string): Promise<ApplyAnswer["body"]> {
  const answer = await applyRaw(yaml);
  if (answer.status !== 200) throw new Error(`apply failed: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const authed = () => ({ authorization: `Bearer ${server.token}` });

async function waitReady(namespace: string, plural: string, name: string): Promise<void> {
  let last = "";
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const response = await fetch(`${server.url}/api/v1/namespaces/${namespace}/${plural}/${name}`, {
      headers: authed(),
    });
    const body = (await response.json()) as { status?: { summary?: string } };
    if (body.status?.summary === "Ready") return;
    last = JSON.stringify(body);
    await sleep(150);
  }
  throw new Error(`${plural}/${name} in ${namespace} not Ready: ${last}`);
}

/** Send a JSON webhook to `127.0.0.1:<port>/example` (POST unless `method` says otherwise). */
const postJson = (port: number, body: string, method = "POST") =>
  fetch(`http://127.0.0.1:${port}/example`, {
    method,
    headers: { "content-type": "application/json" },
    ...(method === "GET" ? {} : { body }),
  });

async function eventsOf(namespace: string): Promise<{ id: string }[]> {
  const response = await fetch(`${server.url}/api/v1/events?namespace=${namespace}`, { headers: authed() });
  return ((await response.json()) as { items: { id: string }[] }).items;
}

async function runsOf(eventId: string): Promise<{ status: string; trigger: string }[]> {
  const response = await fetch(`${server.url}/api/v1/events/${eventId}`, { headers: authed() });
  return ((await response.json()) as { runs: { status: string; trigger: string }[] }).runs;
}

/** The runs of the namespace's only event, once they reached a final status. */
async function finalRuns(namespace: string): Promise<{ status: string; trigger: string }[]> {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
    const [event] = await eventsOf(namespace);
    if (!event) continue;
    const runs = await runsOf(event.id);
    if (runs.length > 0 && runs.every((run) => run.status === "succeeded" || run.status === "failed")) return runs;
  }
  throw new Error(`no finished run in ${namespace}`);
}

/** A webhook EventSource; `extra` is appended to the first event's config (or the spec, when indented so). */
const webhookSource = (
  namespace: string,
  port: number,
  { extra = "", events = [["example", "/example"]] }: { extra?: string; events?: [string, string][] } = {},
) => `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: webhook
  namespace: ${namespace}
spec:
  webhook:
${events
  .map(
    ([name, endpoint], i) => `    ${name}:
      port: "${port}"
      endpoint: ${endpoint}
      method: POST
${i === 0 ? extra : ""}`,
  )
  .join("")}`;

describe("webhook answers", () => {
  it("answers 405 with Allow for a method other than the configured one (Argo: 400)", async () => {
    const namespace = `diff-405-${nonce}`;
    const port = await freePort();
    await applyOk(webhookSource(namespace, port));
    await waitReady(namespace, "eventsources", "webhook");
    const response = await postJson(port, "", "GET");
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("POST");
    expect(await response.text()).toBe("http method does not match");
    const put = await postJson(port, `{"a":1}`, "PUT");
    expect(put.status).toBe(405);
  });

  it("answers 413 for a body over maxPayloadSize (Argo: 400)", async () => {
    const namespace = `diff-413-${nonce}`;
    const port = await freePort();
    await applyOk(webhookSource(namespace, port, { extra: "      maxPayloadSize: 64\n" }));
    await waitReady(namespace, "eventsources", "webhook");
    const fits = await postJson(port, JSON.stringify({ a: "x".repeat(40) }));
    expect([fits.status, await fits.text()]).toEqual([200, "success"]);
    const tooLarge = await postJson(port, JSON.stringify({ a: "x".repeat(100) }));
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toBe("http: request body too large");
  });

  it("answers 503 with Retry-After when the bus cannot take the event (Argo: 500; 200 before #3449)", async () => {
    const namespace = `diff-503-${nonce}`;
    const natsPort = await freePort();
    const webhookPort = await freePort();
    const nats = await startNats(natsPort);
    try {
      await applyOk(`apiVersion: argoproj.io/v1alpha1
kind: EventBus
metadata:
  name: default
  namespace: ${namespace}
spec:
  jetstreamExotic:
    url: nats://127.0.0.1:${natsPort}
    streamConfig: |
      replicas: 1
---
${webhookSource(namespace, webhookPort)}`);
      await waitReady(namespace, "eventsources", "webhook");
      const before = await postJson(webhookPort, `{"a":1}`);
      expect([before.status, await before.text()]).toEqual([200, "success"]);

      nats.kill("SIGKILL");
      let response: Response | undefined;
      for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(250)) {
        response = await postJson(webhookPort, `{"a":2}`);
        if (response.status !== 200) break;
      }
      expect(response?.status).toBe(503);
      expect(await response?.text()).toBe("failed to record event");
      const retryAfter = Number(response?.headers.get("retry-after"));
      expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    } finally {
      if (nats.exitCode === null) nats.kill("SIGKILL");
    }
  });
});

/** A JetStream nats-server of our own (killed by pid in the test), on a free port. */
async function startNats(port: number): Promise<ChildProcess> {
  const child = spawn(
    "nats-server",
    ["-js", "-a", "127.0.0.1", "-p", String(port), "-sd", mkdtempSync(join(tmpdir(), "sb-diff-nats-"))],
    {
      stdio: "ignore",
    },
  );
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(100)) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (up) return child;
  }
  child.kill("SIGKILL");
  throw new Error("nats-server did not start");
}

describe("strict validation", () => {
  it("refuses unknown fields and dots in names, and hints at a misplaced atLeastOnce, each with its path, applying nothing", async () => {
    const namespace = `diff-strict-${nonce}`;
    const answer = await applyRaw(`apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata:
  name: my.source
  namespace: ${namespace}
spec:
  webhook:
    example: {port: "12000", endpoint: /example, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: strict
  namespace: ${namespace}
spec:
  dependencies:
    - name: dep
      eventSourceName: my-source
      eventName: example
      filter:
        data: []
  triggers:
    - template:
        name: t
        atLeastOnce: true
        log: {}
`);
    expect(answer.status).toBe(400);
    const details = answer.body.error?.details ?? [];
    const at = (suffix: string) =>
      details.find((d) => d.path.endsWith(suffix))?.message ?? `no error at ${suffix}: ${JSON.stringify(details)}`;
    expect(at("documents[0].metadata.name")).toMatch(/without dots/);
    expect(at("documents[1].spec.dependencies[0].filter")).toMatch(/unknown field 'filter'/);
    expect(at("documents[1].spec.triggers[0].template.atLeastOnce")).toMatch(/belongs on the trigger/);
    for (const [plural, name] of [
      ["eventsources", "my.source"],
      ["sensors", "strict"],
    ]) {
      const response = await fetch(`${server.url}/api/v1/namespaces/${namespace}/${plural}/${name}`, {
        headers: authed(),
      });
      expect(response.status).toBe(404);
    }
  });

  it("refuses unknown dependencies in conditions and a dlqTrigger without atLeastOnce, each with its path", async () => {
    const namespace = `diff-strict2-${nonce}`;
    const answer = await applyRaw(`apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: strict
  namespace: ${namespace}
spec:
  dependencies:
    - {name: dep, eventSourceName: webhook, eventName: example}
  triggers:
    - template:
        name: t
        conditions: "dep && ghost"
        log: {}
      dlqTrigger:
        template: {name: dlq, log: {}}
        atLeastOnce: true
`);
    expect(answer.status).toBe(400);
    const details = answer.body.error?.details ?? [];
    const at = (suffix: string) =>
      details.find((d) => d.path.endsWith(suffix))?.message ?? `no error at ${suffix}: ${JSON.stringify(details)}`;
    expect(at("spec.triggers[0].template.conditions")).toMatch(/ghost/);
    expect(at("spec.triggers[0].dlqTrigger")).toMatch(/atLeastOnce/);
    const response = await fetch(`${server.url}/api/v1/namespaces/${namespace}/sensors/strict`, { headers: authed() });
    expect(response.status).toBe(404);
  });

  it("accepts Kubernetes-only fields with a warning", async () => {
    const namespace = `diff-k8s-${nonce}`;
    const port = await freePort();
    const body = await applyOk(`${webhookSource(namespace, port)}  service:
    ports:
      - port: 12000
        targetPort: 12000
  replicas: 2
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: k8s-fields
  namespace: ${namespace}
spec:
  template:
    serviceAccountName: operate-workflow-sa
  dependencies:
    - {name: dep, eventSourceName: webhook, eventName: example}
  triggers:
    - template: {name: t, log: {}}
`);
    const paths = (body.warnings ?? []).map((w) => `${w.resource} ${w.path}`);
    expect(paths.some((p) => p.includes("webhook") && p.endsWith("spec.service"))).toBe(true);
    expect(paths.some((p) => p.includes("webhook") && p.endsWith("spec.replicas"))).toBe(true);
    expect(paths.some((p) => p.includes("k8s-fields") && p.endsWith("spec.template"))).toBe(true);
  });
});

describe("a payload parameter whose dependency has no event and no value", () => {
  it("is skipped, so an OR firing still sends the rest (Argo dereferences nil)", async () => {
    const namespace = `diff-skip-${nonce}`;
    const port = await freePort();
    const events: [string, string][] = [
      ["example", "/example"],
      ["other", "/other"],
    ];
    await applyOk(`${webhookSource(namespace, port, { events })}---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: either
  namespace: ${namespace}
spec:
  dependencies:
    - {name: a, eventSourceName: webhook, eventName: example}
    - {name: b, eventSourceName: webhook, eventName: other}
  triggers:
    - template:
        name: either
        conditions: "a || b"
        http:
          url: ${sink.url}/${namespace}/either
          method: POST
          headers: {Content-Type: application/json}
          payload:
            - src: {dependencyName: a, dataKey: body.x}
              dest: x
            - src: {dependencyName: b, dataKey: body.y}
              dest: y
`);
    await waitReady(namespace, "sensors", "either");
    const response = await postJson(port, `{"x":"from a"}`);
    expect(response.status).toBe(200);
    await sink.waitFor((requests) => requests.some((r) => r.path === `/${namespace}/either`));
    const request = sink.requests.find((r) => r.path === `/${namespace}/either`);
    expect(request?.body).toBe(`{"x":"from a"}`);
  });
});

describe("odd but matched: Argo's behaviour, with a warning at apply time", () => {
  it("warns for retryStrategy without atLeastOnce, no policy.status, useRawData false and unanchored regexes, and behaves like Argo", async () => {
    const namespace = `diff-odd-${nonce}`;
    const port = await freePort();
    const body = await applyOk(`${webhookSource(namespace, port)}---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: odd
  namespace: ${namespace}
spec:
  dependencies:
    - name: payment
      eventSourceName: webhook
      eventName: example
      filters:
        data:
          - path: body.currency
            type: string
            value: ["EUR"]
  triggers:
    - template:
        name: notify
        http:
          url: ${failingSink.url}/${namespace}/notify
          method: POST
          headers: {Content-Type: application/json}
          payload:
            - src: {dependencyName: payment, dataKey: body.amount}
              dest: amount
      retryStrategy: {steps: 3, duration: 100ms}
`);
    const warnings = (body.warnings ?? []).filter((w) => w.resource.includes("odd")).map((w) => w.path);
    expect(warnings).toEqual(
      expect.arrayContaining([
        "spec.triggers[0].retryStrategy",
        "spec.triggers[0].template.http",
        "spec.triggers[0].template.http.payload[0].src.useRawData",
        "spec.dependencies[0].filters.data[0].value",
      ]),
    );
    await waitReady(namespace, "sensors", "odd");
    // "EUR" is unanchored: "xEURx" passes. 12.5 is sent as the string "12.5". The 500 is a success without
    // policy.status, and retryStrategy does nothing without atLeastOnce: exactly one request.
    const response = await postJson(port, `{"amount":12.5,"currency":"xEURx"}`);
    expect(response.status).toBe(200);
    const ours = () => failingSink.requests.filter((r) => r.path === `/${namespace}/notify`);
    await failingSink.waitFor(() => ours().length >= 1);
    await sleep(1500);
    expect(ours().map((r) => r.body)).toEqual([`{"amount":"12.5"}`]);
    expect(await finalRuns(namespace)).toEqual([expect.objectContaining({ trigger: "notify", status: "succeeded" })]);
  });
});

describe("a trigger failing under atLeastOnce after its retries", () => {
  it("is recorded as failed and its message acked: no redelivery (Argo redelivers without end)", async () => {
    const namespace = `diff-alo-${nonce}`;
    const port = await freePort();
    await applyOk(`${webhookSource(namespace, port)}---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata:
  name: alo
  namespace: ${namespace}
spec:
  dependencies:
    - {name: dep, eventSourceName: webhook, eventName: example}
  triggers:
    - template:
        name: strict
        http:
          url: ${failingSink.url}/${namespace}/strict
          method: POST
          headers: {Content-Type: application/json}
          payload:
            - src: {dependencyName: dep, dataKey: body.n, useRawData: true}
              dest: n
      atLeastOnce: true
      retryStrategy: {steps: 2, duration: 100ms}
      policy:
        status:
          allow: [200]
`);
    await waitReady(namespace, "sensors", "alo");
    expect((await postJson(port, `{"n":1}`)).status).toBe(200);
    const ours = () => failingSink.requests.filter((r) => r.path === `/${namespace}/strict`);
    await failingSink.waitFor(() => ours().length >= 2);
    await sleep(3000);
    expect(ours().map((r) => r.body)).toEqual([`{"n":1}`, `{"n":1}`]);
    expect(await finalRuns(namespace)).toEqual([expect.objectContaining({ trigger: "strict", status: "failed" })]);
  });
});
