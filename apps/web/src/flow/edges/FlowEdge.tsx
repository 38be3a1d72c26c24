import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from "@xyflow/react";
import { memo, useContext } from "react";
import { useNodeActivity } from "../activity.ts";
import { ZoomedOut } from "../detail.ts";
import type { FlowEdge as FlowEdgeType } from "../types.ts";

/** An edge of the flow; event → sensor edges carry their dependency's name as a label. */
function FlowEdgeView({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  data,
  markerEnd,
}: EdgeProps<FlowEdgeType>) {
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const dependency = data?.dependency;
  const { pulses } = useNodeActivity(source);
  // Far out a label is unreadable: not rendering it saves a positioned HTML element per edge (hundreds of them).
  const zoomedOut = useContext(ZoomedOut);
  return (
    <>
      {pulses > 0 ? (
        // A dot travels the edge once per pulse of its source (re-keyed to restart).
        <circle key={pulses} r={4} className="flow-edge__pulse" data-testid={`flow-edge-pulse-${source}->${target}`}>
          <animateMotion dur="0.7s" repeatCount="1" fill="freeze" path={path} />
        </circle>
      ) : null}
      <BaseEdge
        path={path}
        markerEnd={markerEnd}
        className="flow-edge"
        data-testid={`flow-edge-${source}->${target}`}
        data-dependency={dependency}
      />
      {dependency && !zoomedOut ? (
        <EdgeLabelRenderer>
          <div
            className="flow-edge__label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`flow-edge-label-${id}`}
            title={`dependency ${dependency}`}
          >
            {dependency}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}

export const FlowEdge = memo(FlowEdgeView);
