"use client";
/**
 * Stored events, newest first (`events.list`, 50 a page, "Load older" for more). Live: `system.changes` invalidates
 * the query when events arrive. A row opens to the decoded payload.
 */
import { useInfiniteQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { curlFor, type WebhookTarget } from "../../lib/curl.ts";
import { useTRPC } from "../../trpc/client.tsx";
import type { EventItem } from "../../trpc/types.ts";
import { CopyButton } from "../CopyButton.tsx";
import { EventRow } from "./EventRow.tsx";

export interface EventListProps {
  namespace: string;
  /** Only events of this EventSource (CloudEvent `source`) … */
  source?: string | undefined;
  /** … and this event name (CloudEvent `subject`). */
  subject?: string | undefined;
  /** Webhooks of the namespace, for the empty state's curl commands. */
  webhooks: WebhookTarget[];
  onClearFilter?: (() => void) | undefined;
}

const PAGE_SIZE = 50;

export function EventList({ namespace, source, subject, webhooks, onClearFilter }: EventListProps) {
  const trpc = useTRPC();
  const input = { namespace, limit: PAGE_SIZE, ...(source ? { source } : {}), ...(subject ? { subject } : {}) };
  const query = useInfiniteQuery(
    trpc.events.list.infiniteQueryOptions(input, { getNextPageParam: (page) => page.nextCursor ?? undefined }),
  );
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const onToggle = useCallback(
    (id: string) =>
      setExpanded((current) => {
        const next = new Set(current);
        if (!next.delete(id)) next.add(id);
        return next;
      }),
    [],
  );
  const events = useMemo(() => {
    // A live refetch can shift an event from one page to the next: show each event once.
    const seen = new Set<string>();
    const unique: EventItem[] = [];
    for (const page of query.data?.pages ?? []) {
      for (const event of page.items) {
        if (!seen.has(event.id)) {
          seen.add(event.id);
          unique.push(event);
        }
      }
    }
    return unique;
  }, [query.data]);

  const filter = source ? `${source}${subject ? `/${subject}` : ""}` : undefined;

  return (
    <section className="events" aria-label="Events" data-testid="event-list">
      <header className="panel-header">
        <h2>Events</h2>
        <span className="muted">
          {query.isSuccess ? `${events.length}${query.hasNextPage ? "+" : ""} in ${namespace}` : ""}
        </span>
        {filter ? (
          <span className="chip" data-testid="event-filter">
            {filter}
            {onClearFilter ? (
              <button
                type="button"
                className="chip__clear"
                onClick={onClearFilter}
                aria-label={`Show all events, not only ${filter}`}
              >
                ×
              </button>
            ) : null}
          </span>
        ) : null}
      </header>
      {query.isPending ? (
        <p className="muted panel-body">Loading events…</p>
      ) : query.error ? (
        <p className="error-text panel-body" role="alert">
          Could not load events: {query.error.message}
        </p>
      ) : events.length === 0 ? (
        <EmptyEvents namespace={namespace} filter={filter} webhooks={webhooks} />
      ) : (
        <ol className="event-rows">
          {events.map((event) => (
            <EventRow key={event.id} event={event} expanded={expanded.has(event.id)} onToggle={onToggle} />
          ))}
        </ol>
      )}
      {query.hasNextPage ? (
        <div className="panel-footer">
          <button
            type="button"
            className="button"
            onClick={() => void query.fetchNextPage()}
            disabled={query.isFetchingNextPage}
          >
            {query.isFetchingNextPage ? "Loading…" : "Load older events"}
          </button>
        </div>
      ) : null}
    </section>
  );
}

function EmptyEvents({
  namespace,
  filter,
  webhooks,
}: {
  namespace: string;
  filter: string | undefined;
  webhooks: WebhookTarget[];
}) {
  const shown = filter
    ? webhooks.filter(
        (target) => filter === `${target.eventSource}/${target.eventName}` || filter === target.eventSource,
      )
    : webhooks;
  return (
    <div className="empty panel-body" data-testid="events-empty">
      <p>
        <b>No events {filter ? `from ${filter}` : `in namespace ${namespace}`} yet.</b> They appear here as soon as they
        arrive, no reload needed.
      </p>
      {shown.length > 0 ? (
        <>
          <p>Send one to {shown.length === 1 ? "the webhook" : "a webhook"}:</p>
          {shown.slice(0, 3).map((target) => {
            const command = curlFor(target);
            return (
              <div className="command" key={`${target.eventSource}/${target.eventName}`}>
                <code>{command}</code>
                <CopyButton text={command} label="Copy" />
              </div>
            );
          })}
        </>
      ) : (
        <>
          <p>
            Apply an EventSource (for example a webhook) with <code>npx signalbox apply -f eventsource.yaml</code>, or
            inject a test event:
          </p>
          <div className="command">
            <code>{`npx signalbox inject -n ${namespace} --source demo --subject example --data '{"message":"hello"}'`}</code>
          </div>
        </>
      )}
    </div>
  );
}
