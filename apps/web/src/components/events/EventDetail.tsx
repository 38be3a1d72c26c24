"use client";
/**
 * One event in full: CloudEvent attributes, the payload decoded from `data_base64` as a collapsible tree (webhook
 * body and request headers apart), the raw base64, copy as JSON or curl, what every sensor did with it (explain
 * records with filter verdicts), the trigger runs it fed and the runs of its replays, and replay.
 */
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { sourceId } from "../../flow/toGraph.ts";
import { curlForEvent, type WebhookTarget } from "../../lib/curl.ts";
import { formatBytes, formatLocalTime, formatUtc } from "../../lib/format.ts";
import { useTRPC } from "../../trpc/client.tsx";
import type { ResourceItem } from "../../trpc/types.ts";
import { CopyButton } from "../CopyButton.tsx";
import { JsonTree } from "../JsonTree.tsx";
import { ExplainList } from "./ExplainList.tsx";
import { ReplayDialog } from "./ReplayDialog.tsx";
import { RunList, type RunItem } from "./RunList.tsx";

export interface EventDetailProps {
  id: string;
  namespace: string;
  webhooks: readonly WebhookTarget[];
  sensors: readonly ResourceItem[];
  onClose: () => void;
  onOpenEvent: (id: string) => void;
}

export function EventDetail({ id, namespace, webhooks, sensors, onClose, onOpenEvent }: EventDetailProps) {
  const trpc = useTRPC();
  const detail = useQuery(trpc.events.byId.queryOptions({ id, namespace }));
  const replayRuns = useQuery(trpc.runs.list.queryOptions({ namespace, replayOf: id, limit: 100 }));
  const [raw, setRaw] = useState(false);
  const [replaying, setReplaying] = useState(false);
  const [notice, setNotice] = useState<string>();
  const runs = useMemo(() => {
    const own = detail.data?.runs ?? [];
    const seen = new Set(own.map((run) => run.runId));
    const replayed: RunItem[] = (replayRuns.data ?? []).filter((run) => !seen.has(run.runId));
    return [...replayed, ...own].sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  }, [detail.data, replayRuns.data]);

  if (detail.isPending) return <aside className="detail panel-body muted">Loading event {id.slice(0, 8)}…</aside>;
  if (detail.error) {
    return (
      <aside className="detail panel-body" data-testid="event-detail-error">
        <p className="error-text" role="alert">
          Could not load event {id}: {detail.error.message}
        </p>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </aside>
    );
  }
  const { event, explains } = detail.data;
  const replays = detail.data.replays;
  const data = event.data;
  const webhookShaped = typeof data === "object" && data !== null && !Array.isArray(data) && "body" in data;
  const body = webhookShaped ? (data as { body: unknown }).body : undefined;
  const requestHeaders = webhookShaped ? (data as { header?: unknown }).header : undefined;
  const curl = curlForEvent(event, webhooks, typeof window === "undefined" ? "" : window.location.origin);
  const eventJson = JSON.stringify({ ...event, data_base64: undefined }, null, 2);

  return (
    <aside className="detail" aria-label={`Event ${event.id}`} data-testid={`event-detail-${event.id}`}>
      <header className="detail__header">
        <div className="detail__title">
          <h2>
            {event.source}/{event.subject}
          </h2>
          <span className="muted small">
            <time dateTime={event.time} title={formatUtc(event.time)}>
              {formatLocalTime(event.time)}
            </time>{" "}
            · {event.type} · {formatBytes(event.size)}
            {event.replayof ? (
              <>
                {" "}
                · replay of{" "}
                <button type="button" className="linklike" onClick={() => onOpenEvent(event.replayof ?? "")}>
                  {event.replayof.slice(0, 8)}
                </button>
              </>
            ) : null}
          </span>
        </div>
        <button type="button" className="dialog__close" onClick={onClose} aria-label="Close the event">
          ×
        </button>
      </header>
      <div className="detail__actions">
        <button type="button" className="button button--primary" onClick={() => setReplaying(true)} data-testid="event-replay">
          Replay…
        </button>
        <CopyButton text={eventJson} label="Copy as JSON" testId="event-copy-json" />
        <CopyButton text={curl} label="Copy as curl" testId="event-copy-curl" />
        <Link className="button" href={`/?ns=${encodeURIComponent(namespace)}&node=${encodeURIComponent(sourceId(event.source, event.subject))}`}>
          Show in flow
        </Link>
      </div>
      {notice ? (
        <p className="notice small" role="status" data-testid="event-notice">
          {notice}
        </p>
      ) : null}
      <div className="detail__body">
        <section aria-labelledby="payload-heading">
          <div className="section-head">
            <h3 id="payload-heading">Payload</h3>
            <label className="toggle">
              <input
                type="checkbox"
                checked={raw}
                onChange={(change) => setRaw(change.target.checked)}
                data-testid={`event-raw-toggle-${event.id}`}
              />
              Raw <code>data_base64</code>
            </label>
          </div>
          {raw ? (
            <pre className="json json--raw" data-testid={`event-raw-${event.id}`} tabIndex={0}>
              {event.data_base64}
            </pre>
          ) : webhookShaped ? (
            <>
              <JsonTree value={body} testId={`event-data-${event.id}`} label="Request body" />
              {requestHeaders && typeof requestHeaders === "object" ? (
                <HeaderTable title="Request headers" headers={requestHeaders as Record<string, unknown>} testId="event-request-headers" />
              ) : null}
            </>
          ) : (
            <JsonTree value={data} testId={`event-data-${event.id}`} />
          )}
        </section>
        <section aria-labelledby="sensors-heading">
          <h3 id="sensors-heading">Sensors</h3>
          <ExplainList
            records={explains}
            emptyText={`No sensor has processed this event (yet). A sensor with a dependency on ${event.source}/${event.subject} would.`}
          />
        </section>
        <section aria-labelledby="runs-heading">
          <h3 id="runs-heading">Trigger runs</h3>
          <RunList runs={runs} eventId={event.id} namespace={namespace} />
        </section>
        {replays.length > 0 ? (
          <section aria-labelledby="replays-heading">
            <h3 id="replays-heading">Replays</h3>
            <ul className="plain-list">
              {replays.map((replay) => (
                <li key={replay.id}>
                  <button type="button" className="linklike" onClick={() => onOpenEvent(replay.id)}>
                    {replay.id.slice(0, 8)}
                  </button>{" "}
                  <time className="muted small" dateTime={replay.receivedAt} title={formatUtc(replay.receivedAt)}>
                    {formatLocalTime(replay.receivedAt)}
                  </time>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        <section aria-labelledby="attributes-heading">
          <h3 id="attributes-heading">CloudEvent</h3>
          <dl className="attributes" data-testid="event-attributes">
            <dt>id</dt>
            <dd>
              <code>{event.id}</code> <CopyButton text={event.id} label="Copy id" />
            </dd>
            <dt>source</dt>
            <dd>{event.source}</dd>
            <dt>subject</dt>
            <dd>{event.subject}</dd>
            <dt>type</dt>
            <dd>{event.type}</dd>
            <dt>specversion</dt>
            <dd>{event.specversion}</dd>
            <dt>time</dt>
            <dd title={formatUtc(event.time)}>
              {formatLocalTime(event.time)} <span className="muted">({formatUtc(event.time)})</span>
            </dd>
            <dt>datacontenttype</dt>
            <dd>{event.datacontenttype}</dd>
            <dt>stored</dt>
            <dd title={formatUtc(event.receivedAt)}>{formatLocalTime(event.receivedAt)}</dd>
            {Object.entries(event.extensions).map(([name, value]) => (
              <Pair key={name} name={name} value={value} />
            ))}
          </dl>
          {Object.keys(event.headers).length > 0 ? (
            <HeaderTable title="Bus message headers" headers={event.headers} testId="event-bus-headers" />
          ) : null}
        </section>
      </div>
      <ReplayDialog
        open={replaying}
        onClose={() => setReplaying(false)}
        event={event}
        sensors={sensors}
        onReplayed={(replayId) => setNotice(`Replayed as event ${replayId.slice(0, 8)}; runs it causes appear under Trigger runs.`)}
      />
    </aside>
  );
}

function Pair({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <code>{value}</code>
      </dd>
    </>
  );
}

function HeaderTable({ title, headers, testId }: { title: string; headers: Record<string, unknown>; testId: string }) {
  const rows = Object.entries(headers).flatMap(([name, values]) =>
    (Array.isArray(values) ? values : [values]).map((value) => [name, typeof value === "string" ? value : JSON.stringify(value)] as const),
  );
  return (
    <table className="headers" data-testid={testId}>
      <caption>{title}</caption>
      <tbody>
        {rows.map(([name, value], index) => (
          <tr key={`${name}-${index}`}>
            <th scope="row">{name}</th>
            <td>
              <code>{value}</code>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
