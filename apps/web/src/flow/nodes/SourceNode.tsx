import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { SourceNode as SourceNodeType } from "../types.ts";
import { Activity } from "./Activity.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

/** One event of an EventSource: the event name, its EventSource and type, and the EventSource's status. */
function SourceNodeView({ id, data, selected }: NodeProps<SourceNodeType>) {
  return (
    <div
      className={`flow-node flow-node--source status-${data.status.toLowerCase()}${selected ? " is-selected" : ""}`}
      data-testid={`flow-node-${id}`}
      title={
        data.detail ||
        `${data.sourceType} event ${data.eventName} of EventSource ${data.eventSource} (click to filter events)`
      }
    >
      <div className="flow-node__head">
        <span className="flow-node__kind">{data.sourceType}</span>
        <StatusBadge status={data.status} paused={data.paused} />
      </div>
      <div className="flow-node__title">{data.eventName}</div>
      <div className="flow-node__sub">EventSource {data.eventSource}</div>
      {data.status !== "Ready" && data.detail ? <div className="flow-node__detail">{data.detail}</div> : null}
      <Activity id={id} show="received" />
      <Handle type="source" position={Position.Right} data-testid={`flow-handle-source-${id}`} />
    </div>
  );
}

export const SourceNode = memo(SourceNodeView);
