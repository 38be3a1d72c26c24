"use client";
/**
 * The builder's canvas: the draft's graph, editable. Palette items dropped here are added where they land; dragging
 * from an event's handle to a sensor adds a dependency, from a sensor's handle to an unconnected trigger adds the
 * trigger to the sensor. Nodes can be moved; the layout is kept for the session.
 */
import "@xyflow/react/dist/style.css";
import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Connection,
  type DefaultEdgeOptions,
  type Edge,
} from "@xyflow/react";
import { useCallback, useMemo, useState, type DragEvent, type KeyboardEvent } from "react";
import { refOf } from "../../../../builder/graph.ts";
import { edgeTypes, nodeTypes } from "../../../../flow/nodeTypes.ts";
import type { FlowEdge, FlowNode } from "../../../../flow/types.ts";
import { useFlowNodes } from "../../../../hooks/useFlowNodes.ts";
import { PALETTE_MIME, type PaletteItem } from "./Palette.tsx";

const defaultEdgeOptions: DefaultEdgeOptions = {
  markerEnd: { type: MarkerType.ArrowClosed, width: 16, height: 16 },
  selectable: false,
  focusable: false,
};
const fitViewOptions = { padding: 0.2, maxZoom: 1 };
const proOptions = { hideAttribution: false };

export interface BuilderCanvasProps {
  nodes: FlowNode[];
  edges: FlowEdge[];
  selectedId: string | undefined;
  onSelect: (node: FlowNode | undefined) => void;
  onDropItem: (item: PaletteItem, position: { x: number; y: number }) => void;
  onConnect: (from: FlowNode, to: FlowNode) => void;
  onMove: (id: string, position: { x: number; y: number }) => void;
}

export function BuilderCanvas(props: BuilderCanvasProps) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ nodes: graphNodes, edges, selectedId, onSelect, onDropItem, onConnect, onMove }: BuilderCanvasProps) {
  const { nodes: merged, onNodesChange } = useFlowNodes(graphNodes);
  // Selection is the workspace's: exactly the selected node carries the flag, whatever React Flow did on a click.
  const nodes = useMemo(
    () => merged.map((node) => ((node.selected ?? false) === (node.id === selectedId) ? node : { ...node, selected: node.id === selectedId })),
    [merged, selectedId],
  );
  const { screenToFlowPosition, getNode } = useReactFlow<FlowNode, FlowEdge>();
  const count = graphNodes.length;
  // Fit what the API had when the canvas opened; an empty canvas keeps its viewport, so drops land where they fall.
  const [fitAtStart] = useState(count > 0);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(PALETTE_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "copy";
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      const raw = event.dataTransfer.getData(PALETTE_MIME);
      if (!raw) return;
      event.preventDefault();
      const item = JSON.parse(raw) as PaletteItem;
      onDropItem(item, screenToFlowPosition({ x: event.clientX, y: event.clientY }));
    },
    [onDropItem, screenToFlowPosition],
  );
  const pair = useCallback(
    (connection: Connection | Edge) => {
      const from = getNode(connection.source);
      const to = getNode(connection.target);
      return from && to ? { from, to } : undefined;
    },
    [getNode],
  );
  const isValidConnection = useCallback(
    (connection: Connection | Edge) => {
      const nodesOf = pair(connection);
      if (!nodesOf) return false;
      const from = refOf(nodesOf.from);
      const to = refOf(nodesOf.to);
      return (from?.type === "source" && to?.type === "sensor") || (from?.type === "sensor" && to?.type === "orphan");
    },
    [pair],
  );
  const handleConnect = useCallback(
    (connection: Connection) => {
      const nodesOf = pair(connection);
      if (nodesOf) onConnect(nodesOf.from, nodesOf.to);
    },
    [pair, onConnect],
  );
  const onNodeClick = useCallback((_: unknown, node: FlowNode) => onSelect(node), [onSelect]);
  // React Flow's own selection is off (the workspace owns it), so Enter or Space on a focused node selects it here.
  const onKeyDown = useCallback(
    (event: KeyboardEvent) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      const element = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node");
      const node = element?.dataset.id ? getNode(element.dataset.id) : undefined;
      if (!node) return;
      event.preventDefault();
      onSelect(node);
    },
    [getNode, onSelect],
  );

  return (
    <div className="builder-canvas" onDragOver={onDragOver} onDrop={onDrop} onKeyDown={onKeyDown} data-testid="builder-canvas">
      <ReactFlow<FlowNode, FlowEdge>
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onNodeClick={onNodeClick}
        elementsSelectable={false}
        onNodeDragStop={(_, node) => onMove(node.id, node.position)}
        onConnect={handleConnect}
        isValidConnection={isValidConnection}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        defaultEdgeOptions={defaultEdgeOptions}
        nodesDraggable
        nodesConnectable
        edgesFocusable={false}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        deleteKeyCode={null}
        fitView={fitAtStart}
        fitViewOptions={fitViewOptions}
        minZoom={0.1}
        maxZoom={1.5}
        proOptions={proOptions}
        aria-label="Flow being built: drop palette items here and connect them"
      >
        <Background gap={24} size={1} />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      {count === 0 ? (
        <div className="builder-canvas__empty" data-testid="builder-empty">
          <p>
            <b>Drag a webhook, a sensor and a trigger here</b>, then connect them: event → sensor → trigger.
          </p>
        </div>
      ) : null}
    </div>
  );
}
