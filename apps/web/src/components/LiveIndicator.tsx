"use client";
import { useLiveUpdates } from "../hooks/useLiveUpdates.ts";

const labels = { connecting: "Connecting…", live: "Live", reconnecting: "Reconnecting…", offline: "Offline" } as const;

/** Holds the tab's change subscription and shows whether views are live. */
export function LiveIndicator() {
  const status = useLiveUpdates();
  return (
    <span
      className={`live live--${status}`}
      data-testid="live-status"
      data-status={status}
      role="status"
      title="Views update by themselves while live"
    >
      <span className="live__dot" aria-hidden="true" />
      {labels[status]}
    </span>
  );
}
