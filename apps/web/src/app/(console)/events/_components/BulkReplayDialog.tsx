"use client";
/**
 * Bulk replay by the current search: how many events it would replay (estimated now), to which target, how fast;
 * then the job's progress, and the history of bulk replays. The job runs in the API (oldest first, rate-limited,
 * resumed after a restart); closing the dialog does not stop it.
 */
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Dialog } from "../../../../components/Dialog.tsx";
import { describeFilter, filterToApi, type EventFilterState } from "../../../../lib/eventFilter.ts";
import { formatLocalTime, formatUtc } from "../../../../lib/format.ts";
import { useTRPC } from "../../../../trpc/client.tsx";
import type { RouterOutputs } from "../../../../trpc/types.ts";
import type { SearchOptions } from "./SearchBar.tsx";

type ReplayJob = RouterOutputs["replays"]["byId"];

export function BulkReplayDialog({
  open,
  onClose,
  filter,
  options,
}: {
  open: boolean;
  onClose: () => void;
  filter: EventFilterState;
  options: SearchOptions;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const apiFilter = filterToApi(filter);
  const estimate = useQuery({ ...trpc.replays.estimate.queryOptions({ filter: apiFilter }), enabled: open });
  const history = useQuery({ ...trpc.replays.list.queryOptions({ limit: 10 }), enabled: open });
  const [sensor, setSensor] = useState("");
  const [trigger, setTrigger] = useState("");
  const [rate, setRate] = useState(200);
  const [jobId, setJobId] = useState<string>();
  const job = useQuery({
    ...trpc.replays.byId.queryOptions({ id: jobId ?? "" }),
    enabled: open && jobId !== undefined,
    refetchInterval: (query) => (isActive(query.state.data) ? 500 : false),
  });
  const create = useMutation(
    trpc.replays.create.mutationOptions({
      onSuccess: (created) => {
        setJobId(created.id);
        void queryClient.invalidateQueries(trpc.replays.list.pathFilter());
      },
    }),
  );
  const cancel = useMutation(trpc.replays.cancel.mutationOptions());
  const triggers = options.sensors.find((candidate) => candidate.sensor === sensor)?.triggers ?? [];
  const current = job.data ?? create.data;

  return (
    <Dialog open={open} onClose={onClose} title="Bulk replay" testId="bulk-replay-dialog" wide>
      <div className="form">
        <p>
          Events: <b>{describeFilter(filter)}</b>
        </p>
        <p data-testid="bulk-estimate" aria-live="polite">
          {estimate.isPending
            ? "Counting matching events…"
            : estimate.error
              ? `Could not count: ${estimate.error.message}`
              : `${estimate.data.count.toLocaleString()} ${estimate.data.count === 1 ? "event matches" : "events match"} now (events stored while the replay runs are not included).`}
        </p>
        <div className="form__row">
          <label className="field">
            <span>Target</span>
            <select
              value={sensor}
              onChange={(change) => {
                setSensor(change.target.value);
                setTrigger("");
              }}
              data-testid="bulk-sensor"
            >
              <option value="">The sensors each event reached (republish)</option>
              {options.sensors.map((candidate) => (
                <option key={candidate.sensor} value={candidate.sensor}>
                  sensor {candidate.sensor}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>Trigger</span>
            <select value={trigger} onChange={(change) => setTrigger(change.target.value)} disabled={!sensor} data-testid="bulk-trigger">
              <option value="">All its triggers</option>
              {triggers.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>At most per second</span>
            <input
              type="number"
              min={1}
              max={1000}
              value={rate}
              onChange={(change) => setRate(Math.max(1, Math.min(1000, Number(change.target.value) || 1)))}
            />
          </label>
        </div>
        {create.error ? (
          <p className="error-text" role="alert">
            {create.error.message}
          </p>
        ) : null}
        <div className="form__actions">
          <button type="button" className="button" onClick={onClose}>
            Close
          </button>
          <button
            type="button"
            className="button button--primary"
            data-testid="bulk-start"
            disabled={create.isPending || estimate.data?.count === 0 || isActive(current)}
            onClick={() =>
              create.mutate({
                filter: apiFilter,
                ratePerSecond: rate,
                ...(sensor ? { target: { sensor, ...(trigger ? { trigger } : {}) } } : {}),
              })
            }
          >
            {estimate.data ? `Replay ${estimate.data.count.toLocaleString()} events` : "Replay"}
          </button>
        </div>
        {current ? (
          <div className="job" data-testid="bulk-progress" data-status={current.status}>
            <div className="job__line">
              <span className={`pill pill--${pillOf(current.status)}`}>{current.status}</span>
              <span>
                {current.processed.toLocaleString()} of {current.total.toLocaleString()} processed · {current.replayed.toLocaleString()}{" "}
                replayed{current.failed > 0 ? ` · ${current.failed.toLocaleString()} failed` : ""}
              </span>
              <span className="spacer" />
              {isActive(current) ? (
                <button type="button" className="button button--small" onClick={() => cancel.mutate({ id: current.id })}>
                  Cancel
                </button>
              ) : null}
            </div>
            <progress max={Math.max(1, current.total)} value={current.processed} aria-label="Bulk replay progress" />
            {current.error ? <p className="error-text small">{current.error}</p> : null}
          </div>
        ) : null}
        <details className="history">
          <summary>Earlier bulk replays</summary>
          {history.data && history.data.length > 0 ? (
            <table className="attempts">
              <thead>
                <tr>
                  <th scope="col">started</th>
                  <th scope="col">status</th>
                  <th scope="col">events</th>
                  <th scope="col">target</th>
                  <th scope="col">by</th>
                </tr>
              </thead>
              <tbody>
                {history.data.map((item) => (
                  <tr key={item.id}>
                    <td>
                      <time dateTime={item.createdAt} title={formatUtc(item.createdAt)}>
                        {formatLocalTime(item.createdAt)}
                      </time>
                    </td>
                    <td>{item.status}</td>
                    <td>
                      {item.replayed}/{item.total}
                    </td>
                    <td>{item.target ? `${item.target.sensor}${item.target.trigger ? `/${item.target.trigger}` : ""}` : "original sensors"}</td>
                    <td>{item.createdBy}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="muted small">None yet.</p>
          )}
        </details>
      </div>
    </Dialog>
  );
}

function isActive(job: ReplayJob | undefined): boolean {
  return job !== undefined && (job.status === "pending" || job.status === "running");
}

function pillOf(status: ReplayJob["status"]): string {
  switch (status) {
    case "succeeded":
      return "succeeded";
    case "failed":
      return "failed";
    case "cancelled":
      return "interrupted";
    default:
      return "running";
  }
}
