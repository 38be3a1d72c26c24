import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { SensorNode as SensorNodeType } from "../types.ts";
import { Activity } from "./Activity.tsx";
import { StatusBadge } from "./StatusBadge.tsx";

/** A Sensor: its name, status, and how many dependencies and triggers it has. */
function SensorNodeView({ id, data, selected }: NodeProps<SensorNodeType>) {
  return (
    <div
      className={`flow-node flow-node--sensor status-${data.status.toLowerCase()}${selected ? " is-selected" : ""}`}
      data-testid={`flow-node-${id}`}
      title={data.detail || `Sensor ${data.sensor}`}
    >
      <Handle type="target" position={Position.Left} data-testid={`flow-handle-target-${id}`} />
      <div className="flow-node__head">
        <span className="flow-node__kind">sensor</span>
        <StatusBadge status={data.status} paused={data.paused} />
      </div>
      <div className="flow-node__title">{data.sensor}</div>
      <div className="flow-node__sub">
        {data.dependencies} {data.dependencies === 1 ? "dependency" : "dependencies"} · {data.triggers}{" "}
        {data.triggers === 1 ? "trigger" : "triggers"}
      </div>
      {data.status !== "Ready" && data.detail ? <div className="flow-node__detail">{data.detail}</div> : null}
      <Activity id={id} show="runs" />
      <Handle type="source" position={Position.Right} data-testid={`flow-handle-source-${id}`} />
    </div>
  );
}

export const SensorNode = memo(SensorNodeView);
