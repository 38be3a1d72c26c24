"use client";
/**
 * What happened to one event in the sensors it reached: each explain record (dependency, filter verdicts, join)
 * and each trigger run it fed. Loaded when the row is opened.
 */
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../../trpc/client.tsx";

interface Explain {
  sensor: string;
  trigger: string;
  dependency: string;
  outcome: string;
  reasons: string[];
}

function readExplain(record: Record<string, unknown>): Explain {
  const text = (value: unknown) => (typeof value === "string" ? value : "");
  const filters = Array.isArray(record.filters) ? (record.filters as Record<string, unknown>[]) : [];
  const reasons = filters
    .filter((filter) => filter.pass === false)
    .map((filter) => `${text(filter.path)}: ${text(filter.reason)}`);
  if (typeof record.error === "string") reasons.push(record.error);
  return {
    sensor: text(record.sensor),
    trigger: text(record.trigger),
    dependency: text(record.dependency),
    outcome: text(record.outcome),
    reasons,
  };
}

export function EventOutcome({ id, namespace }: { id: string; namespace: string }) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.events.byId.queryOptions({ id, namespace }));
  if (detail.isPending) return <p className="muted">Loading what this event did…</p>;
  if (detail.error) return <p className="error-text">Could not load this event’s outcome: {detail.error.message}</p>;
  const explains = detail.data.explains.map(readExplain);
  const runs = detail.data.runs;
  if (explains.length === 0 && runs.length === 0) {
    return (
      <p className="muted">
        No sensor has processed this event (yet). A Sensor with a dependency on {detail.data.event.source}/
        {detail.data.event.subject} would.
      </p>
    );
  }
  return (
    <div className="outcome" data-testid={`event-outcome-${id}`}>
      {explains.length > 0 ? (
        <ul className="outcome__list" aria-label="Sensors">
          {explains.map((explain, index) => (
            <li key={index}>
              <span className={`pill pill--${explain.outcome}`}>{explain.outcome}</span> sensor <b>{explain.sensor}</b>{" "}
              · trigger {explain.trigger} · dependency {explain.dependency}
              {explain.reasons.length > 0 ? <div className="outcome__reasons">{explain.reasons.join("; ")}</div> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {runs.length > 0 ? (
        <ul className="outcome__list" aria-label="Trigger runs">
          {runs.map((run) => (
            <li key={run.runId}>
              <span className={`pill pill--${run.status}`}>{run.status}</span> run of{" "}
              <b>
                {run.sensor}/{run.trigger}
              </b>
              {run.attempts.length > 1 ? ` · ${run.attempts.length} attempts` : ""}
              {run.error ? <div className="outcome__reasons">{run.error}</div> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
