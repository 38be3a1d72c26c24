/**
 * Engine configuration → flow graph, after Argo Workflows' Event Flow page: left to right, one node per
 * (EventSource, event name), one per Sensor, one per trigger condition expression, one per trigger.
 *
 * Pure and deterministic: the same resources give the same nodes, edges and positions (no randomness, no clock), so
 * React Flow keeps node identity across refetches and tests compare whole graphs. Manifests are read leniently:
 * the API has validated them, and a field this view does not know is ignored rather than breaking the page.
 */
import type {
  ConditionsNode,
  FlowEdge,
  FlowGraph,
  FlowNode,
  SensorNode,
  SourceNode,
  TriggerNode,
} from "./types.ts";

/** The part of an API resource item (`sources.list`, `sensors.list`) the graph reads. */
export interface ResourceLike {
  name: string;
  paused?: boolean;
  status: {
    summary: "Ready" | "Pending" | "Failed";
    conditions: readonly { type: string; status: string; reason?: string | undefined; message?: string | undefined }[];
  };
  manifest: Record<string, unknown>;
}

export interface ToGraphInput {
  eventSources: readonly ResourceLike[];
  sensors: readonly ResourceLike[];
}

/** Layout constants (px). Nodes are at most NODE_WIDTH wide; CSS keeps them to it. */
export const layout = { nodeWidth: 220, columnGap: 130, rowHeight: 104 } as const;

// EventSource spec keys that are not source types; every other object-valued key maps event names to configs.
const NON_SOURCE_KEYS = new Set(["eventBusName", "replicas", "service", "template"]);
// Trigger template keys that are not trigger types.
const NON_TRIGGER_KEYS = new Set(["name", "conditions", "conditionsReset"]);
// Argo picks the first non-empty of these (spec §6.1); keys outside the list come after, in manifest order.
const TRIGGER_ORDER = [
  "k8s",
  "argoWorkflow",
  "http",
  "awsLambda",
  "azureEventHubs",
  "azureServiceBus",
  "kafka",
  "pulsar",
  "nats",
  "slack",
  "openWhisk",
  "custom",
  "log",
  "email",
];

/** Node id of an (EventSource, event name) pair; also the suffix of its test id. */
export const sourceId = (eventSource: string, eventName: string) => `source-${eventSource}/${eventName}`;
export const sensorId = (sensor: string) => `sensor-${sensor}`;
export const conditionsId = (sensor: string, trigger: string) => `conditions-${sensor}/${trigger}`;
export const triggerId = (sensor: string, trigger: string) => `trigger-${sensor}/${trigger}`;

