import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TriggerNode as TriggerNodeType } from "../types.ts";
import { StatusBadge } from "./StatusBadge.tsx";

/** A trigger, typed by its template key (http, log, …). */
function TriggerNodeView({ id, data, selected }: NodeProps<TriggerNodeType>) {
  return (
    <div
      className={`flow-node flow-node--trigger status-${data.status.toLowerCase()}${selected ? " is-selected" : ""}`}
      data-testid={`flow-node-${id}`}
      title={`${data.triggerType} trigger ${data.trigger} of Sensor ${data.sensor}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flow-node__head">
        <span className="flow-node__kind">{data.triggerType}</span>
        <StatusBadge status={data.status} paused={data.paused} />
      </div>
      <div className="flow-node__title">{data.trigger}</div>
      <div className="flow-node__sub">trigger of {data.sensor}</div>
    </div>
  );
}

export const TriggerNode = memo(TriggerNodeView);
