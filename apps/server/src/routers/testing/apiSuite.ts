/**
 * One API suite — procedures through `createCaller(createContextInner({…}))` and REST over HTTP — run on SQLite
 * (unit) and on real PostgreSQL (integration) with the same cases and the same expected answers, so both databases
 * answer alike (search included: SQLite's json_extract and PostgreSQL's jsonb).
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { encodeCloudEvent, formatRfc3339Nano, newEventId, type ObservedEvent } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../auth.ts";
import type { AppContext } from "../../engine.ts";
import { loadKeyRing } from "../../storage/crypto.ts";
import { markInterruptedOutcomes } from "../../storage/outcomes.ts";
import { listen, startTestApp, type TestApp } from "../../testing/testApp.ts";
import { createContextInner } from "../../trpc.ts";
import { createCaller } from "../_app.ts";

/** Where the suite's database comes from. */
export interface ApiHarness {
  /** A database URL for a fresh database, or undefined for SQLite in the data dir. */
  databaseUrl(): Promise<string | undefined>;
}

const admin: Principal = { tokenId: "t-admin", name: "suite-admin", role: "admin" };

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function observed(namespace: string, input: { id?: string; source: string; subject: string; type?: string; data: string; contentType?: string; at: number; headers?: Record<string, string> }): ObservedEvent {
  const body = encodeCloudEvent(
    { id: input.id ?? newEventId(), source: input.source, type: input.type ?? "webhook", subject: input.subject, time: formatRfc3339Nano(input.at), datacontenttype: input.contentType ?? "application/json" },
    new TextEncoder().encode(input.data),
  );
  return { namespace, body, headers: input.headers ?? {}, sequence: 0, storedAt: input.at };
}

/** GET with a chosen Host header (fetch does not let one set it). */
function statusWithHost(url: string, host: string, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(url, { headers: { host, authorization } }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on("error", reject);
    request.end();
  });
}

const post = (body: unknown, headers: string[] = []) => ({
  method: "POST",
  query: "",
  rawHeaders: ["Content-Type", "application/json", ...headers],
  body: new TextEncoder().encode(JSON.stringify(body)),
});

