/**
 * Sizes and handle positions of graph nodes, known before React Flow measures anything.
 *
 * Why: with `onlyRenderVisibleElements`, React Flow renders every node it has not measured (to find its handles), so
 * a 500-node graph would still mount all 500 on the first render. A node that declares its size and handles is
 * culled from the start; the nodes actually drawn are measured as usual and their measurements replace these
 * estimates. The same sizes give the graph's bounds for fitting the view without waiting for measurements.
 */
import { Position, type NodeHandle } from "@xyflow/react";
import { layout } from "./toGraph.ts";
import type { FlowGraph, FlowNode, FlowNodeType } from "./types.ts";

/** Rendered heights (px) of a node of each type with no detail line and no activity line (globals.css). */
export const nodeHeight: Record<FlowNodeType, number> = { source: 71, sensor: 71, conditions: 54, trigger: 71 };

// Handles are 7 px squares (globals.css) centred on the inner edge of the node's left border (4 px) and right border
// (1 px): React Flow's handle CSS puts them at left: 0 / right: 0 of the padding box, shifted by half their size.
const HANDLE = 7;
const LEFT_HANDLE_X = 4 - HANDLE / 2;
const RIGHT_HANDLE_X = layout.nodeWidth - 1 - HANDLE / 2;

/** Which sides of a node type carry handles. */
const sides: Record<FlowNodeType, { target: boolean; source: boolean }> = {
  source: { target: false, source: true },
  sensor: { target: true, source: true },
  conditions: { target: true, source: true },
  trigger: { target: true, source: false },
};

/** The geometry fields React Flow reads from a node before measuring it. */
export interface NodeGeometry {
  initialWidth: number;
  initialHeight: number;
  handles: NodeHandle[];
}

/** Estimated size and handles of a node (the detail line, when shown, adds up to two lines). */
export function geometryOf(node: FlowNode): NodeGeometry {
  const hasDetail = "detail" in node.data && node.data.status !== "Ready" && node.data.detail !== "";
  const height = nodeHeight[node.type] + (hasDetail ? 30 : 0);
  const y = height / 2 - HANDLE / 2;
  const handles: NodeHandle[] = [];
  if (sides[node.type].target)
    handles.push({ type: "target", position: Position.Left, x: LEFT_HANDLE_X, y, width: HANDLE, height: HANDLE });
  if (sides[node.type].source)
    handles.push({ type: "source", position: Position.Right, x: RIGHT_HANDLE_X, y, width: HANDLE, height: HANDLE });
  return { initialWidth: layout.nodeWidth, initialHeight: height, handles };
}

/** The graph with each node's geometry filled in (new node objects; edges as they are). */
export function withGeometry(graph: FlowGraph): FlowGraph {
  return { nodes: graph.nodes.map((node) => ({ ...node, ...geometryOf(node) })), edges: graph.edges };
}

/** The box around all nodes (flow coordinates), from their positions and estimated or measured sizes. */
export function graphBounds(nodes: readonly FlowNode[]): { x: number; y: number; width: number; height: number } {
  if (nodes.length === 0) return { x: 0, y: 0, width: 0, height: 0 };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const node of nodes) {
    const width = node.measured?.width ?? node.initialWidth ?? layout.nodeWidth;
    const height = node.measured?.height ?? node.initialHeight ?? nodeHeight[node.type];
    minX = Math.min(minX, node.position.x);
    minY = Math.min(minY, node.position.y);
    maxX = Math.max(maxX, node.position.x + width);
    maxY = Math.max(maxY, node.position.y + height);
  }
  return { x: minX, y: minY, width: maxX - minX, height: maxY - minY };
}
