"use client";
/**
 * The namespace's events beside the flow graph, live and virtualised; narrowed to one (EventSource, event) when
 * its node is selected. Opening one goes to the events screen.
 */
import { useRouter } from "next/navigation";
import { useCallback, useMemo } from "react";
import { useEventFeed } from "../../hooks/useEventFeed.ts";
import { filterToQuery, type EventFilterState } from "../../lib/eventFilter.ts";
import type { WebhookTarget } from "../../lib/curl.ts";
import type { EventItem } from "../../trpc/types.ts";
import { EventsEmpty } from "./EventsEmpty.tsx";
import { VirtualEventList } from "./VirtualEventList.tsx";

export function RecentEvents({
  namespace,
  source,
  subject,
  webhooks,
  onClearFilter,
}: {
  namespace: string;
  source?: string | undefined;
  subject?: string | undefined;
  webhooks: readonly WebhookTarget[];
  onClearFilter?: (() => void) | undefined;
}) {
  const router = useRouter();
  const filter = useMemo<EventFilterState>(
    () => ({ namespace, source: source ?? "", subject: subject ?? "", type: "", sensor: "", trigger: "", outcome: "", from: "", to: "", match: [] }),
    [namespace, source, subject],
  );
  const feed = useEventFeed(filter);
  const open = useCallback((event: EventItem) => router.push(`/events?${filterToQuery(filter, event.id)}`), [router, filter]);
  const label = source ? `${source}${subject ? `/${subject}` : ""}` : undefined;
  const shown = label
    ? webhooks.filter((target) => target.eventSource === source && (!subject || target.eventName === subject))
    : webhooks;
  return (
    <section className="events" aria-label="Recent events" data-testid="event-list">
      <header className="panel-header">
        <h2>Events</h2>
        <span className="muted">{feed.status === "ready" ? `${feed.items.length}${feed.hasMore ? "+" : ""}` : ""}</span>
        {label ? (
          <span className="chip" data-testid="event-filter">
            {label}
            {onClearFilter ? (
              <button type="button" className="chip__clear" onClick={onClearFilter} aria-label={`Show all events, not only ${label}`}>
                ×
              </button>
            ) : null}
          </span>
        ) : null}
      </header>
      {feed.status === "loading" ? (
        <p className="muted panel-body">Loading events…</p>
      ) : feed.status === "error" ? (
        <p className="error-text panel-body" role="alert">
          Could not load events: {feed.error}
        </p>
      ) : feed.items.length === 0 ? (
        <EventsEmpty namespace={namespace} filtered={false} webhooks={shown} />
      ) : (
        <VirtualEventList
          items={feed.items}
          selectedId={undefined}
          onSelect={open}
          hasMore={feed.hasMore}
          loadingMore={feed.loadingMore}
          onLoadMore={feed.loadMore}
          label="Recent events"
          onFollowingChange={feed.setFollowing}
        />
      )}
    </section>
  );
}
