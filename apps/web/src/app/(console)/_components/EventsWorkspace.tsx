"use client";
/**
 * The `/events` screen: search (filters in the URL), the virtualised list with live tail, and the selected event
 * (`?id=`) beside it. Inject and bulk replay open from the list's header. The live list is its own component
 * (EventsPanel), so the stream's per-frame updates re-render the list, not the search bar or the open event.
 */
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { NamespaceSwitcher } from "../../../components/NamespaceSwitcher.tsx";
import { targetsOf } from "../../../components/events/ReplayDialog.tsx";
import { eventsOf } from "../../../flow/toGraph.ts";
import { useResources } from "../../../hooks/useResources.ts";
import { webhookTargets } from "../../../lib/curl.ts";
import { filterFromParams, filterToQuery, type EventFilterState } from "../../../lib/eventFilter.ts";
import type { EventItem } from "../../../trpc/types.ts";
import { SearchBar, type SearchOptions } from "../events/_components/SearchBar.tsx";
import { EventsPanel } from "./EventsPanel.tsx";

// Opened on demand: the event detail (explain records) and the dialogs pull in the engine's browser build.
const EventDetail = dynamic(() => import("../../../components/events/EventDetail.tsx").then((m) => m.EventDetail));
const InjectDialog = dynamic(() => import("../events/_components/InjectDialog.tsx").then((m) => m.InjectDialog));
const BulkReplayDialog = dynamic(() =>
  import("../events/_components/BulkReplayDialog.tsx").then((m) => m.BulkReplayDialog),
);

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
  const search = useCallback((next: EventFilterState) => go(next), [go]);
  const openInject = useCallback(() => setInjecting(true), []);

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
      <SearchBar key={query} filter={filter} options={options} onSearch={search} />
      {notice ? (
        <p className="notice notice--bar" role="status" data-testid="events-notice">
          {notice}
        </p>
      ) : null}
      <div className={`events-layout${selected ? " has-detail" : ""}`}>
        <EventsPanel
          namespace={namespace}
          filter={filter}
          selectedId={selected}
          onSelect={select}
          webhooks={webhooks}
          onInject={openInject}
        />
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
