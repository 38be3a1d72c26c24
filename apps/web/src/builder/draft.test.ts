import { describe, expect, it } from "vitest";
import {
  addEventSource,
  addOrphanTrigger,
  addSensor,
  applyText,
  connect,
  emptyDraft,
  manifestYaml,
  nameOf,
  pendingChanges,
  rebase,
  removeDoc,
  setField,
  setText,
  stateOf,
  valueOf,
  type Draft,
} from "./draft.ts";

function build(): { draft: Draft; source: string; sensor: string; trigger: string } {
  let draft = emptyDraft("shop");
  const source = addEventSource(draft, "webhook", { port: "12345" });
  draft = source.draft;
  const sensor = addSensor(draft);
  draft = sensor.draft;
  const trigger = addOrphanTrigger(draft, "http");
  return { draft: trigger.draft, source: source.key, sensor: sensor.key, trigger: trigger.key };
}

describe("building a flow", () => {
  it("creates named resources, connects an event to a sensor and a sensor to a trigger", () => {
    const { draft: start, sensor, trigger } = build();
    expect(start.docs.map(nameOf)).toEqual(["webhook-1", "sensor-1"]);
    const first = connect(start, { type: "source", eventSource: "webhook-1", eventName: "example" }, { type: "sensor", sensor: "sensor-1" });
    expect(first).toMatchObject({ ok: true, message: "Added dependency example to sensor-1" });
    if (!first.ok) return;
    const second = connect(first.draft, { type: "sensor", sensor: "sensor-1" }, { type: "orphan", key: trigger });
    expect(second).toMatchObject({ ok: true, message: "Added trigger http-1 to sensor-1" });
    if (!second.ok) return;
    expect(second.draft.orphans).toEqual([]);
    const value = valueOf(second.draft.docs.find((doc) => doc.key === sensor)?.text ?? "");
    expect(value).toEqual({
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Sensor",
      metadata: { name: "sensor-1", namespace: "shop" },
      spec: {
        dependencies: [{ name: "example", eventSourceName: "webhook-1", eventName: "example" }],
        triggers: [{ template: { name: "http-1", http: { url: "http://127.0.0.1:8080/", method: "POST" } } }],
      },
    });
    expect(applyText(second.draft).split("---\n")).toHaveLength(2);
  });

  it("refuses a second dependency on the same event and connections that mean nothing", () => {
    const { draft } = build();
    const from = { type: "source", eventSource: "webhook-1", eventName: "example" } as const;
    const once = connect(draft, from, { type: "sensor", sensor: "sensor-1" });
    expect(once.ok && connect(once.draft, from, { type: "sensor", sensor: "sensor-1" }).ok).toBe(false);
    expect(connect(draft, { type: "sensor", sensor: "sensor-1" }, { type: "source", eventSource: "webhook-1", eventName: "example" })).toEqual({
      ok: false,
      message: "connect an event to a sensor, or a sensor to a trigger",
    });
  });

  it("gives new resources free names", () => {
    let draft = emptyDraft("ns");
    draft = addSensor(draft).draft;
    draft = addSensor(draft).draft;
    expect(draft.docs.map(nameOf)).toEqual(["sensor-1", "sensor-2"]);
  });
});

describe("changes and rebasing", () => {
  const server = {
    kind: "Sensor",
    name: "orders",
    manifest: {
      apiVersion: "argoproj.io/v1alpha1",
      kind: "Sensor",
      metadata: { name: "orders", namespace: "shop", resourceVersion: "1" },
      spec: { dependencies: [{ name: "a", eventSourceName: "s", eventName: "e" }], triggers: [{ template: { name: "t", log: {} } }] },
    },
  };

  it("loads the API's resources unchanged, and sees an edit as a change", () => {
    const draft = rebase(emptyDraft("shop"), [server]);
    const doc = draft.docs[0];
    expect(doc && stateOf(doc)).toBe("unchanged");
    const commented = setText(draft, doc?.key ?? "", `# a comment\n${doc?.text ?? ""}`);
    expect(pendingChanges(commented)).toEqual([]);
    const edited = setField(commented, doc?.key ?? "", ["spec", "triggers", 0, "template", "name"], "t2");
    expect(pendingChanges(edited).map((change) => change.state)).toEqual(["changed"]);
  });

  it("after its own apply, keeps the edited text and its comments and only takes the new resourceVersion", () => {
    let draft = rebase(emptyDraft("shop"), [server]);
    const key = draft.docs[0]?.key ?? "";
    draft = setText(draft, key, `# keep me\n${draft.docs[0]?.text ?? ""}`);
    draft = setField(draft, key, ["spec", "triggers", 0, "template", "name"], "renamed");
    const applied = {
      ...server,
      manifest: {
        ...server.manifest,
        metadata: { ...server.manifest.metadata, resourceVersion: "2" },
        spec: { ...server.manifest.spec, triggers: [{ template: { name: "renamed", log: {} } }] },
      },
    };
    const next = rebase(draft, [applied]);
    expect(next.docs[0]?.text.startsWith("# keep me\n")).toBe(true);
    expect(next.docs[0]?.text).toContain('resourceVersion: "2"');
    expect(next.docs[0] && stateOf(next.docs[0])).toBe("unchanged");
  });

  it("follows the API for documents nobody edited, and adds and drops resources", () => {
    const draft = rebase(emptyDraft("shop"), [server]);
    const changed = { ...server, manifest: { ...server.manifest, metadata: { ...server.manifest.metadata, resourceVersion: "5" } } };
    expect(rebase(draft, [changed]).docs[0]?.text).toBe(manifestYaml(changed.manifest));
    expect(rebase(draft, []).docs).toEqual([]);
  });

  it("marks applied resources for deletion and drops new ones", () => {
    const { draft, source } = build();
    expect(removeDoc(draft, source).docs.map(nameOf)).toEqual(["sensor-1"]);
    const loaded = rebase(emptyDraft("shop"), [server]);
    const removed = removeDoc(loaded, loaded.docs[0]?.key ?? "");
    expect(pendingChanges(removed).map((change) => change.state)).toEqual(["deleted"]);
    expect(applyText(removed)).toBe("");
  });
});
