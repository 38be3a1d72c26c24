import { describe, expect, it } from "vitest";
import { eventsOf, layout, toGraph, triggerTypeOf, type ResourceLike } from "./toGraph.ts";

const ready = { summary: "Ready" as const, conditions: [{ type: "Deployed", status: "True" }] };

function eventSource(
  name: string,
  spec: Record<string, unknown>,
  status: ResourceLike["status"] = ready,
): ResourceLike {
  return {
    name,
    status,
    manifest: { apiVersion: "argoproj.io/v1alpha1", kind: "EventSource", metadata: { name }, spec },
  };
}

function sensor(name: string, spec: Record<string, unknown>, status: ResourceLike["status"] = ready): ResourceLike {
  return { name, status, manifest: { apiVersion: "argoproj.io/v1alpha1", kind: "Sensor", metadata: { name }, spec } };
}

const demoSource = eventSource("demo", {
  webhook: { example: { port: "12000", endpoint: "/example", method: "POST" } },
});
const demoSensor = sensor("demo", {
  dependencies: [{ name: "example", eventSourceName: "demo", eventName: "example" }],
  triggers: [{ template: { name: "log-it", log: {} } }],
});

const column = (index: number) => index * (layout.nodeWidth + layout.columnGap);

describe("toGraph", () => {
  it("draws the demo flow as source → sensor → trigger with a labelled dependency edge", () => {
    const { nodes, edges } = toGraph({ eventSources: [demoSource], sensors: [demoSensor] });

    expect(nodes.map((node) => [node.type, node.id])).toEqual([
      ["source", "source-demo/example"],
      ["sensor", "sensor-demo"],
      ["trigger", "trigger-demo/log-it"],
    ]);
    expect(edges).toEqual([
      {
        id: "source-demo/example->sensor-demo#example",
        source: "source-demo/example",
        target: "sensor-demo",
        type: "flow",
        data: { dependency: "example" },
      },
      {
        id: "sensor-demo->trigger-demo/log-it",
        source: "sensor-demo",
        target: "trigger-demo/log-it",
        type: "flow",
        data: {},
      },
    ]);
    expect(nodes[0]?.data).toEqual({
      eventSource: "demo",
      eventName: "example",
      sourceType: "webhook",
      status: "Ready",
      paused: false,
      detail: "",
    });
    expect(nodes[2]?.data).toMatchObject({ sensor: "demo", trigger: "log-it", triggerType: "log", status: "Ready" });
  });

  it("lays columns out left to right by node type", () => {
    const { nodes } = toGraph({ eventSources: [demoSource], sensors: [demoSensor] });
    expect(nodes.map((node) => node.position)).toEqual([
      { x: column(0), y: 0 },
      { x: column(1), y: 0 },
      { x: column(2), y: 0 },
    ]);
  });

  it("puts a conditions node between the sensor and a trigger that has conditions, on the trigger's row", () => {
    const { nodes, edges } = toGraph({
      eventSources: [eventSource("hooks", { webhook: { a: {}, b: {} } })],
      sensors: [
        sensor("join", {
          dependencies: [
            { name: "dep-a", eventSourceName: "hooks", eventName: "a" },
            { name: "dep-b", eventSourceName: "hooks", eventName: "b" },
          ],
          triggers: [
            { template: { name: "both", conditions: "dep-a && dep-b", http: { url: "http://x" } } },
            { template: { name: "plain", log: {} } },
          ],
        }),
      ],
    });

    const conditions = nodes.find((node) => node.type === "conditions");
    const both = nodes.find((node) => node.id === "trigger-join/both");
    const plain = nodes.find((node) => node.id === "trigger-join/plain");
    expect(conditions).toMatchObject({
      id: "conditions-join/both",
      data: { sensor: "join", trigger: "both", expression: "dep-a && dep-b" },
    });
    expect(conditions?.position).toEqual({ x: column(2), y: both?.position.y });
    expect(both?.position.x).toBe(column(3));
    expect(plain?.position.x).toBe(column(3));
    expect(edges.map((edge) => edge.id)).toEqual([
      "source-hooks/a->sensor-join#dep-a",
      "source-hooks/b->sensor-join#dep-b",
      "sensor-join->conditions-join/both",
      "conditions-join/both->trigger-join/both",
      "sensor-join->trigger-join/plain",
    ]);
  });

  it("draws one source node per (EventSource, event name) however many sensors use it", () => {
    const { nodes, edges } = toGraph({
      eventSources: [demoSource],
      sensors: [
        demoSensor,
        sensor("second", {
          dependencies: [{ name: "same", eventSourceName: "demo", eventName: "example" }],
          triggers: [{ template: { name: "t", log: {} } }],
        }),
      ],
    });
    expect(nodes.filter((node) => node.type === "source")).toHaveLength(1);
    expect(edges.filter((edge) => edge.source === "source-demo/example").map((edge) => edge.target)).toEqual([
      "sensor-demo",
      "sensor-second",
    ]);
  });

  it("keeps one edge per dependency when two dependencies name the same event", () => {
    const { edges } = toGraph({
      eventSources: [demoSource],
      sensors: [
        sensor("twice", {
          dependencies: [
            { name: "cheap", eventSourceName: "demo", eventName: "example" },
            { name: "costly", eventSourceName: "demo", eventName: "example" },
          ],
          triggers: [{ template: { name: "t", log: {} } }],
        }),
      ],
    });
    const dependencyEdges = edges.filter((edge) => edge.target === "sensor-twice");
    expect(dependencyEdges.map((edge) => edge.data?.dependency)).toEqual(["cheap", "costly"]);
    expect(new Set(edges.map((edge) => edge.id)).size).toBe(edges.length);
  });

  it("draws a dependency on a missing EventSource or event as a Missing placeholder", () => {
    const { nodes } = toGraph({
      eventSources: [demoSource],
      sensors: [
        sensor("broken", {
          dependencies: [
            { name: "gone", eventSourceName: "nowhere", eventName: "x" },
            { name: "typo", eventSourceName: "demo", eventName: "exmaple" },
          ],
          triggers: [{ template: { name: "t", log: {} } }],
        }),
      ],
    });
    const missing = nodes
      .filter((node) => node.type === "source" && node.data.status === "Missing")
      .map((node) => node.data);
    expect(missing).toEqual([
      {
        eventSource: "demo",
        eventName: "exmaple",
        sourceType: "unknown",
        status: "Missing",
        paused: false,
        detail: "EventSource demo has no event named exmaple",
      },
      {
        eventSource: "nowhere",
        eventName: "x",
        sourceType: "unknown",
        status: "Missing",
        paused: false,
        detail: "no EventSource named nowhere in this namespace",
      },
    ]);
  });

  it("colours nodes from status.summary and explains a failing condition; triggers follow their sensor", () => {
    const failed = {
      summary: "Failed" as const,
      conditions: [
        { type: "DependenciesProvided", status: "True" },
        { type: "Deployed", status: "False", reason: "EventBusNotFound", message: "no EventBus default" },
      ],
    };
    const { nodes } = toGraph({
      eventSources: [{ ...demoSource, paused: true }],
      sensors: [sensor("demo", demoSensor.manifest.spec as Record<string, unknown>, failed)],
    });
    expect(nodes.find((node) => node.type === "source")?.data).toMatchObject({
      status: "Ready",
      paused: true,
      detail: "",
    });
    expect(nodes.find((node) => node.type === "sensor")?.data).toMatchObject({
      status: "Failed",
      detail: "Deployed: EventBusNotFound: no EventBus default",
    });
    expect(nodes.find((node) => node.type === "trigger")?.data).toMatchObject({ status: "Failed" });
  });

  it("sorts rows by name, whatever the input order, and is deterministic", () => {
    const sources = [
      eventSource("zeta", { webhook: { b: {}, a: {} } }),
      eventSource("alpha", { calendar: { tick: {} } }),
    ];
    const sensors = [
      sensor("s2", {
        dependencies: [{ name: "d", eventSourceName: "zeta", eventName: "a" }],
        triggers: [{ template: { name: "z", log: {} } }, { template: { name: "a", log: {} } }],
      }),
      sensor("s1", {
        dependencies: [{ name: "d", eventSourceName: "alpha", eventName: "tick" }],
        triggers: [{ template: { name: "only", log: {} } }],
      }),
    ];
    const first = toGraph({ eventSources: sources, sensors });
    const second = toGraph({ eventSources: [...sources].reverse(), sensors: [...sensors].reverse() });
    expect(second).toEqual(first);
    expect(first.nodes.map((node) => node.id)).toEqual([
      "source-alpha/tick",
      "source-zeta/a",
      "source-zeta/b",
      "sensor-s1",
      "sensor-s2",
      "trigger-s1/only",
      "trigger-s2/a",
      "trigger-s2/z",
    ]);
    // The two-node sensor column is centred on the three-node columns.
    expect(first.nodes.find((node) => node.id === "sensor-s1")?.position.y).toBe(layout.rowHeight / 2);
  });

  it("returns an empty graph for no resources and ignores malformed manifests", () => {
    expect(toGraph({ eventSources: [], sensors: [] })).toEqual({ nodes: [], edges: [] });
    const odd = toGraph({
      eventSources: [{ name: "x", status: ready, manifest: {} }],
      sensors: [sensor("y", { dependencies: "nope", triggers: [{ template: { log: {} } }, null] })],
    });
    expect(odd.nodes.map((node) => node.id)).toEqual(["sensor-y"]);
    expect(odd.edges).toEqual([]);
  });
});

describe("eventsOf", () => {
  it("lists every event of every source type and skips non-type spec keys", () => {
    expect(
      eventsOf({
        spec: {
          eventBusName: "default",
          replicas: 2,
          service: { ports: [] },
          webhook: { b: {}, a: {} },
          calendar: { c: {} },
        },
      }),
    ).toEqual([
      { sourceType: "webhook", eventName: "a" },
      { sourceType: "webhook", eventName: "b" },
      { sourceType: "calendar", eventName: "c" },
    ]);
  });
});

describe("triggerTypeOf", () => {
  it("picks the template key in Argo's selection order", () => {
    expect(triggerTypeOf({ name: "t", conditions: "a", log: {}, http: { url: "u" } })).toBe("http");
    expect(triggerTypeOf({ name: "t", log: {} })).toBe("log");
    expect(triggerTypeOf({ name: "t", somethingNew: {} })).toBe("somethingNew");
    expect(triggerTypeOf({ name: "t" })).toBe("unknown");
  });
});
