import { describe, expect, it } from "vitest";
import type { EventItem } from "../storage/events.ts";
import { LiveHub, matchesJson } from "./live.ts";

function event(i: number, data: unknown = { i }, extra: Partial<EventItem> = {}): EventItem {
  return {
    specversion: "1.0", id: `e${i}`, source: "shop", type: "webhook", subject: "order", datacontenttype: "application/json", time: "",
    data_base64: "", data, namespace: "default", extensions: {}, headers: {}, size: 1, receivedAt: "", ...extra,
  };
}

describe("live hub", () => {
  it("never blocks the publisher: a subscriber that reads nothing keeps at most its buffer and then learns how many it lost", async () => {
    const hub = new LiveHub();
    const slow = hub.subscribe({}, 100);
    const heapBefore = process.memoryUsage().heapUsed;
    const started = performance.now();
    for (let i = 0; i < 100_000; i++) hub.publishEvents([event(i)]);
    const elapsed = performance.now() - started;
    expect(slow.pending).toBe(100);
    expect(elapsed).toBeLessThan(2_000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(50 * 1024 * 1024);
    expect(await slow.next()).toEqual({ type: "dropped", count: 99_900 });
    expect(await slow.next()).toMatchObject({ type: "event", event: { id: "e0" } });
    slow.close();
    expect(hub.size).toBe(0);
  });

  it("filters events like search, and runs by sensor/trigger", async () => {
    const hub = new LiveHub();
    const sub = hub.subscribe({ source: "shop", match: ["body.customer=ann"], kinds: ["event"] }, 10);
    hub.publishEvents([event(1, { body: { customer: "bob" } }), event(2, { body: { customer: "ann" } }), event(3, { body: { customer: "ann" } }, { source: "other" })]);
    hub.publishRun({ runId: "r", namespace: "default", sensor: "s", trigger: "t", events: {}, startedAt: 0, finishedAt: 1, atLeastOnce: false, outcome: { status: "succeeded", attempts: [] } });
    expect(await sub.next()).toMatchObject({ type: "event", event: { id: "e2" } });
    expect(sub.pending).toBe(0);
    sub.close();
  });

  it("matches decoded JSON as search does", () => {
    const data = { body: { n: 20, s: "20", b: true, z: null, list: ["a"], o: { k: "v" } } };
    const m = (path: string, value: string) => matchesJson(data, { path: path.split(".").map((p) => (/^\d+$/.test(p) ? Number(p) : p)), value });
    expect([m("body.n", "20"), m("body.n", "20.0"), m("body.s", "20"), m("body.b", "true"), m("body.z", "null"), m("body.list.0", "a"), m("body.o.k", "v")]).toEqual([true, true, true, true, true, true, true]);
    expect([m("body.o", "v"), m("body.list.1", "a"), m("body.missing", "x"), m("body.n", "2e1x")]).toEqual([false, false, false, false]);
  });
});
