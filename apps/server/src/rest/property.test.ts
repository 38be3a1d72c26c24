/**
 * Property tests of every REST route: ≥ 200 generated requests each — odd path parameters, query strings built
 * from the route's own parameter names plus junk, JSON bodies shaped like the route's schema plus junk — and not
 * one answer may be a 5xx. The seed is printed (set FC_SEED to replay a run).
 */
import fc from "fast-check";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, it } from "vitest";
import { buildHttpServer } from "../http.ts";
import { startTestApp, type TestApp } from "../testing/testApp.ts";
import { restRoutes } from "./routes.ts";

const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = Number(process.env.FC_RUNS ?? 200);
process.stdout.write(`[property] fast-check seed ${seed} (FC_SEED=${seed} replays it), ${numRuns} runs per route\n`);

let test: TestApp;
let server: FastifyInstance;
beforeAll(async () => {
  test = await startTestApp();
  server = await buildHttpServer(test.app);
  await server.ready();
  // A little real data, so lookups sometimes find something.
  await server.inject({
    method: "POST",
    url: "/api/v1/manifests",
    headers: { authorization: `Bearer ${test.app.adminToken}`, "content-type": "application/yaml" },
    payload: `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop}
spec:
  webhook:
    order: {port: "0", endpoint: /prop-order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify}
spec:
  dependencies: [{name: order, eventSourceName: shop, eventName: order}]
  triggers: [{template: {name: log-it, log: {}}}]
`,
  });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await test?.close();
});

const interesting = fc.constantFrom(
  "default", "sensors", "eventsources", "shop", "notify", "log-it", "order", "x", "", " ", "0", "-1", "501", "1e9", "true", "null",
  "2026-01-01T00:00:00Z", "2026-13-45T99:99:99Z", "body.customer=ann", "body..x=1", "a=b=c", "fired", "pending", "%00", "../..", "🙂", "a".repeat(300),
);
const text = fc.oneof(interesting, fc.string({ maxLength: 40 }), fc.stringMatching(/^[a-z0-9-]{1,20}$/));
const jsonish = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }));

function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

describe("REST properties: no 5xx for any generated request", () => {
  for (const route of restRoutes) {
    it(`${route.method} ${route.path}`, async () => {
      const pathNames = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1] ?? "");
      const queryKeys = [...keysOf(route.query), "limit", "cursor", "junk"];
      const bodyKeys = route.body && route.body !== "manifests" ? [...keysOf(route.body), "junk"] : [];
      const request = fc.record({
        params: fc.tuple(...pathNames.map(() => text)),
        query: fc.dictionary(fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 8 })), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 5 }),
        body: route.body === "manifests"
          ? fc.oneof(text, fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)), fc.constant("apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: s}\nspec: {}\n"))
          : fc.oneof(fc.dictionary(fc.oneof(fc.constantFrom(...(bodyKeys.length > 0 ? bodyKeys : ["x"])), fc.string({ maxLength: 8 })), jsonish, { maxKeys: 6 }).map((v) => JSON.stringify(v)), jsonish.map((v) => JSON.stringify(v)), text),
      });
      await fc.assert(
        fc.asyncProperty(request, async ({ params, query, body }) => {
          let url = route.path;
          pathNames.forEach((name, index) => (url = url.replace(`:${name}`, encodeURIComponent(params[index] ?? "x") || "x")));
          const search = new URLSearchParams();
          for (const [key, value] of Object.entries(query)) for (const one of Array.isArray(value) ? value : [value]) search.append(key, one);
          const response = await server.inject({
            method: route.method,
            url: `${url}${search.size > 0 ? `?${search}` : ""}`,
            headers: {
              authorization: `Bearer ${test.app.adminToken}`,
              ...(route.method === "POST" ? { "content-type": route.body === "manifests" ? "application/yaml" : "application/json" } : {}),
            },
            ...(route.method === "POST" ? { payload: body } : {}),
          });
          if (response.statusCode >= 500) throw new Error(`${route.method} ${url}?${search} → ${response.statusCode}: ${response.body.slice(0, 300)} (body ${body.slice(0, 200)})`);
        }),
        { seed, numRuns, endOnFailure: true },
      );
    }, 120_000);
  }
});
