"use client";
/**
 * The events list panel of `/events`: count, live-tail status and the virtualised list. It owns the live feed, so
 * the stream's updates (one per animation frame at most) re-render this panel only.
 */
import { useQuery } from "@tanstack/react-query";
import { EventsEmpty } from "../../../components/events/EventsEmpty.tsx";
import { VirtualEventList } from "../../../components/events/VirtualEventList.tsx";
import { useEventFeed } from "../../../hooks/useEventFeed.ts";
import type { WebhookTarget } from "../../../lib/curl.ts";
import { filterToApi, isEmptyFilter, type EventFilterState } from "../../../lib/eventFilter.ts";
import { useTRPC } from "../../../trpc/client.tsx";
import type { EventItem } from "../../../trpc/types.ts";

/** Props of {@link EventsPanel}. */
export interface EventsPanelProps {
  namespace: string;
  filter: EventFilterState;
  selectedId: string | undefined;
  onSelect: (event: EventItem) => void;
  webhooks: WebhookTarget[];
  onInject: () => void;
}

/** The matching events, newest first, following the live stream. */
export function EventsPanel({ namespace, filter, selectedId, onSelect, webhooks, onInject }: EventsPanelProps) {
  const feed = useEventFeed(filter);
  const trpc = useTRPC();
  const count = useQuery(trpc.events.count.queryOptions(filterToApi(filter)));
  return (
    <section className="events" aria-label="Events" data-testid="event-list">
      <header className="panel-header">
        <h2>Events</h2>
        <span className="muted" data-testid="event-count">
          {count.data ? `${count.data.count.toLocaleString()} ${count.data.count === 1 ? "event" : "events"}` : ""}
          {feed.items.length > 0 && count.data && count.data.count > feed.items.length ? ` · ${feed.items.length.toLocaleString()} loaded` : ""}
        </span>
        <span className="spacer" />
        <LiveTail feed={feed} />
      </header>
      {feed.status === "loading" ? (
        <p className="muted panel-body">Loading events…</p>
      ) : feed.status === "error" ? (
        <p className="error-text panel-body" role="alert">
          Could not load events: {feed.error}
        </p>
      ) : feed.items.length === 0 ? (
        <EventsEmpty namespace={namespace} filtered={!isEmptyFilter(filter)} webhooks={webhooks} onInject={onInject} />
      ) : (
        <VirtualEventList
          items={feed.items}
          selectedId={selectedId}
          onSelect={onSelect}
          hasMore={feed.hasMore}
          loadingMore={feed.loadingMore}
          onLoadMore={feed.loadMore}
          total={count.data?.count}
          onFollowingChange={feed.setFollowing}
        />
      )}
    </section>
  );
}

function LiveTail({ feed }: { feed: ReturnType<typeof useEventFeed> }) {
  return (
    <span className="tail">
      <span className={`live live--${feed.paused ? "paused" : feed.connected ? "live" : "connecting"} live--dark`} data-testid="tail-status">
        <span className="live__dot" aria-hidden="true" />
        {feed.paused
          ? feed.waiting > 0
            ? `Paused · ${feed.waiting.toLocaleString()} new`
            : "Paused"
          : !feed.following && feed.waiting > 0
            ? `${feed.waiting.toLocaleString()} new above`
            : feed.mode === "stream"
              ? "Live"
              : "Live (refreshing)"}
      </span>
      <button
        type="button"
        className="button button--small"
        onClick={() => feed.setPaused(!feed.paused)}
        aria-pressed={feed.paused}
        data-testid="tail-toggle"
      >
        {feed.paused ? "Resume" : "Pause"}
      </button>
    </span>
  );
}
