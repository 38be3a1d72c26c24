import type { NodeStatus } from "../types.ts";

/** A coloured dot and word for a node's status (colour alone is not enough to read it). */
export function StatusBadge({ status, paused }: { status: NodeStatus; paused: boolean }) {
  return (
    <span className={`status-badge status-${status.toLowerCase()}`}>
      <span className="status-dot" aria-hidden="true" />
      {paused ? `${status} · paused` : status}
    </span>
  );
}
