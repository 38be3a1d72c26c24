"use client";
/**
 * Trigger runs: status, attempts (HTTP status, duration, error, response excerpt), the request as sent, and for a
 * failed run a Retry, which delivers the event again to that sensor's trigger (a new run, marked as a replay).
 */
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formatLocalTime, formatUtc } from "../../lib/format.ts";
import { useTRPC } from "../../trpc/client.tsx";
import type { RouterOutputs } from "../../trpc/types.ts";

export type RunItem = RouterOutputs["runs"]["list"][number];

interface Attempt {
  attempt: number;
  startedAt: number | undefined;
  durationMs: number | undefined;
  ok: boolean;
  status: number | undefined;
  error: string | undefined;
  responseExcerpt: string | undefined;
}

function readAttempt(record: Record<string, unknown>, index: number): Attempt {
  const number = (value: unknown) => (typeof value === "number" ? value : undefined);
  const text = (value: unknown) => (typeof value === "string" ? value : undefined);
  return {
    attempt: number(record.attempt) ?? index + 1,
    startedAt: number(record.startedAt),
    durationMs: number(record.durationMs),
    ok: record.ok === true,
    status: number(record.status),
    error: text(record.error),
    responseExcerpt: text(record.responseExcerpt),
  };
}

export function RunList({ runs, eventId, namespace }: { runs: readonly RunItem[]; eventId: string; namespace: string }) {
  if (runs.length === 0) return <p className="muted">No trigger ran for this event.</p>;
  return (
    <ul className="runs" aria-label="Trigger runs">
      {runs.map((run) => (
        <RunCard key={run.runId} run={run} eventId={eventId} namespace={namespace} />
      ))}
    </ul>
  );
}

function RunCard({ run, eventId, namespace }: { run: RunItem; eventId: string; namespace: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [message, setMessage] = useState<string>();
  const retry = useMutation(
    trpc.events.replay.mutationOptions({
      onSuccess: (result) => {
        setMessage(`Retried: delivered again as event ${result.replayId.slice(0, 8)}; its run appears below.`);
        void queryClient.invalidateQueries(trpc.runs.pathFilter());
        void queryClient.invalidateQueries(trpc.events.byId.pathFilter());
      },
      onError: (error) => setMessage(`Retry failed: ${error.message}`),
    }),
  );
  const attempts = run.attempts.map(readAttempt);
  const duration =
    run.finishedAt !== null ? `${Math.max(0, Date.parse(run.finishedAt) - Date.parse(run.startedAt))} ms` : "running";
  const request = run.request;
  return (
    <li className="run" data-testid={`run-${run.runId}`} data-status={run.status} data-trigger={`${run.sensor}/${run.trigger}`}>
      <div className="run__head">
        <span className={`pill pill--${run.status}`}>{run.status}</span>
        <b>
          {run.sensor}/{run.trigger}
        </b>
        {run.replayOf ? <span className="pill pill--replay">replay</span> : null}
        <span className="muted small">
          <time dateTime={run.startedAt} title={formatUtc(run.startedAt)}>
            {formatLocalTime(run.startedAt)}
          </time>{" "}
          · {duration} · {attempts.length} {attempts.length === 1 ? "attempt" : "attempts"}
        </span>
        <span className="spacer" />
        {run.status === "failed" ? (
          <button
            type="button"
            className="button button--small"
            data-testid={`run-retry-${run.runId}`}
            disabled={retry.isPending}
            onClick={() => retry.mutate({ id: eventId, namespace, sensor: run.sensor, trigger: run.trigger })}
          >
            {retry.isPending ? "Retrying…" : "Retry"}
          </button>
        ) : null}
      </div>
      {run.error ? <div className="run__error">{run.error}</div> : null}
      {message ? (
        <p className="notice small" role="status">
          {message}
        </p>
      ) : null}
      {attempts.length > 0 ? (
        <table className="attempts" data-testid={`run-attempts-${run.runId}`}>
          <caption className="sr-only">Attempts of run {run.runId}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">time</th>
              <th scope="col">result</th>
              <th scope="col">duration</th>
              <th scope="col">response / error</th>
            </tr>
          </thead>
          <tbody>
            {attempts.map((attempt) => (
              <tr key={attempt.attempt} className={attempt.ok ? "" : "is-failed"}>
                <td>{attempt.attempt}</td>
                <td>
                  {attempt.startedAt !== undefined ? (
                    <time
                      dateTime={new Date(attempt.startedAt).toISOString()}
                      title={formatUtc(new Date(attempt.startedAt).toISOString())}
                    >
                      {formatLocalTime(new Date(attempt.startedAt).toISOString())}
                    </time>
                  ) : null}
                </td>
                <td>
                  {attempt.status !== undefined ? `HTTP ${attempt.status}` : ""} {attempt.ok ? "ok" : "failed"}
                </td>
                <td>{attempt.durationMs !== undefined ? `${attempt.durationMs} ms` : ""}</td>
                <td className="attempts__detail">
                  {attempt.error ? <div className="error-text">{attempt.error}</div> : null}
                  {attempt.responseExcerpt ? <code>{attempt.responseExcerpt.slice(0, 300)}</code> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {request ? (
        <details className="run__request">
          <summary>Request as sent</summary>
          <pre className="json">{JSON.stringify(request, null, 2)}</pre>
        </details>
      ) : null}
      {run.dlq ? (
        <details className="run__request">
          <summary>Dead-letter trigger</summary>
          <pre className="json">{JSON.stringify(run.dlq, null, 2)}</pre>
        </details>
      ) : null}
    </li>
  );
}
