/**
 * React Flow's node state, fed by a graph rebuilt from API data: unchanged nodes keep their object (and what React
 * Flow measured), so a refetch re-renders only the nodes whose data changed.
 */
import { applyNodeChanges, type NodeChange } from "@xyflow/react";
import { useCallback, useState } from "react";
import { mergeNodes } from "../flow/stableGraph.ts";
import type { FlowNode } from "../flow/types.ts";

export function useFlowNodes(graphNodes: FlowNode[]) {
  const [nodes, setNodes] = useState<FlowNode[]>(graphNodes);
  const [source, setSource] = useState(graphNodes);
  if (source !== graphNodes) {
    // Adjust state while rendering (React's documented pattern) instead of an effect: no frame with stale nodes.
    setSource(graphNodes);
    setNodes((current) => mergeNodes(current, graphNodes));
  }
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) => setNodes((current) => applyNodeChanges(changes, current)),
    [],
  );
  return { nodes, onNodesChange };
}
