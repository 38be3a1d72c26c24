"use client";
/**
 * What a graph node stands for, beside the graph: its resource's status and conditions, pause/resume, counts by
 * outcome, and for an event its recent events, for a sensor its join state (which dependencies hold an event now,
 * since when, and when that resets) and runs, for a trigger its runs.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { RecentEvents } from "../../../components/events/RecentEvents.tsx";
import { nextTick } from "../../../engine/index.ts";
import type { FlowNode } from "../../../flow/types.ts";
import type { WebhookTarget } from "../../../lib/curl.ts";
import { filterToQuery, type EventFilterState } from "../../../lib/eventFilter.ts";
import { formatLocalTime, formatUtc, shortId } from "../../../lib/format.ts";
import { useTRPC } from "../../../trpc/client.tsx";
import type { ResourceItem, RouterOutputs } from "../../../trpc/types.ts";

type Run = RouterOutputs["runs"]["list"][number];

export interface NodeDetailsProps {
  node: FlowNode;
  namespace: string;
  eventSources: readonly ResourceItem[];
  sensors: readonly ResourceItem[];
  webhooks: readonly WebhookTarget[];
  onClose: () => void;
}

const noFilter: Omit<EventFilterState, "namespace"> = { source: "", subject: "", type: "", sensor: "", trigger: "", outcome: "", from: "", to: "", match: [] };

export function NodeDetails({ node, namespace, eventSources, sensors, webhooks, onClose }: NodeDetailsProps) {
  const title =
    node.type === "source"
      ? `${node.data.eventSource} / ${node.data.eventName}`
      : node.type === "sensor"
        ? node.data.sensor
        : `${node.data.sensor} / ${node.data.trigger}`;
  const kind = node.type === "source" ? `${node.data.sourceType} event` : node.type === "sensor" ? "sensor" : node.type === "trigger" ? `${node.data.triggerType} trigger` : "conditions";
  const resource =
    node.type === "source"
      ? eventSources.find((item) => item.name === node.data.eventSource)
      : sensors.find((item) => item.name === node.data.sensor);
  return (
    <aside className="events node-details" aria-label={`${kind} ${title}`} data-testid="node-details">
      <header className="panel-header">
        <div className="node-details__title">
          <span className="flow-node__kind">{kind}</span>
          <h2>{title}</h2>
        </div>
        <span className="spacer" />
        <button type="button" className="dialog__close" onClick={onClose} aria-label="Close the details">
          ×
        </button>
      </header>
      <div className="detail__body">
        {resource ? <ResourceStatus resource={resource} namespace={namespace} /> : <p className="muted">Not applied: a dependency names it, but it does not exist.</p>}
        {node.type === "source" ? (
          <>
            <Counts namespace={namespace} filters={[{ label: "events stored", filter: { source: node.data.eventSource, subject: node.data.eventName } }]} />
            <RecentEvents namespace={namespace} source={node.data.eventSource} subject={node.data.eventName} webhooks={webhooks} />
          </>
        ) : node.type === "sensor" ? (
          <>
            <Counts
              namespace={namespace}
              filters={(["fired", "filtered", "failed"] as const).map((outcome) => ({ label: outcome, filter: { sensor: node.data.sensor, outcome } }))}
            />
            <JoinState namespace={namespace} sensor={node.data.sensor} resource={resource} />
            <Runs namespace={namespace} sensor={node.data.sensor} />
          </>
        ) : node.type === "trigger" || node.type === "conditions" ? (
          <>
            <Counts
              namespace={namespace}
              filters={(["fired", "failed"] as const).map((outcome) => ({ label: outcome, filter: { sensor: node.data.sensor, trigger: node.data.trigger, outcome } }))}
            />
            <JoinState namespace={namespace} sensor={node.data.sensor} trigger={node.data.trigger} resource={resource} />
            <Runs namespace={namespace} sensor={node.data.sensor} trigger={node.data.trigger} />
          </>
        ) : null}
        <p className="small">
          <Link href={`/build?ns=${encodeURIComponent(namespace)}`}>Edit in the builder</Link>
        </p>
      </div>
    </aside>
  );
}

function ResourceStatus({ resource, namespace }: { resource: ResourceItem; namespace: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const ref = { namespace, name: resource.name };
  const onSettled = () => {
    void queryClient.invalidateQueries(trpc.sources.pathFilter());
    void queryClient.invalidateQueries(trpc.sensors.pathFilter());
  };
  const pauseSource = useMutation(trpc.sources.pause.mutationOptions({ onSettled }));
  const resumeSource = useMutation(trpc.sources.resume.mutationOptions({ onSettled }));
  const pauseSensor = useMutation(trpc.sensors.pause.mutationOptions({ onSettled }));
  const resumeSensor = useMutation(trpc.sensors.resume.mutationOptions({ onSettled }));
  const busy = pauseSource.isPending || resumeSource.isPending || pauseSensor.isPending || resumeSensor.isPending;
  const error = pauseSource.error ?? resumeSource.error ?? pauseSensor.error ?? resumeSensor.error;
  const toggle = () => {
    if (resource.kind === "EventSource") (resource.paused ? resumeSource : pauseSource).mutate(ref);
    else (resource.paused ? resumeSensor : pauseSensor).mutate(ref);
  };
  return (
    <section aria-labelledby="status-heading">
      <div className="section-head">
        <h3 id="status-heading">
          {resource.kind} {resource.name}
        </h3>
        <button type="button" className="button button--small" onClick={toggle} disabled={busy} data-testid="node-pause-toggle">
          {resource.paused ? "Resume" : "Pause"}
        </button>
      </div>
      <p className="small" data-testid="node-status">
        <span className={`status-badge status-${resource.status.summary.toLowerCase()}`}>
          <span className="status-dot" aria-hidden="true" />
          {resource.status.summary}
        </span>
        {resource.paused ? (resource.kind === "EventSource" ? " · paused: webhooks answer 503, nothing is published" : " · paused: events wait on the bus") : ""}
        {" · "}resourceVersion {resource.resourceVersion} · updated{" "}
        <time dateTime={resource.updatedAt} title={formatUtc(resource.updatedAt)}>
          {formatLocalTime(resource.updatedAt)}
        </time>
      </p>
      {error ? <p className="error-text small">{error.message}</p> : null}
      {resource.status.conditions.length > 0 ? (
        <ul className="conditions">
          {resource.status.conditions.map((condition) => (
            <li key={condition.type}>
              <span className={`pill pill--${condition.status === "True" ? "succeeded" : condition.status === "False" ? "failed" : "running"}`}>{condition.status}</span>{" "}
              {condition.type}
              {condition.reason ? ` · ${condition.reason}` : ""}
              {condition.message ? <span className="muted"> — {condition.message}</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function Counts({ namespace, filters }: { namespace: string; filters: { label: string; filter: Partial<EventFilterState> }[] }) {
  return (
    <ul className="counts" data-testid="node-counts">
      {filters.map(({ label, filter }) => (
        <Count key={label} namespace={namespace} label={label} filter={filter} />
      ))}
    </ul>
  );
}

function Count({ namespace, label, filter }: { namespace: string; label: string; filter: Partial<EventFilterState> }) {
  const trpc = useTRPC();
  const input = Object.fromEntries(Object.entries({ namespace, ...filter }).filter(([, value]) => value !== "" && value !== undefined));
  const count = useQuery(trpc.events.count.queryOptions(input));
  const full = { ...noFilter, namespace, ...filter };
  return (
    <li>
      <Link href={`/events?${filterToQuery(full)}`} className="count" data-testid={`node-count-${label.replace(/\s+/g, "-")}`}>
        <b>{count.data ? count.data.count.toLocaleString() : "…"}</b> <span className="muted">{label}</span>
      </Link>
    </li>
  );
}

function JoinState({ namespace, sensor, trigger, resource }: { namespace: string; sensor: string; trigger?: string; resource: ResourceItem | undefined }) {
  const trpc = useTRPC();
  // Held events change when the sensor processes an event, which has no change notification of its own: refresh on
  // event and run notifications (useLiveUpdates) and, while this panel is open, every 2 s.
  const state = useQuery({ ...trpc.sensors.joinState.queryOptions({ namespace, name: sensor }), refetchInterval: 2_000 });
  const resets = useMemo(() => resetsOf(resource), [resource]);
  const entries = (state.data ?? []).filter((entry) => !trigger || entry.trigger === trigger);
  const dependencies = useMemo(() => {
    const spec = (resource?.manifest.spec ?? {}) as { dependencies?: { name?: string }[] };
    return (spec.dependencies ?? []).map((dependency) => dependency.name ?? "").filter(Boolean);
  }, [resource]);
  if (state.isPending) return null;
  return (
    <section aria-labelledby="join-heading" data-testid="join-state">
      <h3 id="join-heading">Join state</h3>
      {entries.length === 0 ? (
        <p className="muted small">Nothing held: no trigger is waiting for more events.</p>
      ) : (
        entries.map((entry) => {
          const held = new Map(entry.held.map((item) => [item.dependency, item]));
          const reset = resets.get(entry.trigger);
          return (
            <div key={entry.trigger} className="join" data-testid={`join-${entry.trigger}`}>
              <div className="small">
                trigger <b>{entry.trigger}</b> fires when <code>{entry.expression}</code>
              </div>
              <table className="verdicts">
                <caption className="sr-only">Dependencies of {entry.trigger}</caption>
                <thead>
                  <tr>
                    <th scope="col">dependency</th>
                    <th scope="col">holds</th>
                    <th scope="col">since</th>
                  </tr>
                </thead>
                <tbody>
                  {dependencies.map((dependency) => {
                    const item = held.get(dependency);
                    return (
                      <tr key={dependency} data-testid={`join-dependency-${dependency}`} data-held={Boolean(item)}>
                        <td>{dependency}</td>
                        <td>
                          {item ? (
                            <Link href={`/events?ns=${encodeURIComponent(namespace)}&id=${item.eventId}`}>event {shortId(item.eventId)}</Link>
                          ) : (
                            <span className="muted">waiting</span>
                          )}
                        </td>
                        <td>
                          {item ? (
                            <time dateTime={new Date(item.since).toISOString()} title={formatUtc(new Date(item.since).toISOString())}>
                              {formatLocalTime(new Date(item.since).toISOString())}
                            </time>
                          ) : null}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <p className="muted small" data-testid={`join-reset-${entry.trigger}`}>
                {reset
                  ? `Held events are discarded on ${reset.cron} (${reset.timezone})${reset.next ? `; next at ${formatLocalTime(new Date(reset.next).toISOString())}` : ""}.`
                  : "Held events stay until the trigger fires (no conditionsReset)."}
              </p>
            </div>
          );
        })
      )}
    </section>
  );
}

/** Trigger name → its `conditionsReset.byTime` schedule and next tick. */
function resetsOf(resource: ResourceItem | undefined): Map<string, { cron: string; timezone: string; next: number | undefined }> {
  const out = new Map<string, { cron: string; timezone: string; next: number | undefined }>();
  const spec = (resource?.manifest.spec ?? {}) as { triggers?: { template?: { name?: string; conditionsReset?: { byTime?: { cron?: string; timezone?: string } }[] } }[] };
  for (const trigger of spec.triggers ?? []) {
    const byTime = trigger.template?.conditionsReset?.find((reset) => reset.byTime?.cron)?.byTime;
    if (!trigger.template?.name || !byTime?.cron) continue;
    const timezone = byTime.timezone ?? "UTC";
    let next: number | undefined;
    try {
      next = nextTick({ cron: byTime.cron, timezone }, Date.now());
    } catch {
      next = undefined;
    }
    out.set(trigger.template.name, { cron: byTime.cron, timezone, next });
  }
  return out;
}