/** Build the graph of one namespace's EventSources and Sensors. */
export function toGraph({ eventSources, sensors }: ToGraphInput): FlowGraph {
  const sources = new Map<string, SourceNode>();
  for (const eventSource of eventSources) {
    for (const { sourceType, eventName } of eventsOf(eventSource.manifest)) {
      const id = sourceId(eventSource.name, eventName);
      sources.set(id, {
        id,
        type: "source",
        position: { x: 0, y: 0 },
        data: {
          eventSource: eventSource.name,
          eventName,
          sourceType,
          status: eventSource.status.summary,
          paused: eventSource.paused ?? false,
          detail: detailOf(eventSource),
        },
      });
    }
  }
  const sourceNames = new Set(eventSources.map((eventSource) => eventSource.name));

  const sensorNodes: SensorNode[] = [];
  const conditionsNodes: ConditionsNode[] = [];
  const triggerNodes: TriggerNode[] = [];
  const edges: FlowEdge[] = [];

  for (const sensor of [...sensors].sort((a, b) => compare(a.name, b.name))) {
    const spec = record(sensor.manifest.spec);
    const dependencies = array(spec.dependencies).map(record);
    const triggers = array(spec.triggers).map((trigger) => record(record(trigger).template));
    const id = sensorId(sensor.name);
    const status = sensor.status.summary;
    const paused = sensor.paused ?? false;
    sensorNodes.push({
      id,
      type: "sensor",
      position: { x: 0, y: 0 },
      data: {
        sensor: sensor.name,
        status,
        paused,
        detail: detailOf(sensor),
        dependencies: dependencies.length,
        triggers: triggers.length,
      },
    });

    for (const dependency of dependencies) {
      const name = string(dependency.name);
      const eventSource = string(dependency.eventSourceName);
      const eventName = string(dependency.eventName);
      if (!eventSource || !eventName) continue;
      const source = sourceId(eventSource, eventName);
      if (!sources.has(source)) {
        // A dependency on something that does not exist is drawn, greyed out, rather than silently dropped.
        sources.set(source, {
          id: source,
          type: "source",
          position: { x: 0, y: 0 },
          data: {
            eventSource,
            eventName,
            sourceType: "unknown",
            status: "Missing",
            paused: false,
            detail: sourceNames.has(eventSource)
              ? `EventSource ${eventSource} has no event named ${eventName}`
              : `no EventSource named ${eventSource} in this namespace`,
          },
        });
      }
      edges.push(edge(source, id, name));
    }

    for (const template of triggers) {
      const trigger = string(template.name);
      if (!trigger) continue;
      const target = triggerId(sensor.name, trigger);
      triggerNodes.push({
        id: target,
        type: "trigger",
        position: { x: 0, y: 0 },
        data: { sensor: sensor.name, trigger, triggerType: triggerTypeOf(template), status, paused },
      });
      const expression = string(template.conditions).trim();
      if (expression) {
        const conditions = conditionsId(sensor.name, trigger);
        conditionsNodes.push({
          id: conditions,
          type: "conditions",
          position: { x: 0, y: 0 },
          data: { sensor: sensor.name, trigger, expression },
        });
        edges.push(edge(id, conditions), edge(conditions, target));
      } else {
        edges.push(edge(id, target));
      }
    }
  }

  const sourceNodes = [...sources.values()].sort(
    (a, b) => compare(a.data.eventSource, b.data.eventSource) || compare(a.data.eventName, b.data.eventName),
  );
  // Triggers keep their sensor's order (sensors are sorted) and are sorted by name within it.
  triggerNodes.sort((a, b) => compare(a.data.sensor, b.data.sensor) || compare(a.data.trigger, b.data.trigger));

  // Columns: sources, sensors, [conditions], triggers. Each stacked column is centred on the tallest one; a
  // conditions node sits on its trigger's row, so sensor → conditions → trigger reads as a straight line.
  const columnX = (column: number) => column * (layout.nodeWidth + layout.columnGap);
  const tallest = Math.max(0, sourceNodes.length, sensorNodes.length, triggerNodes.length);
  const stack = (nodes: FlowNode[], column: number) => {
    const top = ((tallest - nodes.length) * layout.rowHeight) / 2;
    nodes.forEach((node, row) => (node.position = { x: columnX(column), y: top + row * layout.rowHeight }));
  };
  stack(sourceNodes, 0);
  stack(sensorNodes, 1);
  stack(triggerNodes, conditionsNodes.length > 0 ? 3 : 2);
  const triggerY = new Map(triggerNodes.map((node) => [node.id, node.position.y]));
  for (const node of conditionsNodes) {
    node.position = { x: columnX(2), y: triggerY.get(triggerId(node.data.sensor, node.data.trigger)) ?? 0 };
  }

  return { nodes: [...sourceNodes, ...sensorNodes, ...conditionsNodes, ...triggerNodes], edges };
}

/** The `(type, event name)` pairs an EventSource manifest declares, sorted by event name. */
export function eventsOf(manifest: Record<string, unknown>): { sourceType: string; eventName: string }[] {
  const events: { sourceType: string; eventName: string }[] = [];
  for (const [key, value] of Object.entries(record(manifest.spec))) {
    if (NON_SOURCE_KEYS.has(key) || !isRecord(value)) continue;
    for (const eventName of Object.keys(value)) events.push({ sourceType: key, eventName });
  }
  return events.sort((a, b) => compare(a.eventName, b.eventName));
}

/** The template key that selects a trigger's implementation, in Argo's selection order. */
export function triggerTypeOf(template: Record<string, unknown>): string {
  const keys = Object.keys(template).filter(
    (key) => !NON_TRIGGER_KEYS.has(key) && template[key] !== null && template[key] !== undefined,
  );
  return TRIGGER_ORDER.find((key) => keys.includes(key)) ?? keys[0] ?? "unknown";
}

/** Why a resource is not Ready: its first False condition, else its first not-True one; empty when Ready. */
export function detailOf(resource: ResourceLike): string {
  const conditions = resource.status.conditions;
  const failing =
    conditions.find((condition) => condition.status === "False") ??
    conditions.find((condition) => condition.status !== "True");
  if (!failing) return "";
  return [failing.type, failing.reason, failing.message].filter(Boolean).join(": ");
}

function edge(source: string, target: string, dependency?: string): FlowEdge {
  return {
    id: dependency === undefined ? `${source}->${target}` : `${source}->${target}#${dependency}`,
    source,
    target,
    type: "flow",
    data: dependency === undefined ? {} : { dependency },
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function record(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function array(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function string(value: unknown): string {
  return typeof value === "string" ? value : "";
}
