import { describe, expect, it } from "vitest";
import { startTestApp } from "../testing/testApp.ts";
import { createContextInner } from "../trpc.ts";
import { createCaller } from "../routers/_app.ts";

const admin = { tokenId: "t", name: "restart-test", role: "admin" as const };

async function until<T>(probe: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("bulk replay across a restart", () => {
  it("resumes a job cut off by a stop where it was: every event replayed, none skipped", async () => {
    const first = await startTestApp();
    const dataDir = first.dataDir;
    let api = createCaller(createContextInner({ app: first.app, principal: admin }));
    await api.manifests.applyDocuments({
      manifests: `apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: notify}
spec:
  dependencies: [{name: order, eventSourceName: shop, eventName: order}]
  triggers: [{template: {name: log-it, log: {}}}]
`,
    });
    const originals: string[] = [];
    for (let n = 0; n < 6; n++) originals.push((await api.events.inject({ namespace: "default", source: "shop", subject: "order", type: "webhook", data: { n } })).id);
    await until(async () => (await api.events.count({ source: "shop" })).count === 6);
    const job = await api.replays.create({ filter: { source: "shop" }, target: { sensor: "notify" }, ratePerSecond: 4 });
    await until(async () => ((await api.replays.byId({ id: job.id })).processed >= 2 ? true : undefined));
    await first.close();

    await using second = await startTestApp({ dataDir });
    api = createCaller(createContextInner({ app: second.app, principal: admin }));
    const done = await until(async () => {
      const current = await api.replays.byId({ id: job.id });
      return current.status === "succeeded" ? current : undefined;
    });
    expect(done.total).toBe(6);
    expect(done.processed).toBe(6);
    const replays = (await api.events.list({ source: "shop", limit: 100 })).items.filter((item) => item.replayof);
    // At least once: each original was replayed; one replayed just before the stop may have been replayed again.
    expect(new Set(replays.map((item) => item.replayof))).toEqual(new Set(originals));
    expect(replays.length).toBeLessThanOrEqual(6 + 1);
  }, 60_000);

  it("yields to live traffic: while live events arrive faster than its rate, a job slows to one replay a second", async () => {
    await using test = await startTestApp();
    const api = createCaller(createContextInner({ app: test.app, principal: admin }));
    for (let n = 0; n < 3; n++) await api.events.inject({ namespace: "default", source: "busy", subject: "order", type: "webhook", data: { n } });
    await until(async () => (await api.events.count({ source: "busy" })).count === 3);
    const timed = async () => {
      const job = await api.replays.create({ filter: { source: "busy", replayOf: undefined }, ratePerSecond: 100 });
      const started = Date.now();
      await until(async () => ((await api.replays.byId({ id: job.id })).status === "succeeded" ? true : undefined));
      return Date.now() - started;
    };
    const quiet = await timed();
    // Live traffic: 3,000 events a second into the hub (what the history does for every stored live event).
    const publish = () => test.app.live.publishEvents(Array.from({ length: 300 }, (_, i) => ({ id: `live-${i}` }) as never));
    publish();
    const live = setInterval(publish, 100);
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const busy = await timed();
      expect(quiet).toBeLessThan(1_500);
      expect(busy).toBeGreaterThanOrEqual(2_000);
    } finally {
      clearInterval(live);
    }
  }, 60_000);
});
