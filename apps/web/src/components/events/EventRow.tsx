"use client";
import { memo, useMemo, useState } from "react";
import { bodyFirst } from "../../lib/eventData.ts";
import { formatBytes, formatLocalTime, formatUtc, shortId } from "../../lib/format.ts";
import { prettyJson } from "../../lib/jsonTokens.ts";
import type { EventItem } from "../../trpc/types.ts";
import { CopyButton } from "../CopyButton.tsx";
import { EventOutcome } from "./EventOutcome.tsx";
import { JsonView } from "./JsonView.tsx";

export interface EventRowProps {
  event: EventItem;
  expanded: boolean;
  onToggle: (id: string) => void;
}

/** One event: a summary line that opens the decoded payload, attributes and outcome. */
function EventRowImpl({ event, expanded, onToggle }: EventRowProps) {
  const [raw, setRaw] = useState(false);
  const shown = useMemo(() => bodyFirst(event.data), [event.data]);
  const detailId = `event-detail-${event.id}`;
  return (
    <li className={`event-row${expanded ? " is-open" : ""}`} data-testid={`event-row-${event.id}`}>
      <button
        type="button"
        className="event-row__summary"
        aria-expanded={expanded}
        aria-controls={detailId}
        onClick={() => onToggle(event.id)}
      >
        <span className="event-row__chevron" aria-hidden="true">
          ▸
        </span>
        <time className="event-row__time" dateTime={event.time} title={formatUtc(event.time)}>
          {formatLocalTime(event.time)}
        </time>
        <span className="event-row__name" title={`source ${event.source}, subject ${event.subject}`}>
          <span className="event-row__source">{event.source}</span>
          <span className="event-row__sep">/</span>
          {event.subject}
        </span>
        {event.replayof ? <span className="pill pill--replay">replay</span> : null}
        <code className="event-row__id" title={event.id}>
          {shortId(event.id)}
        </code>
      </button>
      {expanded ? (
        <div className="event-row__detail" id={detailId}>
          <div className="event-row__toolbar">
            <label className="toggle">
              <input
                type="checkbox"
                checked={raw}
                onChange={(change) => setRaw(change.target.checked)}
                data-testid={`event-raw-toggle-${event.id}`}
              />
              Raw <code>data_base64</code>
            </label>
            <span className="spacer" />
            <CopyButton
              text={raw ? event.data_base64 : prettyJson(event.data)}
              label={raw ? "Copy base64" : "Copy JSON"}
            />
            <CopyButton text={event.id} label="Copy id" />
          </div>
          {raw ? (
            <pre className="json json--raw" data-testid={`event-raw-${event.id}`} tabIndex={0}>
              {event.data_base64}
            </pre>
          ) : (
            <JsonView value={shown} testId={`event-data-${event.id}`} />
          )}
          <dl className="attributes">
            <dt>id</dt>
            <dd>
              <code>{event.id}</code>
            </dd>
            <dt>type</dt>
            <dd>{event.type}</dd>
            <dt>time</dt>
            <dd>{formatUtc(event.time)}</dd>
            <dt>content</dt>
            <dd>
              {event.datacontenttype} · {formatBytes(event.size)}
            </dd>
            {event.replayof ? (
              <>
                <dt>replay of</dt>
                <dd>
                  <code>{event.replayof}</code>
                </dd>
              </>
            ) : null}
            {Object.entries(event.extensions).map(([key, value]) => (
              <FragmentPair key={key} name={key} value={value} />
            ))}
          </dl>
          <EventOutcome id={event.id} namespace={event.namespace} />
        </div>
      ) : null}
    </li>
  );
}

function FragmentPair({ name, value }: { name: string; value: string }) {
  return (
    <>
      <dt>{name}</dt>
      <dd>
        <code>{value}</code>
      </dd>
    </>
  );
}

export const EventRow = memo(EventRowImpl);
