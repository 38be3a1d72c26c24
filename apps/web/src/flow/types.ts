/**
 * Node and edge types of the flow graph. Node data is plain JSON (strings, numbers, booleans) so a graph can be
 * compared structurally and node components re-render only when their own data changes.
 */
import type { Edge, Node } from "@xyflow/react";

/** `status.summary` of a resource (Argo's Ready computation), or `Missing` for a dependency with no such event. */
export type NodeStatus = "Ready" | "Pending" | "Failed" | "Missing";

export type SourceData = {
  eventSource: string;
  eventName: string;
  /** `spec.<type>` key: webhook, calendar, … (`unknown` for a placeholder). */
  sourceType: string;
  status: NodeStatus;
  paused: boolean;
  /** Why the status is not Ready (first failing condition), or what is missing. */
  detail: string;
};

export type SensorData = {
  sensor: string;
  status: NodeStatus;
  paused: boolean;
  detail: string;
  dependencies: number;
  triggers: number;
};

export type ConditionsData = {
  sensor: string;
  trigger: string;
  /** The trigger's `conditions` expression, e.g. `(dep01 || dep02) && dep03`. */
  expression: string;
};

export type TriggerData = {
  sensor: string;
  trigger: string;
  /** The template key that selects the implementation (http, log, k8s, …). */
  triggerType: string;
  /** The sensor's status: a trigger has no status of its own. */
  status: NodeStatus;
  paused: boolean;
};

export type SourceNode = Node<SourceData, "source">;
export type SensorNode = Node<SensorData, "sensor">;
export type ConditionsNode = Node<ConditionsData, "conditions">;
export type TriggerNode = Node<TriggerData, "trigger">;
export type FlowNode = SourceNode | SensorNode | ConditionsNode | TriggerNode;
export type FlowNodeType = FlowNode["type"];

export type FlowEdgeData = {
  /** The dependency an event→sensor edge stands for. */
  dependency?: string;
};
export type FlowEdge = Edge<FlowEdgeData, "flow">;

/** `{nodes, edges}` as React Flow takes them. */
export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
}
