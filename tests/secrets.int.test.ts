/**
 * A planted secret appears nowhere it should not: API responses, logs, explain records, runs, exports and the
 * database and bus files — in plain text, base64 or URL-encoded. It does reach the sink it is meant for.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import { apply, freePort, startServer, type ServerProcess } from "./helpers/server.ts";
import { startSink, type Sink } from "./helpers/sink.ts";

let server: ServerProcess | undefined;
let sink: Sink | undefined;
afterAll(async () => {
  await server?.stop();
  await sink?.close();
});

function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString("base64"), Buffer.from(secret).toString("base64url"), encodeURIComponent(secret), Buffer.from(`user:${secret}`).toString("base64")];
}

it("never shows a planted secret outside the request it is meant for", async () => {
  const planted = `pl4nted-${randomBytes(12).toString("hex")}`;
  sink = await startSink();
  server = await startServer({ env: { SIGNALBOX_LOG_LEVEL: "debug" } });
  const port = await freePort();
  await apply(
    server,
    `apiVersion: v1
kind: Secret
metadata: {name: creds}
stringData:
  token: "${planted}"
  password: "${planted}"
---
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: guarded}
spec:
  webhook:
    in:
      port: "${port}"
      endpoint: /in
      method: POST
      authSecret: {name: creds, key: token}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: guarded}
spec:
  dependencies: [{name: d, eventSourceName: guarded, eventName: in}]
  triggers:
    - template:
        name: out
        http:
          url: ${sink.url}/out
          secureHeaders:
            - name: X-Api-Key
              valueFrom: {secretKeyRef: {name: creds, key: token}}
          basicAuth:
            username: {name: creds, key: token}
            password: {name: creds, key: password}
          payload:
            - src: {dependencyName: d, dataKey: body}
              dest: body
`,
  );
  const denied = await fetch(`http://127.0.0.1:${port}/in`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  expect(denied.status).toBe(401);
  const accepted = await fetch(`http://127.0.0.1:${port}/in`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${planted}` },
    body: JSON.stringify({ hello: "world" }),
  });
  expect(accepted.status).toBe(200);
  await sink.waitFor((requests) => requests.length === 1);
  expect(sink.requests[0]?.headers["x-api-key"]).toBe(planted);

  const headers = { authorization: `Bearer ${server.token}` };
  const get = async (path: string) => (await fetch(`${server!.url}${path}`, { headers })).text();
  let events = "";
  for (let i = 0; i < 50 && !events.includes("world"); i++) {
    events = await get("/api/v1/events");
    if (!events.includes("world")) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const eventId = (JSON.parse(events) as { items: { id: string }[] }).items[0]!.id;
  let detail = "";
  for (let i = 0; i < 50 && !detail.includes("succeeded"); i++) {
    detail = await get(`/api/v1/events/${eventId}`);
    if (!detail.includes("succeeded")) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const responses = [
    events,
    detail,
    await get("/api/v1/runs"),
    await get("/api/v1/namespaces/default/secrets/creds"),
    await get("/api/v1/namespaces/default/secrets/creds?format=yaml"),
    await get("/api/v1/namespaces/default/sensors/guarded?format=yaml"),
    await get("/api/v1/namespaces/default/eventsources/guarded"),
  ];
  await server.stop();
  const files = readdirSync(server.dataDir)
    .filter((name) => /\.db/.test(name))
    .map((name) => readFileSync(join(server!.dataDir, name)).toString("latin1"));
  const places: [string, string][] = [
    ...responses.map((text, i) => [`API response ${i}`, text] as [string, string]),
    ["server logs", server.output()],
    ...files.map((text, i) => [`database file ${i}`, text] as [string, string]),
  ];
  expect(detail).toContain("*****");
  for (const [where, text] of places) {
    for (const form of encodings(planted)) expect(text.includes(form), `${where} contains the secret (${form.slice(0, 12)}…)`).toBe(false);
  }
}, 120_000);
