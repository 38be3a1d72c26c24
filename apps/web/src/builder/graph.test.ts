import { describe, expect, it } from "vitest";
import { addEventSource, addOrphanTrigger, addSensor, emptyDraft, rebase } from "./draft.ts";
import { draftGraph, orphanId, refOf } from "./graph.ts";

describe("draftGraph", () => {
  it("draws the draft with toGraph, marks new and invalid resources, and adds unconnected triggers", () => {
    let draft = emptyDraft("ns");
    draft = addEventSource(draft, "webhook").draft;
    draft = addSensor(draft).draft;
    const orphan = addOrphanTrigger(draft, "log");
    draft = orphan.draft;
    const sensorKey = draft.docs[1]?.key ?? "";
    const { nodes } = draftGraph({
      draft,
      server: new Map(),
      issues: new Map([[sensorKey, [{ path: "spec.dependencies", message: "needs at least one dependency" }]]]),
      positions: { [orphanId(orphan.key)]: { x: 5, y: 6 } },
    });
    expect(nodes.map((node) => [node.id, "status" in node.data ? node.data.status : undefined])).toEqual([
      ["source-webhook-1/example", "Pending"],
      ["sensor-sensor-1", "Failed"],
      [orphanId(orphan.key), "Pending"],
    ]);
    expect(nodes[0]?.data).toMatchObject({ detail: "Draft: new, not applied yet" });
    expect(nodes[1]?.data).toMatchObject({ detail: "Invalid: spec.dependencies: needs at least one dependency" });
    expect(nodes[2]?.position).toEqual({ x: 5, y: 6 });
    expect(nodes[2] && refOf(nodes[2])).toEqual({ type: "orphan", key: orphan.key });
    expect(nodes[0] && refOf(nodes[0])).toEqual({ type: "source", eventSource: "webhook-1", eventName: "example" });
  });

  it("shows the API's status for applied resources nobody changed", () => {
    const manifest = { apiVersion: "argoproj.io/v1alpha1", kind: "EventSource", metadata: { name: "hooks", namespace: "ns" }, spec: { webhook: { a: { port: "1", endpoint: "/a", method: "POST" } } } };
    const draft = rebase(emptyDraft("ns"), [{ kind: "EventSource", name: "hooks", manifest }]);
    const failed = { summary: "Failed" as const, conditions: [{ type: "Deployed", status: "False", message: "port in use" }] };
    const { nodes } = draftGraph({ draft, server: new Map([["EventSource/hooks", { paused: true, status: failed }]]), issues: new Map(), positions: {} });
    expect(nodes[0]?.data).toMatchObject({ status: "Failed", paused: true, detail: "Deployed: port in use" });
  });
});
