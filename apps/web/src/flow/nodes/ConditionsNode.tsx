import { Handle, Position, type NodeProps } from "@xyflow/react";
import { memo } from "react";
import type { ConditionsNode as ConditionsNodeType } from "../types.ts";

/** A trigger's `conditions` expression over dependency names. */
function ConditionsNodeView({ id, data, selected }: NodeProps<ConditionsNodeType>) {
  return (
    <div
      className={`flow-node flow-node--conditions${selected ? " is-selected" : ""}`}
      data-testid={`flow-node-${id}`}
      title={`Trigger ${data.trigger} fires when: ${data.expression}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <div className="flow-node__head">
        <span className="flow-node__kind">conditions</span>
      </div>
      <code className="flow-node__expression">{data.expression}</code>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

export const ConditionsNode = memo(ConditionsNodeView);
