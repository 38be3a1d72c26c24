"use client";
/**
 * The flow graph drawn with React Flow. Read-only (no dragging or connecting); selecting a node reports it to the
 * parent, which filters the events beside the graph. The view refits when nodes are added or removed.
 */
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  useStore,
  type DefaultEdgeOptions,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useEffect, useMemo } from "react";
import { useFlowNodes } from "../hooks/useFlowNodes.ts";
import { edgeTypes, nodeTypes } from "./nodeTypes.ts";
import type { FlowEdge, FlowNode } from "./types.ts";

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  selectable: false,
  focusable: false,
};
const fitViewOptions = { padding: 0.15, maxZoom: 1 };
// Below this zoom, text is unreadable anyway: nodes drop shadows and secondary lines, edges their labels, which
// keeps panning a few hundred nodes smooth without a GPU.
const ZOOMED_OUT_BELOW = 0.45;
const isZoomedOut = (state: { transform: [number, number, number] }) => state.transform[2] < ZOOMED_OUT_BELOW;
const proOptions = { hideAttribution: false };

export interface FlowCanvasProps {
  nodes: FlowNode[];
  edges: FlowEdge[];
  onSelect: (node: FlowNode | undefined) => void;
}

export function FlowCanvas(props: FlowCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ nodes: graphNodes, edges, onSelect }: FlowCanvasProps) {
  const { nodes, onNodesChange } = useFlowNodes(graphNodes);
  const { fitView } = useReactFlow();
  // A boolean selector: this component re-renders only when the threshold is crossed, not on every zoom step.
  const zoomedOut = useStore(isZoomedOut);
  const ids = useMemo(() => graphNodes.map((node) => node.id).join("\n"), [graphNodes]);
  useEffect(() => {
    // Queued by React Flow until the new nodes are measured.
    void fitView(fitViewOptions);
  }, [ids, fitView]);
  const onSelectionChange = useCallback(
    ({ nodes: selected }: OnSelectionChangeParams<FlowNode>) => onSelect(selected[0]),
    [onSelect],
  );

  return (
    <ReactFlow<FlowNode, FlowEdge>
      nodes={nodes}
      edges={edges}
      onNodesChange={onNodesChange}
      onSelectionChange={onSelectionChange}
      nodeTypes={nodeTypes}
      edgeTypes={edgeTypes}
      defaultEdgeOptions={defaultEdgeOptions}
      nodesDraggable={false}
      nodesConnectable={false}
      edgesFocusable={false}
      selectionKeyCode={null}
      multiSelectionKeyCode={null}
      deleteKeyCode={null}
      fitView
      fitViewOptions={fitViewOptions}
      minZoom={0.1}
      maxZoom={1.5}
      proOptions={proOptions}
      className={zoomedOut ? "is-zoomed-out" : undefined}
      aria-label="Event flow: event sources, sensors and triggers"
    >
      <Background gap={24} size={1} />
      <Controls showInteractive={false} position="bottom-left" />
    </ReactFlow>
  );
}