/** Register the suite. */
export function describeApi(name: string, harness: ApiHarness): void {
  describe(`API on ${name}`, () => {
    let test: TestApp;
    let app: AppContext;
    const caller = (principal: Principal = admin) => createCaller(createContextInner({ app, principal }));

    beforeAll(async () => {
      test = await startTestApp({ databaseUrl: await harness.databaseUrl(), config: { retentionMaxAge: "7d", retentionMaxBytes: "0" } });
      app = test.app;
    });
    afterAll(async () => {
      await test?.close();
    });

    describe("definitions", () => {
      const flow = (threshold: string, extra = "") => `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop, namespace: defs}
spec:
  webhook:
    order: {port: "0", endpoint: /defs-order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify, namespace: defs${extra}}
spec:
  dependencies:
    - name: order
      eventSourceName: shop
      eventName: order
      filters: {data: [{path: body.amount, type: number, comparator: ">", value: ["${threshold}"]}]}
  triggers:
    - template: {name: log-it, log: {}}
---
apiVersion: v1
kind: Secret
metadata: {name: creds, namespace: defs}
stringData: {token: planted-${threshold}}
`;

      it("applies, validates without applying, exports with secrets redacted, and keeps revisions with diffs and rollback", async () => {
        const api = caller();
        const first = await api.manifests.applyDocuments({ manifests: flow("10") });
        expect(first.applied.map((a) => a.action)).toEqual(["created", "created", "created"]);

        const dry = await api.manifests.validate({ manifests: flow("20") });
        expect(dry.valid).toBe(true);
        expect(dry.applied.map((a) => `${a.kind}:${a.action}`)).toEqual(["EventSource:unchanged", "Sensor:updated", "Secret:updated"]);
        expect((await api.sensors.byName({ namespace: "defs", name: "notify" })).resourceVersion).toBe(1);
        const invalid = await api.manifests.validate({ manifests: "apiVersion: argoproj.io/v1alpha1\nkind: Sensor\nmetadata: {name: x}\nspec: {}\n" });
        expect(invalid.valid).toBe(false);
        expect(invalid.errors.length).toBeGreaterThan(0);
        const stale = await api.manifests.validate({ manifests: flow("20", ', resourceVersion: "7"') });
        expect(stale.errors[0]?.code).toBe("CONFLICT");

        await api.manifests.applyDocuments({ manifests: flow("20") });
        const exported = await api.manifests.export({ namespace: "defs" });
        expect(exported.count).toBe(3);
        expect(exported.yaml).toContain("<redacted>");
        expect(exported.yaml).not.toContain("planted-");
        expect(exported.yaml).not.toContain("resourceVersion");
        // Re-applying the export changes nothing, and keeps the stored secret value.
        expect((await api.manifests.applyDocuments({ manifests: exported.yaml })).applied.map((a) => a.action)).toEqual(["unchanged", "unchanged", "unchanged"]);
        expect(await app.definitions.secretValue("Secret", "defs", "creds", "token")).toBe("planted-20");

        const revisions = await api.manifests.revisions({ kind: "Sensor", namespace: "defs", name: "notify" });
        expect(revisions.map((r) => [r.resourceVersion, r.action])).toEqual([
          [2, "updated"],
          [1, "created"],
        ]);
        const diff = await api.manifests.diff({ kind: "Sensor", namespace: "defs", name: "notify", from: 1 });
        expect(diff.diff).toContain('-              - "10"');
        expect(diff.diff).toContain('+              - "20"');
        const rolled = await api.manifests.rollback({ kind: "Sensor", namespace: "defs", name: "notify", resourceVersion: 1 });
        expect(rolled.applied[0]?.action).toBe("updated");
        const now = await api.sensors.byName({ namespace: "defs", name: "notify" });
        expect(now.resourceVersion).toBe(3);
        expect(JSON.stringify(now.manifest)).toContain('"10"');

        await api.manifests.delete({ kind: "Sensor", namespace: "defs", name: "notify" });
        await expect(api.sensors.byName({ namespace: "defs", name: "notify" })).rejects.toMatchObject({ code: "NOT_FOUND" });
        expect((await api.manifests.revisions({ kind: "Sensor", namespace: "defs", name: "notify" }))[0]?.action).toBe("deleted");
        await api.manifests.rollback({ kind: "Sensor", namespace: "defs", name: "notify", resourceVersion: 2 });
        expect((await api.sensors.byName({ namespace: "defs", name: "notify" })).manifest).toMatchObject({ spec: { dependencies: [{ filters: { data: [{ value: ["20"] }] } }] } });

        const audit = await api.audit.list({ limit: 50 });
        const actions = audit.items.map((entry) => entry.action);
        expect(actions).toEqual(expect.arrayContaining(["apply", "delete", "rollback to 1", "rollback to 2"]));
        expect(audit.items.every((entry) => entry.actor === "suite-admin")).toBe(true);
      });
    });

    describe("search", () => {
      const ns = `search-${randomBytes(2).toString("hex")}`;
      const t0 = Date.parse("2026-03-01T10:00:00Z");
      const hour = 3_600_000;
      const ids: Record<string, string> = {};

      beforeAll(async () => {
        const events = [
          { key: "e1", source: "shop", subject: "order", data: { body: { customer: "ann", amount: 20, vip: true, tags: ["a", "b"], note: null } } },
          { key: "e2", source: "shop", subject: "order", data: { body: { customer: "bob", amount: 20.5, vip: false } } },
          { key: "e3", source: "shop", subject: "refund", data: { body: { customer: "ann", amount: "20" } } },
          { key: "e4", source: "cal", subject: "tick", type: "calendar", data: "plain text, not JSON", contentType: "text/plain" },
          { key: "e5", source: "shop", subject: "order", data: { body: { customer: { name: "ann" } } } },
          { key: "e6", source: "shop", subject: "order", data: { body: { items: [{ sku: "x1" }], customer: "ann " } } },
        ];
        const batch = events.map((event, index) => {
          const id = newEventId();
          ids[event.key] = id;
          return observed(ns, {
            id,
            source: event.source,
            subject: event.subject,
            ...(event.type ? { type: event.type } : {}),
            ...(event.contentType ? { contentType: event.contentType } : {}),
            data: typeof event.data === "string" ? event.data : JSON.stringify(event.data),
            at: t0 + index * hour,
          });
        });
        await app.events.record(batch);
        const explain = (eventId: string, sensor: string, trigger: string, outcome: "fired" | "filtered" | "held" | "error", runId?: string) =>
          app.writer.explain({ version: 1, eventId, namespace: ns, sensor, trigger, dependency: "d", at: t0, outcome, filters: [], filtersOperator: "and", ...(runId ? { runId } : {}) });
        const run = async (runId: string, eventId: string, trigger: string, status: "succeeded" | "failed") => {
          const start = { runId, namespace: ns, sensor: "s1", trigger, events: { d: eventId }, startedAt: t0, atLeastOnce: false };
          await app.writer.runStarted(start);
          app.writer.runFinished({ ...start, finishedAt: t0 + 1, outcome: { status, attempts: [] } });
        };
        explain(ids.e1!, "s1", "t1", "fired", `run-1-${ns}`);
        await run(`run-1-${ns}`, ids.e1!, "t1", "succeeded");
        explain(ids.e2!, "s1", "t1", "filtered");
        explain(ids.e3!, "s1", "t2", "fired", `run-3-${ns}`);
        await run(`run-3-${ns}`, ids.e3!, "t2", "failed");
        explain(ids.e5!, "s2", "t1", "held");
        explain(ids.e6!, "s1", "t1", "fired", `run-6-${ns}`);
        await app.writer.runStarted({ runId: `run-6-${ns}`, namespace: ns, sensor: "s1", trigger: "t1", events: { d: ids.e6! }, startedAt: t0, atLeastOnce: false });
        await app.writer.flush();
        await app.db.run.update({ where: { runId: `run-6-${ns}` }, data: { status: "interrupted" } });
        await markInterruptedOutcomes(app.db);
      });

      const cases: [string, Record<string, unknown>, string[]][] = [
        ["a string field", { match: "body.customer=ann" }, ["e3", "e1"]],
        ["a number, and a string spelling it", { match: "body.amount=20" }, ["e3", "e1"]],
        ["a number written differently", { match: "body.amount=20.50" }, ["e2"]],
        ["true", { match: "body.vip=true" }, ["e1"]],
        ["false", { match: "body.vip=false" }, ["e2"]],
        ["null", { match: "body.note=null" }, ["e1"]],
        ["an array element", { match: "body.tags.1=b" }, ["e1"]],
        ["past the end of an array", { match: "body.tags.2=c" }, []],
        ["inside an array of objects", { match: "body.items.0.sku=x1" }, ["e6"]],
        ["a nested object", { match: "body.customer.name=ann" }, ["e5"]],
        ["an object never equals a value", { match: "body=ann" }, []],
        ["two matches, both must hold", { match: ["body.customer=ann", "body.amount=20"] }, ["e3", "e1"]],
        ["source and subject", { source: "shop", subject: "refund" }, ["e3"]],
        ["type (a non-JSON payload is still listed)", { type: "calendar" }, ["e4"]],
        ["a time range [from, to)", { from: "2026-03-01T11:00:00Z", to: "2026-03-01T13:00:00Z" }, ["e3", "e2"]],
        ["fired", { outcome: "fired" }, ["e1"]],
        ["filtered", { outcome: "filtered" }, ["e2"]],
        ["failed", { outcome: "failed" }, ["e3"]],
        ["pending (held in a join)", { outcome: "pending" }, ["e5"]],
        ["interrupted", { outcome: "interrupted" }, ["e6"]],
        ["a sensor", { sensor: "s1" }, ["e6", "e3", "e2", "e1"]],
        ["a sensor's trigger", { sensor: "s1", trigger: "t2" }, ["e3"]],
        ["a sensor and an outcome", { sensor: "s2", outcome: "pending" }, ["e5"]],
        ["everything", {}, ["e6", "e5", "e4", "e3", "e2", "e1"]],
      ];

      for (const [label, filter, expected] of cases) {
        it(`finds events by ${label}`, async () => {
          const result = await caller().events.list({ namespace: ns, limit: 50, ...filter });
          expect(result.items.map((item) => Object.keys(ids).find((key) => ids[key] === item.id))).toEqual(expected);
          expect((await caller().events.count({ namespace: ns, ...filter })).count).toBe(expected.length);
        });
      }

      it("rejects a malformed match, time or cursor with BAD_REQUEST", async () => {
        await expect(caller().events.list({ namespace: ns, limit: 5, match: "no-equals-sign" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
        await expect(caller().events.list({ namespace: ns, limit: 5, from: "2026-03-01T10:00:00+02:00" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
        await expect(caller().events.list({ namespace: ns, limit: 5, cursor: "bogus" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
        await expect(caller().events.list({ namespace: ns, limit: 501 })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      });

      it("pages search results with no duplicates and no gaps while 100 events are inserted between page fetches", async () => {
        const pageNs = `page-${randomBytes(2).toString("hex")}`;
        const make = (count: number, tag: string) =>
          Array.from({ length: count }, (_, i) => observed(pageNs, { source: "shop", subject: "order", data: JSON.stringify({ body: { customer: "ann", tag, i } }), at: Date.now() }));
        const original = make(120, "original");
        await app.events.record(original);
        const expected = original.map((event) => JSON.parse(new TextDecoder().decode(event.body)) as { id: string }).map((event) => event.id).reverse();
        const seen: string[] = [];
        let cursor: string | undefined;
        do {
          const page = await caller().events.list({ namespace: pageNs, match: "body.customer=ann", limit: 25, ...(cursor ? { cursor } : {}) });
          seen.push(...page.items.map((item) => item.id));
          cursor = page.nextCursor ?? undefined;
          if (seen.length === 25) await app.events.record(make(100, "late"));
        } while (cursor);
        expect(seen).toEqual(expected);
        expect(new Set(seen).size).toBe(seen.length);
      });

      it("retention deletes events older than the maximum age with their explain records and outcomes", async () => {
        const oldNs = `old-${randomBytes(2).toString("hex")}`;
        const old = observed(oldNs, { source: "shop", subject: "order", data: "{}", at: Date.now() - 8 * 86_400_000 });
        const fresh = observed(oldNs, { source: "shop", subject: "order", data: "{}", at: Date.now() });
        await app.events.record([old, fresh]);
        const oldId = (JSON.parse(new TextDecoder().decode(old.body)) as { id: string }).id;
        app.writer.explain({ version: 1, eventId: oldId, namespace: oldNs, sensor: "s", trigger: "t", dependency: "d", at: Date.now(), outcome: "filtered", filters: [], filtersOperator: "and" });
        await app.writer.flush();
        const removed = await caller().system.retention();
        expect(removed.events).toBeGreaterThanOrEqual(1);
        const left = await caller().events.list({ namespace: oldNs, limit: 10 });
        expect(left.items).toHaveLength(1);
        expect(await app.db.explain.count({ where: { eventId: oldId } })).toBe(0);
        expect(await app.db.eventOutcome.count({ where: { eventId: oldId } })).toBe(0);
      });
    });

    describe("replay, inject, pause, test", () => {
      const ns = "flow";
      const manifests = `apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: shop, namespace: ${ns}}
spec:
  webhook:
    order: {port: "0", endpoint: /flow-order, method: POST}
---
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify, namespace: ${ns}}
spec:
  dependencies:
    - {name: order, eventSourceName: shop, eventName: order}
  triggers:
    - template: {name: first, log: {}}
    - template: {name: second, log: {}}
`;
      beforeAll(async () => {
        await caller().manifests.applyDocuments({ manifests });
      });

      // A 503 + Retry-After (the webhook sheds load while a busy test machine runs late) means: send again.
      const send = async (body: unknown) => {
        for (let attempt = 1; ; attempt++) {
          const response = await app.engine.handleWebhook(ns, "shop", "order", post(body));
          if (response?.status !== 503 || attempt === 20) return response?.status;
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      };
      const storedMatching = (match: string, count = 1) =>
        until(async () => {
          const page = await caller().events.list({ namespace: ns, match, limit: 50 });
          return page.items.length >= count ? page.items : undefined;
        });

      it("replays one event to one chosen trigger, linked to the original, and to every sensor through the bus", async () => {
        expect(await send({ customer: "carol", n: 1 })).toBe(200);
        const [original] = await storedMatching("body.customer=carol");
        await until(async () => (await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === original!.id && run.status === "succeeded").length === 2);

        const replay = await caller().events.replay({ id: original!.id, sensor: "notify", trigger: "second" });
        expect(replay.targets).toEqual([{ trigger: "second", dependency: "order" }]);
        const runs = await until(async () => {
          const list = await caller().runs.list({ namespace: ns, replayOf: original!.id });
          return list.length >= 1 && list.every((run) => run.status !== "running") ? list : undefined;
        });
        expect(runs.map((run) => run.trigger)).toEqual(["second"]);
        expect(runs[0]?.events.order).toBe(replay.replayId);
        const detail = await caller().events.byId({ id: original!.id });
        expect(detail.replays.map((r) => r.id)).toContain(replay.replayId);
        const stored = await caller().events.byId({ id: replay.replayId });
        expect(stored.event.replayof).toBe(original!.id);
        expect(stored.event.data).toEqual(original!.data);

        const broadcast = await caller().events.replay({ id: original!.id });
        await until(async () => (await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === broadcast.replayId).length === 2);

        await expect(caller().events.replay({ id: original!.id, sensor: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
        await expect(caller().events.replay({ id: original!.id, sensor: "notify", trigger: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
        await expect(caller().events.replay({ id: "no-such-event" })).rejects.toMatchObject({ code: "NOT_FOUND" });
      });

      it("injects into one sensor's trigger, bypassing the bus", async () => {
        const result = await caller().events.inject({ namespace: ns, source: "shop", subject: "order", type: "webhook", data: { injected: true }, sensor: "notify", trigger: "first" });
        const runs = await until(async () => {
          const list = (await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === result.id);
          return list.length > 0 && list.every((run) => run.status === "succeeded") ? list : undefined;
        });
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === result.id).map((run) => run.trigger)).toEqual(["first"]);
        expect(runs).toHaveLength(1);
        await expect(caller().events.inject({ namespace: ns, source: "other", subject: "order", type: "webhook", data: {}, sensor: "notify" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
      });

      it("bulk-replays a filter to one trigger with an estimate and progress, records the job, and can cancel one", async () => {
        for (const n of [1, 2, 3]) expect(await send({ customer: "dave", n })).toBe(200);
        await storedMatching("body.customer=dave", 3);
        const estimate = await caller().replays.estimate({ filter: { namespace: ns, match: "body.customer=dave" } });
        expect(estimate.count).toBe(3);
        const job = await caller().replays.create({ filter: { namespace: ns, match: "body.customer=dave" }, target: { sensor: "notify", trigger: "first" }, ratePerSecond: 200 });
        expect(job.total).toBe(3);
        const done = await until(async () => {
          const current = await caller().replays.byId({ id: job.id });
          return current.status === "succeeded" ? current : undefined;
        });
        expect([done.processed, done.replayed, done.failed]).toEqual([3, 3, 0]);
        const replays = await caller().events.list({ namespace: ns, match: "body.customer=dave", limit: 50 });
        expect(replays.items.filter((item) => item.replayof)).toHaveLength(3);
        expect((await caller().replays.list({ limit: 10 })).map((j) => j.id)).toContain(job.id);

        const slow = await caller().replays.create({ filter: { namespace: ns }, ratePerSecond: 1 });
        const cancelled = await caller().replays.cancel({ id: slow.id });
        expect(cancelled.status).toBe("cancelled");
      });

      it("pauses a source (503 + Retry-After) and a sensor (nothing consumed, nothing lost), then resumes them", async () => {
        const paused = await caller().sources.pause({ namespace: ns, name: "shop" });
        expect(paused.paused).toBe(true);
        const refused = await app.engine.handleWebhook(ns, "shop", "order", post({ customer: "erin" }));
        expect(refused?.status).toBe(503);
        expect(refused?.headers?.["Retry-After"]).toBe("30");
        await caller().sources.resume({ namespace: ns, name: "shop" });

        await caller().sensors.pause({ namespace: ns, name: "notify" });
        expect((await caller().sensors.byName({ namespace: ns, name: "notify" })).paused).toBe(true);
        expect(await send({ customer: "erin" })).toBe(200);
        const [event] = await storedMatching("body.customer=erin");
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect((await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === event!.id)).toHaveLength(0);
        await caller().sensors.resume({ namespace: ns, name: "notify" });
        await until(async () => (await caller().runs.list({ namespace: ns })).filter((run) => run.events.order === event!.id).length === 2);
      });

      it("tests a changed sensor against stored events: explain records and requests, nothing sent, live state untouched", async () => {
        const draft = manifests.split("---")[1]!.replace("- template: {name: second, log: {}}", `- template:
        name: second
        http:
          url: http://127.0.0.1:9/never
          payload: [{src: {dependencyName: order, dataKey: body.customer}, dest: who}]`);
        const before = (await caller().runs.list({ namespace: ns, limit: 500 })).length;
        const result = await caller().sensors.test({ namespace: ns, manifest: draft, trigger: "second", events: { match: "body.customer=carol", limit: 10 } });
        expect(result.events).toBeGreaterThanOrEqual(1);
        expect(result.firings.length).toBe(result.events);
        const bodies = result.firings.map((firing) => (firing.request as { body?: string }).body);
        expect(bodies).toContain('{"who":"carol"}');
        const sample = await caller().sensors.test({ namespace: ns, name: "notify", event: { source: "shop", subject: "order", type: "webhook", data: { x: 1 } } });
        expect(sample.explains.map((e) => e.outcome)).toEqual(["fired", "fired"]);
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await caller().runs.list({ namespace: ns, limit: 500 })).length).toBe(before);
      });
    });

    describe("live stream", () => {
      it("streams events to a subscriber, and a subscriber that reads nothing gets a dropped marker and its bounded buffer", async () => {
        const ns = `live-${randomBytes(2).toString("hex")}`;
        const iterable = await caller().events.live({ namespace: ns, buffer: 10 });
        const iterator = iterable[Symbol.asyncIterator]();
        expect((await iterator.next()).value).toEqual({ type: "hello" });
        await app.events.record([]);
        const batch = Array.from({ length: 50 }, (_, i) => observed(ns, { source: "shop", subject: "order", data: JSON.stringify({ i }), at: Date.now() }));
        app.live.publishEvents(await app.events.record(batch));
        expect((await iterator.next()).value).toEqual({ type: "dropped", count: 40 });
        const rest: unknown[] = [];
        for (let i = 0; i < 10; i++) rest.push((await iterator.next()).value);
        expect(rest.map((item) => ((item as { event: { data: { i: number } } }).event.data.i))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        await iterator.return?.();
      });
    });

    describe("tokens and keys", () => {
      it("creates tokens with a role and an expiry, records last use, revokes them, and never revokes the last admin", async () => {
        const viewer = await caller().tokens.create({ name: "ci-viewer", role: "viewer" });
        expect(viewer.token).toMatch(/^sbx_/);
        expect((await app.tokens.verify(viewer.token))?.role).toBe("viewer");
        await until(async () => (await caller().tokens.list()).find((t) => t.id === viewer.id)?.lastUsedAt ?? undefined);
        expect(JSON.stringify(await caller().tokens.list())).not.toContain(viewer.token);
        await caller().tokens.revoke({ id: viewer.id });
        expect(await app.tokens.verify(viewer.token)).toBeUndefined();

        const shortLived = await caller().tokens.create({ name: "short", role: "editor", expiresIn: "1s" });
        await new Promise((resolve) => setTimeout(resolve, 1_100));
        app.tokens.forget();
        expect(await app.tokens.verify(shortLived.token)).toBeUndefined();

        const admins = (await caller().tokens.list()).filter((t) => t.role === "admin" && !t.revokedAt);
        expect(admins).toHaveLength(1);
        await expect(caller().tokens.revoke({ id: admins[0]!.id })).rejects.toMatchObject({ code: "CONFLICT" });
      });

      it("rotates the sealing key: every value re-sealed, still readable, the old key kept for recovery", async () => {
        await caller().manifests.applyDocuments({ manifests: "apiVersion: v1\nkind: Secret\nmetadata: {name: rot, namespace: keys}\nstringData: {a: one, b: two}\n" });
        const before = app.sealingKey().id;
        const keyFile = join(test.dataDir, "secret.key");
        const fileBefore = readFileSync(keyFile, "utf8");
        const result = await caller().secrets.rotateKey();
        expect(result.previousKeyId).toBe(before);
        expect(result.keyId).not.toBe(before);
        expect(result.values).toBeGreaterThanOrEqual(2);
        expect(await app.definitions.secretValue("Secret", "keys", "rot", "b")).toBe("two");
        expect((await caller().secrets.list({ namespace: "keys" }))[0]?.keyIds).toEqual([result.keyId]);
        expect(readFileSync(keyFile, "utf8")).not.toBe(fileBefore);
        expect(existsSync(`${keyFile}.next`)).toBe(false);
        const ring = loadKeyRing({ defaultFile: keyFile });
        expect(ring.current.id).toBe(result.keyId);
        expect(ring.all.map((key) => key.id)).toContain(before);
      });
    });

    describe("REST over HTTP", () => {
      let url: string;
      let close: () => Promise<void>;
      const auth = { authorization: `Bearer ${"?"}` };
      beforeAll(async () => {
        const listening = await listen(app);
        url = listening.url;
        close = () => listening.server.close();
        auth.authorization = `Bearer ${app.adminToken}`;
      });
      afterAll(async () => {
        await close?.();
      });

      it("serves the same search as the procedures, YAML export, and the OpenAPI document", async () => {
        const response = await fetch(`${url}/api/v1/events?namespace=flow&match=body.customer=carol&limit=5`, { headers: auth });
        expect(response.status).toBe(200);
        const body = (await response.json()) as { items: { id: string }[] };
        const direct = await caller().events.list({ namespace: "flow", match: "body.customer=carol", limit: 5 });
        expect(body.items.map((item) => item.id)).toEqual(direct.items.map((item) => item.id));
        const yaml = await fetch(`${url}/api/v1/export?namespace=flow&format=yaml`, { headers: auth });
        expect(yaml.headers.get("content-type")).toContain("yaml");
        expect(await yaml.text()).toContain("kind: Sensor");
        const openapi = (await (await fetch(`${url}/api/v1/openapi.json`)).json()) as { paths: Record<string, unknown> };
        expect(Object.keys(openapi.paths)).toEqual(expect.arrayContaining(["/api/v1/events", "/api/v1/replays", "/api/v1/sensors/test", "/api/v1/tokens/{id}"]));
      });

      it("answers 401 without a token, 413 over 4 MiB, 400 for a limit over 500, and 403 for a foreign Host or Origin", async () => {
        expect((await fetch(`${url}/api/v1/events`)).status).toBe(401);
        const big = await fetch(`${url}/api/v1/manifests`, { method: "POST", headers: { ...auth, "content-type": "application/yaml" }, body: "x".repeat(4 * 1024 * 1024 + 10) });
        expect(big.status).toBe(413);
        expect(((await big.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
        const limit = await fetch(`${url}/api/v1/events?limit=501`, { headers: auth });
        expect(limit.status).toBe(400);
        expect((await fetch(`${url}/api/v1/events?limit=500`, { headers: auth })).status).toBe(200);
        expect(await statusWithHost(`${url}/api/v1/whoami`, "attacker.example", auth.authorization)).toBe(403);
        expect(await statusWithHost(`${url}/api/v1/whoami`, "localhost:1234", auth.authorization)).toBe(200);
        const csrf = await fetch(`${url}/api/v1/namespaces/flow/sensors/notify/pause`, { method: "POST", headers: { ...auth, origin: "http://attacker.example", "sec-fetch-site": "cross-site" } });
        expect(csrf.status).toBe(403);
        const proxied = await fetch(`${url}/api/v1/whoami`, { headers: { ...auth, origin: "http://attacker.example" } });
        expect(proxied.status).toBe(200);
      });

      it("replays to one trigger over REST", async () => {
        const [event] = (await caller().events.list({ namespace: "flow", match: "body.customer=carol", limit: 1 })).items;
        const response = await fetch(`${url}/api/v1/events/${event!.id}/replay`, { method: "POST", headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify({ sensor: "notify", trigger: "first" }) });
        expect(response.status).toBe(202);
        expect(((await response.json()) as { targets: unknown[] }).targets).toEqual([{ trigger: "first", dependency: "order" }]);
      });
    });

    it("maps an unknown procedure input to BAD_REQUEST, never a 500", async () => {
      await expect(caller().events.list({ namespace: "Not A Name", limit: 1 } as never)).rejects.toBeInstanceOf(TRPCError);
    });
  });
}