function Runs({ namespace, sensor, trigger }: { namespace: string; sensor: string; trigger?: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.list.queryOptions({ namespace, sensor, ...(trigger ? { trigger } : {}), limit: 25 }));
  return (
    <section aria-labelledby="runs-list-heading">
      <h3 id="runs-list-heading">Recent runs</h3>
      {runs.isPending ? (
        <p className="muted small">Loading runs…</p>
      ) : (runs.data ?? []).length === 0 ? (
        <p className="muted small">No run yet: runs appear when the sensor fires.</p>
      ) : (
        <ul className="plain-list run-rows" data-testid="node-runs">
          {(runs.data ?? []).map((run: Run) => {
            const eventId = Object.values(run.events)[0];
            return (
              <li key={run.runId}>
                <span className={`pill pill--${run.status}`}>{run.status}</span>{" "}
                <time dateTime={run.startedAt} title={formatUtc(run.startedAt)}>
                  {formatLocalTime(run.startedAt)}
                </time>{" "}
                {trigger ? "" : <b>{run.trigger}</b>} <span className="muted small">{run.attempts.length} attempt{run.attempts.length === 1 ? "" : "s"}</span>{" "}
                {eventId ? <Link href={`/events?ns=${encodeURIComponent(namespace)}&id=${eventId}`}>event {shortId(eventId)}</Link> : null}
                {run.error ? <div className="error-text small">{run.error}</div> : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
