"use client";
import { memo } from "react";
import { useNodeActivity } from "../activity.ts";

/**
 * A node's live counters and its pulse. The pulse element is re-keyed on every pulse, which restarts its CSS
 * animation; `data-pulses` lets tests (and curious users) see how many times the node pulsed.
 */
function ActivityView({ id, show }: { id: string; show: "received" | "runs" }) {
  const { received, fired, failed, pulses } = useNodeActivity(id);
  const text =
    show === "received"
      ? received > 0
        ? `${received} received`
        : ""
      : fired + failed > 0
        ? `${fired} fired${failed > 0 ? ` · ${failed} failed` : ""}`
        : "";
  return (
    <>
      {pulses > 0 ? <span key={pulses} className="flow-node__pulse" aria-hidden="true" /> : null}
      <div className="flow-node__activity" data-testid={`flow-activity-${id}`} data-pulses={pulses} aria-live="off">
        {text}
      </div>
    </>
  );
}

export const Activity = memo(ActivityView);
