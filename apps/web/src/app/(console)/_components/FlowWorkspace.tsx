"use client";
/**
 * The `/` screen: toolbar (namespace, counts, legend), the flow graph, and the namespace's events beside it.
 * Selecting an event node narrows the events to that (EventSource, event name).
 */
import { useCallback, useMemo, useRef, useState } from "react";
import { NamespaceSwitcher } from "../../../components/NamespaceSwitcher.tsx";
import { RecentEvents } from "../../../components/events/RecentEvents.tsx";
import { FlowCanvas } from "../../../flow/FlowCanvas.tsx";
import { keepUnchanged } from "../../../flow/stableGraph.ts";
import { toGraph } from "../../../flow/toGraph.ts";
import type { FlowEdge, FlowNode } from "../../../flow/types.ts";
import { useResources } from "../../../hooks/useResources.ts";
import { webhookTargets } from "../../../lib/curl.ts";

export function FlowWorkspace({ namespace, webhookHost }: { namespace: string; webhookHost: string }) {
  const { eventSources, sensors, namespaces, isPending, error } = useResources(namespace);
  const graph = useMemo(() => toGraph({ eventSources, sensors }), [eventSources, sensors]);
  const previousEdges = useRef<FlowEdge[]>([]);
  const edges = useMemo(
    () => (previousEdges.current = keepUnchanged(previousEdges.current, graph.edges)),
    [graph.edges],
  );
  const webhooks = useMemo(() => webhookTargets(eventSources, webhookHost), [eventSources, webhookHost]);
  const [filter, setFilter] = useState<{ source: string; subject: string }>();
  const onSelect = useCallback((node: FlowNode | undefined) => {
    setFilter(node?.type === "source" ? { source: node.data.eventSource, subject: node.data.eventName } : undefined);
  }, []);
  const clearFilter = useCallback(() => setFilter(undefined), []);

  const counts = useMemo(() => {
    const count = (type: FlowNode["type"]) => graph.nodes.filter((node) => node.type === type).length;
    return { events: count("source"), sensors: count("sensor"), triggers: count("trigger") };
  }, [graph.nodes]);

  return (
    <main className="workspace">
      <div className="toolbar">
        <NamespaceSwitcher namespace={namespace} namespaces={namespaces} />
        <span className="muted" data-testid="flow-counts">
          {plural(counts.events, "event")} · {plural(counts.sensors, "sensor")} · {plural(counts.triggers, "trigger")}
        </span>
        <span className="spacer" />
        <Legend />
      </div>
      <div className="split">
        <section className="graph" aria-label="Flow graph" data-testid="flow-graph">
          {error ? (
            <p className="error-text panel-body" role="alert">
              Could not load the flow: {error.message}
            </p>
          ) : isPending ? (
            <p className="muted panel-body">Loading the flow…</p>
          ) : graph.nodes.length === 0 ? (
            <EmptyFlow namespace={namespace} />
          ) : (
            <FlowCanvas nodes={graph.nodes} edges={edges} onSelect={onSelect} />
          )}
        </section>
        <RecentEvents
          namespace={namespace}
          source={filter?.source}
          subject={filter?.subject}
          webhooks={webhooks}
          onClearFilter={clearFilter}
        />
      </div>
    </main>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

function Legend() {
  return (
    <ul className="legend" aria-label="Status colours">
      {(["Ready", "Pending", "Failed", "Missing"] as const).map((status) => (
        <li key={status}>
          <span className={`status-dot status-${status.toLowerCase()}`} aria-hidden="true" />
          {status}
        </li>
      ))}
    </ul>
  );
}

function EmptyFlow({ namespace }: { namespace: string }) {
  return (
    <div className="empty empty--center" data-testid="flow-empty">
      <h2>No EventSources or Sensors in {namespace}</h2>
      <p>Apply manifests (Argo Events YAML) and they appear here at once:</p>
      <div className="command">
        <code>npx signalbox apply -f my-flow.yaml</code>
      </div>
      <p className="muted">
        or <code>POST /api/v1/manifests</code> with the YAML as the body. <code>npm start</code> applies a demo flow
        (webhook → sensor → log) in the <code>default</code> namespace.
      </p>
    </div>
  );
}
