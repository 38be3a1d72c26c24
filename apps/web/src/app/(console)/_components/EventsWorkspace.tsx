"use client";
/**
 * The `/events` screen: search (filters in the URL), the virtualised list with live tail, and the selected event
 * (`?id=`) beside it. Inject and bulk replay open from the list's header.
 */
import { useQuery } from "@tanstack/react-query";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { NamespaceSwitcher } from "../../../components/NamespaceSwitcher.tsx";
import { EventDetail } from "../../../components/events/EventDetail.tsx";
import { EventsEmpty } from "../../../components/events/EventsEmpty.tsx";
import { VirtualEventList } from "../../../components/events/VirtualEventList.tsx";
import { targetsOf } from "../../../components/events/ReplayDialog.tsx";
import { eventsOf } from "../../../flow/toGraph.ts";
import { useEventFeed } from "../../../hooks/useEventFeed.ts";
import { useResources } from "../../../hooks/useResources.ts";
import { webhookTargets } from "../../../lib/curl.ts";
import { filterFromParams, filterToApi, filterToQuery, isEmptyFilter, type EventFilterState } from "../../../lib/eventFilter.ts";
import { useTRPC } from "../../../trpc/client.tsx";
import type { EventItem } from "../../../trpc/types.ts";
import { BulkReplayDialog } from "../events/_components/BulkReplayDialog.tsx";
import { InjectDialog } from "../events/_components/InjectDialog.tsx";
import { SearchBar, type SearchOptions } from "../events/_components/SearchBar.tsx";

export interface EventsWorkspaceProps {
  namespace: string;
  webhookHost: string;
}

export function EventsWorkspace({ namespace, webhookHost }: EventsWorkspaceProps) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const query = params.toString();
  const filter = useMemo(() => filterFromParams(new URLSearchParams(query), namespace), [query, namespace]);
  const selected = params.get("id") ?? undefined;
  const { eventSources, sensors, namespaces } = useResources(namespace);
  const webhooks = useMemo(() => webhookTargets(eventSources, webhookHost), [eventSources, webhookHost]);
  const options = useMemo<SearchOptions & { types: Record<string, string> }>(
    () => ({
      sources: eventSources
        .map((source) => ({ name: source.name, events: eventsOf(source.manifest).map((event) => event.eventName) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
      sensors: targetsOf(sensors),
      types: Object.fromEntries(eventSources.map((source) => [source.name, eventsOf(source.manifest)[0]?.sourceType ?? "webhook"])),
    }),
    [eventSources, sensors],
  );
  const feed = useEventFeed(filter);
  const trpc = useTRPC();
  const count = useQuery(trpc.events.count.queryOptions(filterToApi(filter)));
  const [injecting, setInjecting] = useState(false);
  const [bulk, setBulk] = useState(false);
  const [notice, setNotice] = useState<string>();

  const go = useCallback(
    (next: EventFilterState, id?: string) => router.replace(`${pathname}?${filterToQuery(next, id)}`, { scroll: false }),
    [router, pathname],
  );
  const select = useCallback((event: EventItem) => go(filter, event.id), [go, filter]);
  const open = useCallback((id: string) => go(filter, id), [go, filter]);
  const close = useCallback(() => go(filter), [go, filter]);

  return (
    <main className="workspace">
      <div className="toolbar">
        <NamespaceSwitcher namespace={namespace} namespaces={namespaces} />
        <span className="spacer" />
        <button type="button" className="button" onClick={() => setInjecting(true)} data-testid="open-inject">
          Inject event…
        </button>
        <button type="button" className="button" onClick={() => setBulk(true)} data-testid="open-bulk-replay">
          Bulk replay…
        </button>
      </div>
      <SearchBar key={query} filter={filter} options={options} onSearch={(next) => go(next)} />
      {notice ? (
        <p className="notice notice--bar" role="status" data-testid="events-notice">
          {notice}
        </p>
      ) : null}
      <div className={`events-layout${selected ? " has-detail" : ""}`}>
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
            <EventsEmpty namespace={namespace} filtered={!isEmptyFilter(filter)} webhooks={webhooks} onInject={() => setInjecting(true)} />
          ) : (
            <VirtualEventList
              items={feed.items}
              selectedId={selected}
              onSelect={select}
              hasMore={feed.hasMore}
              loadingMore={feed.loadingMore}
              onLoadMore={feed.loadMore}
              total={count.data?.count}
              onFollowingChange={feed.setFollowing}
            />
          )}
        </section>
        {selected ? (
          <EventDetail
            key={selected}
            id={selected}
            namespace={namespace}
            webhooks={webhooks}
            sensors={sensors}
            onClose={close}
            onOpenEvent={open}
          />
        ) : null}
      </div>
      {injecting ? (
        <InjectDialog
          open
          onClose={() => setInjecting(false)}
          namespace={namespace}
          options={options}
          onInjected={(id) => setNotice(`Injected event ${id.slice(0, 8)}.`)}
        />
      ) : null}
      {bulk ? <BulkReplayDialog open onClose={() => setBulk(false)} filter={filter} options={options} /> : null}
    </main>
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
