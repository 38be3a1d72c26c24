/**
 * Node and edge components by type, at module scope so React Flow sees the same objects on every render (a new
 * object per render remounts every node).
 */
import type { EdgeTypes, NodeTypes } from "@xyflow/react";
import { FlowEdge } from "./edges/FlowEdge.tsx";
import { ConditionsNode } from "./nodes/ConditionsNode.tsx";
import { SensorNode } from "./nodes/SensorNode.tsx";
import { SourceNode } from "./nodes/SourceNode.tsx";
import { TriggerNode } from "./nodes/TriggerNode.tsx";
import type { FlowEdge as FlowEdgeType, FlowNodeType } from "./types.ts";

export const nodeTypes = {
  source: SourceNode,
  sensor: SensorNode,
  conditions: ConditionsNode,
  trigger: TriggerNode,
} satisfies Record<FlowNodeType, NodeTypes[string]>;

export const edgeTypes = { flow: FlowEdge } satisfies Record<NonNullable<FlowEdgeType["type"]>, EdgeTypes[string]>;
