"use client";
/**
 * The `/` screen: toolbar (namespace, counts, legend), the live flow graph, and beside it the namespace's events or,
 * once a node is selected (also `?node=<id>`), that node's details: status, counts, join state, runs, its events.
 */
import dynamic from "next/dynamic";
import { useCallback, useMemo, useRef, useState } from "react";
import { NamespaceSwitcher } from "../../../components/NamespaceSwitcher.tsx";
import { RecentEvents } from "../../../components/events/RecentEvents.tsx";
import { FlowCanvas } from "../../../flow/FlowCanvas.tsx";
import { withGeometry } from "../../../flow/geometry.ts";
import { keepUnchanged } from "../../../flow/stableGraph.ts";
import { toGraph } from "../../../flow/toGraph.ts";
import type { FlowEdge, FlowNode } from "../../../flow/types.ts";
import { useLiveActivity } from "../../../hooks/useLiveActivity.ts";
import { useResources } from "../../../hooks/useResources.ts";
import { webhookTargets } from "../../../lib/curl.ts";

// Loaded when a node is selected: it pulls in the engine's browser build (schemas, YAML, cron), which would
// otherwise be parsed and run before the graph could render.
const NodeDetails = dynamic(() => import("./NodeDetails.tsx").then((module) => module.NodeDetails), {
  loading: () => <p className="muted panel-body">Loading…</p>,
});

export function FlowWorkspace({
  namespace,
  webhookHost,
  initialNode,
}: {
  namespace: string;
  webhookHost: string;
  initialNode?: string | undefined;
}) {
  const { eventSources, sensors, namespaces, isPending, error } = useResources(namespace);
  useLiveActivity(namespace);
  const graph = useMemo(() => withGeometry(toGraph({ eventSources, sensors })), [eventSources, sensors]);
  const previousEdges = useRef<FlowEdge[]>([]);
  const edges = useMemo(
    () => (previousEdges.current = keepUnchanged(previousEdges.current, graph.edges)),
    [graph.edges],
  );
  const webhooks = useMemo(() => webhookTargets(eventSources, webhookHost), [eventSources, webhookHost]);
  const [selectedId, setSelectedId] = useState<string | undefined>(initialNode);
  const selected = selectedId ? graph.nodes.find((node) => node.id === selectedId) : undefined;
  const onSelect = useCallback((node: FlowNode | undefined) => {
    if (node) setSelectedId(node.id);
  }, []);
  const close = useCallback(() => setSelectedId(undefined), []);

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
        {selected ? (
          <NodeDetails
            key={selected.id}
            node={selected}
            namespace={namespace}
            eventSources={eventSources}
            sensors={sensors}
            webhooks={webhooks}
            onClose={close}
          />
        ) : (
          <RecentEvents namespace={namespace} webhooks={webhooks} />
        )}
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
