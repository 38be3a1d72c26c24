"use client";
/**
 * The flow graph drawn with React Flow. Read-only (no dragging or connecting); selecting a node reports it to the
 * parent, which filters the events beside the graph. The view refits when nodes are added or removed.
 *
 * Built for a few hundred nodes without a GPU: only nodes and edges in view are mounted (`onlyRenderVisibleElements`;
 * nodes carry their estimated size and handles, see geometry.ts, so culling works before anything is measured), the
 * view is fitted from the layout's own bounds rather than after measuring every node, and far out the graph drops
 * what cannot be read anyway (shadows, secondary lines, edge labels).
 */
import "@xyflow/react/dist/style.css";
import {
  Background,
  ControlButton,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  getViewportForBounds,
  useStore,
  type DefaultEdgeOptions,
  type NodeChange,
  type OnSelectionChangeParams,
} from "@xyflow/react";
import { useCallback, useLayoutEffect, useMemo, useState } from "react";
import { useFlowNodes } from "../hooks/useFlowNodes.ts";
import { ZoomedOut } from "./detail.ts";
import { graphBounds } from "./geometry.ts";
import { edgeTypes, nodeTypes } from "./nodeTypes.ts";
import type { FlowEdge, FlowNode } from "./types.ts";

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  selectable: false,
  focusable: false,
  // Edges are not clickable here: no invisible wide path per edge to paint and hit-test.
  interactionWidth: 0,
};
const FIT_PADDING = 0.15;
const FIT_MAX_ZOOM = 1;
const MIN_ZOOM = 0.1;
// Below this zoom, text is unreadable anyway: nodes drop shadows and secondary lines, edges their labels, which
// keeps panning a few hundred nodes smooth without a GPU.
const ZOOMED_OUT_BELOW = 0.45;
const isZoomedOut = (state: { transform: [number, number, number] }) => state.transform[2] < ZOOMED_OUT_BELOW;
const proOptions = { hideAttribution: false };
// The pane's size, once React Flow has measured it, and whether its pan/zoom is ready to take a viewport.
const paneSize = (state: { width: number; height: number; panZoom: unknown }) =>
  state.panZoom && state.width > 0 && state.height > 0 ? `${state.width}x${state.height}` : "";

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
  const { setViewport } = useReactFlow();
  // A boolean selector: this component re-renders only when the threshold is crossed, not on every zoom step.
  const zoomedOut = useStore(isZoomedOut);
  const pane = useStore(paneSize);
  const ids = useMemo(() => graphNodes.map((node) => node.id).join("\n"), [graphNodes]);
  const [fitted, setFitted] = useState("");
  // Fit from the layout's bounds: React Flow's own fitView waits until every node is measured, which never happens
  // for nodes that are culled (so the Controls' fit button is replaced by this one too).
  const fit = useCallback(() => {
    const [width = 0, height = 0] = pane.split("x").map(Number);
    if (width === 0 || height === 0) return;
    void setViewport(getViewportForBounds(graphBounds(graphNodes), width, height, MIN_ZOOM, FIT_MAX_ZOOM, FIT_PADDING));
  }, [pane, graphNodes, setViewport]);
  useLayoutEffect(() => {
    // A layout effect, so the first painted frame already shows the fitted view.
    if (!pane || fitted === ids) return;
    fit();
    setFitted(ids);
  }, [pane, ids, fitted, fit]);
  // Only selection goes into our node state. A measured size would make a new nodes array, which React Flow adopts
  // node by node and follows with a store update for every subscriber: with culling, nodes are measured as they
  // scroll into view, so that would happen on nearly every pan step. React Flow keeps its measurements internally.
  const onNodesSelect = useCallback(
    (changes: NodeChange<FlowNode>[]) => {
      const selection = changes.filter((change) => change.type === "select");
      if (selection.length > 0) onNodesChange(selection);
    },
    [onNodesChange],
  );
  const onSelectionChange = useCallback(
    ({ nodes: selected }: OnSelectionChangeParams<FlowNode>) => onSelect(selected[0]),
    [onSelect],
  );

  return (
    <ZoomedOut.Provider value={zoomedOut}>
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesSelect}
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
        onlyRenderVisibleElements
        minZoom={MIN_ZOOM}
        maxZoom={1.5}
        proOptions={proOptions}
        className={zoomedOut ? "is-zoomed-out" : undefined}
        // Tells tests and the console bench that the view shows the current graph (nodes in view are mounted).
        data-fitted={fitted === ids ? "true" : "false"}
        aria-label="Event flow: event sources, sensors and triggers"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} showFitView={false} position="bottom-left">
          <ControlButton onClick={fit} className="react-flow__controls-fitview" title="Fit view" aria-label="Fit view">
            <svg viewBox="0 0 32 30" aria-hidden="true">
              <path d="M3.7 11.2V3.7h7.5V0H1.9C.9 0 0 .9 0 1.9v9.3h3.7zm7.5 15.1H3.7v-7.5H0v9.3c0 1 .9 1.9 1.9 1.9h9.3v-3.7zM28.3 18.8v7.5h-7.5V30h9.3c1 0 1.9-.9 1.9-1.9v-9.3h-3.7zM20.8 3.7h7.5v7.5H32V1.9C32 .9 31.1 0 30.1 0h-9.3v3.7z" />
            </svg>
          </ControlButton>
        </Controls>
      </ReactFlow>
    </ZoomedOut.Provider>
  );
}
