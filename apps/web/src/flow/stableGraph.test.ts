import { describe, expect, it } from "vitest";
import { deepEqual, keepUnchanged, mergeNodes } from "./stableGraph.ts";
import { toGraph, type ResourceLike } from "./toGraph.ts";

const ready = { summary: "Ready" as const, conditions: [{ type: "Deployed", status: "True" }] };
const failed = { summary: "Failed" as const, conditions: [{ type: "Deployed", status: "False" }] };
const source = (status: ResourceLike["status"]): ResourceLike => ({
  name: "demo",
  status,
  manifest: { spec: { webhook: { example: {} } } },
});
const demoSensor: ResourceLike = {
  name: "demo",
  status: ready,
  manifest: {
    spec: {
      dependencies: [{ name: "example", eventSourceName: "demo", eventName: "example" }],
      triggers: [{ template: { name: "log-it", log: {} } }],
    },
  },
};
const graph = (status: ResourceLike["status"] = ready) =>
  toGraph({ eventSources: [source(status)], sensors: [demoSensor] });

describe("deepEqual", () => {
  it("compares JSON-like values structurally", () => {
    expect(deepEqual({ a: [1, { b: "c" }] }, { a: [1, { b: "c" }] })).toBe(true);
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false);
    expect(deepEqual([1], { 0: 1 })).toBe(false);
  });
});

describe("mergeNodes", () => {
  it("returns the current array when a refetch changed nothing", () => {
    const current = graph().nodes;
    expect(mergeNodes(current, graph().nodes)).toBe(current);
  });

  it("keeps unchanged nodes, with what React Flow measured, and carries measurements over to changed ones", () => {
    const current = graph().nodes.map((node) => ({ ...node, measured: { width: 200, height: 60 } }));
    const merged = mergeNodes(current, graph(failed).nodes);
    expect(merged).not.toBe(current);
    expect(merged[0]).not.toBe(current[0]);
    expect(merged[0]?.data).toMatchObject({ status: "Failed" });
    expect(merged[0]?.measured).toEqual({ width: 200, height: 60 });
    expect(merged[1]).toBe(current[1]);
    expect(merged[2]).toBe(current[2]);
  });

  it("adds new nodes as they are and drops removed ones", () => {
    const current = graph().nodes;
    const fewer = toGraph({ eventSources: [source(ready)], sensors: [] }).nodes;
    const merged = mergeNodes(current, fewer);
    expect(merged.map((node) => node.id)).toEqual(["source-demo/example"]);
    expect(merged[0]).toBe(current[0]);
    expect(mergeNodes(fewer, current).map((node) => node.id)).toEqual(current.map((node) => node.id));
  });
});

describe("keepUnchanged", () => {
  it("reuses equal items and the whole previous array when nothing changed", () => {
    const before = graph().edges;
    expect(keepUnchanged(before, graph().edges)).toBe(before);
    const changed = [...graph().edges, { id: "x", source: "a", target: "b", type: "flow" as const, data: {} }];
    const kept = keepUnchanged(before, changed);
    expect(kept).not.toBe(before);
    expect(kept[0]).toBe(before[0]);
    expect(kept[2]).toBe(changed[2]);
  });
});
