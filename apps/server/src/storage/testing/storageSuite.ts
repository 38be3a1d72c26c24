/**
 * One storage suite, run on SQLite (unit) and on real PostgreSQL (integration). Each case gets a fresh database
 * from the harness.
 */
import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { encodeCloudEvent, formatRfc3339Nano, parseManifests, silentLogger, type ObservedEvent, type RunFinish } from "@signalbox/engine";
import type { DatabaseProvider, Db } from "../../db/client.ts";
import { keyFromMaterial } from "../crypto.ts";
import { PrismaDefinitionStore, REDACTED } from "../definitions.ts";
import { EventStore } from "../events.ts";
import { RecordWriter } from "../writer.ts";

/** Gives each test a migrated, empty database. */
export interface StorageHarness {
  open(): Promise<{ db: Db; url: string; close(): Promise<void>; provider?: DatabaseProvider }>;
  /** Raw text of everything stored (to prove secrets are not there in plain text). */
  dump(url: string): Promise<string>;
}

const key = keyFromMaterial(randomBytes(32).toString("hex"));

function observed(namespace: string, id: string, data: unknown, sequence: number): ObservedEvent {
  const body = encodeCloudEvent(
    { id, source: "webhook", type: "webhook", subject: "example", time: formatRfc3339Nano(Date.now()) },
    new TextEncoder().encode(JSON.stringify(data)),
  );
  return { namespace, body, headers: { traceparent: "00-aa-bb-01" }, sequence, storedAt: Date.now() };
}

/** Register the suite. */
export function describeStorage(name: string, harness: StorageHarness): void {
  describe(`storage on ${name}`, () => {
    const closers: (() => Promise<void>)[] = [];
    afterEach(async () => {
      for (const close of closers.splice(0)) await close();
    });
    const open = async () => {
      const opened = await harness.open();
      closers.push(opened.close);
      return opened;
    };

    it("applies resources as created, then unchanged, then updated, and rejects a stale resourceVersion", async () => {
      const { db } = await open();
      const store = new PrismaDefinitionStore(db, { current: key, all: [key] });
      const doc = (endpoint: string, extra = "") =>
        parseManifests(`apiVersion: argoproj.io/v1alpha1\nkind: EventSource\nmetadata:\n  name: hooks${extra}\nspec:\n  webhook:\n    a:\n      port: "12001"\n      endpoint: ${endpoint}\n      method: POST\n`).resources;
      expect((await store.apply(doc("/a"), "test"))[0]?.action).toBe("created");
      expect((await store.apply(doc("/a"), "test"))[0]?.action).toBe("unchanged");
      expect((await store.apply(doc("/b"), "test"))[0]?.action).toBe("updated");
      const stored = await store.get("EventSource", "default", "hooks");
      expect(stored?.resourceVersion).toBe(2);
      expect(stored?.manifest.metadata.resourceVersion).toBe("2");
      await expect(store.apply(doc("/c", "\n  resourceVersion: \"1\""), "test")).rejects.toThrow(/resourceVersion/);
      expect(await store.delete("EventSource", "default", "hooks", "test")).toBe(true);
      expect(await store.get("EventSource", "default", "hooks")).toBeUndefined();
    });

    it("seals secret values, serves them redacted, and keeps them when a redacted copy is re-applied", async () => {
      const { db, url } = await open();
      const store = new PrismaDefinitionStore(db, { current: key, all: [key] });
      const planted = `planted-${randomBytes(8).toString("hex")}`;
      const secret = (value: string) => parseManifests(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nstringData:\n  token: "${value}"\n`).resources;
      await store.apply(secret(planted), "test");
      expect(await store.secretValue("Secret", "default", "creds", "token")).toBe(planted);
      const served = await store.get("Secret", "default", "creds");
      expect(JSON.stringify(served)).not.toContain(planted);
      expect((await store.apply(secret(REDACTED), "test"))[0]?.action).toBe("unchanged");
      expect(await store.secretValue("Secret", "default", "creds", "token")).toBe(planted);
      const dump = await harness.dump(url);
      expect(dump).not.toContain(planted);
      expect(dump).not.toContain(Buffer.from(planted).toString("base64"));
    });

    it("stores each observed event once and pages newest first without duplicates or gaps", async () => {
      const { db, provider } = await open();
      const events = new EventStore(db, { provider: provider ?? "sqlite" });
      const ids = Array.from({ length: 25 }, () => randomBytes(16).toString("hex"));
      await events.record(ids.map((id, i) => observed("default", id, { i }, i + 1)));
      await events.record([observed("default", ids[0]!, { i: 0 }, 1)]);
      const seen: string[] = [];
      let cursor: string | undefined;
      let first = true;
      do {
        const page = await events.list({ namespace: "default", limit: 10, ...(cursor ? { cursor } : {}) });
        if (first) {
          // Events arriving between page fetches must not shift later pages.
          await events.record([observed("default", randomBytes(16).toString("hex"), { late: true }, 99)]);
          first = false;
        }
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen).toEqual([...ids].reverse());
      const one = await events.get(ids[3]!);
      expect(one?.data).toEqual({ i: 3 });
      expect(one?.headers.traceparent).toBe("00-aa-bb-01");
    });

    it("stores events whose bus sequence needs more than 32 bits (JetStream, Kafka offsets × partitions)", async () => {
      const { db, provider } = await open();
      const events = new EventStore(db, { provider: provider ?? "sqlite" });
      const id = randomBytes(16).toString("hex");
      const fresh = await events.record([observed("default", id, { big: true }, 2 ** 40 + 7)]);
      expect(fresh.map((item) => item.id)).toEqual([id]);
      expect((await events.get(id))?.data).toEqual({ big: true });
    });

    it("writes a run start durably and records its end, once, already final when it finished quickly", async () => {
      const { db, provider } = await open();
      const writer = new RecordWriter({ db, provider: provider ?? "sqlite", logger: silentLogger, instanceId: "test" });
      const start = { runId: randomBytes(8).toString("hex"), namespace: "default", sensor: "s", trigger: "t", events: { dep: "e1" }, startedAt: Date.now(), atLeastOnce: false };
      await writer.runStarted(start);
      expect((await db.run.findUnique({ where: { runId: start.runId } }))?.status).toBe("running");
      const finish: RunFinish = { ...start, finishedAt: Date.now(), outcome: { status: "succeeded", attempts: [{ attempt: 1, startedAt: Date.now(), durationMs: 3, ok: true, status: 200 }] } };
      writer.runFinished(finish);
      await writer.flush();
      const row = await db.run.findUnique({ where: { runId: start.runId } });
      expect(row?.status).toBe("succeeded");
      const quick = { ...start, runId: randomBytes(8).toString("hex") };
      const started = writer.runStarted(quick);
      writer.runFinished({ ...finish, runId: quick.runId });
      await started;
      expect((await db.run.findUnique({ where: { runId: quick.runId } }))?.status).toBe("succeeded");
      await writer.close();
    });
  });
}
