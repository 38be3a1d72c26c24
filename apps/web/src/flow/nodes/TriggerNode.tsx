import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { TriggerNode as TriggerNodeType } from "../types.ts";
import { Activity } from "./Activity.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

/** A trigger, typed by its template key (http, log, …). */
function TriggerNodeView({ id, data, selected }: NodeProps<TriggerNodeType>) {
  return (
    <div
      className={`flow-node flow-node--trigger status-${data.status.toLowerCase()}${selected ? " is-selected" : ""}`}
      data-testid={`flow-node-${id}`}
      title={
        data.sensor
          ? `${data.triggerType} trigger ${data.trigger} of Sensor ${data.sensor}`
          : `${data.triggerType} trigger ${data.trigger}: drag from a sensor to it to add it there`
      }
    >
      <Handle type="target" position={Position.Left} data-testid={`flow-handle-target-${id}`} />
      <div className="flow-node__head">
        <span className="flow-node__kind">{data.triggerType}</span>
        <StatusBadge status={data.status} paused={data.paused} />
      </div>
      <div className="flow-node__title">{data.trigger}</div>
      <div className="flow-node__sub">{data.sensor ? `trigger of ${data.sensor}` : "not connected to a sensor"}</div>
      {data.sensor ? <Activity id={id} show="runs" /> : null}
    </div>
  );
}

export const TriggerNode = memo(TriggerNodeView);
