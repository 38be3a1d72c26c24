"use client";
/**
 * The event list, virtualised (@tanstack/react-virtual): only the rows in view (plus a few) are in the DOM, so 50,000
 * loaded events scroll like 50. Older pages load as the end comes into view. Rows are buttons; ↑/↓ move the
 * selection.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useRef, type KeyboardEvent } from "react";
import { formatBytes, formatLocalTime, formatUtc, shortId } from "../../lib/format.ts";
import type { EventItem } from "../../trpc/types.ts";

export const ROW_HEIGHT = 36;

export interface VirtualEventListProps {
  items: readonly EventItem[];
  selectedId: string | undefined;
  onSelect: (event: EventItem) => void;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  /** Total matching events, when known (for screen readers and the footer). */
  total?: number | undefined;
  label?: string;
  /** Told whether the list shows its top (a live feed holds new events while it does not). */
  onFollowingChange?: ((following: boolean) => void) | undefined;
}

export function VirtualEventList({
  items,
  selectedId,
  onSelect,
  hasMore,
  loadingMore,
  onLoadMore,
  total,
  label = "Events",
  onFollowingChange,
}: VirtualEventListProps) {
  const scroller = useRef<HTMLDivElement>(null);
  const count = items.length + (hasMore ? 1 : 0);
  // A stable key function: a new one per render would make the virtualiser re-measure every row.
  const itemsRef = useRef(items);
  itemsRef.current = items;
  const getItemKey = useCallback((index: number) => itemsRef.current[index]?.id ?? "__more", []);
  const following = useRef(true);
  const onScroll = useCallback(() => {
    const atTop = (scroller.current?.scrollTop ?? 0) < ROW_HEIGHT / 2;
    if (atTop !== following.current) {
      following.current = atTop;
      onFollowingChange?.(atTop);
    }
  }, [onFollowingChange]);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is meant to be used like this
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    getItemKey,
  });
  const rows = virtualizer.getVirtualItems();
  const lastIndex = rows[rows.length - 1]?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 25) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, items.length, onLoadMore]);

  const move = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    const current = items.findIndex((item) => item.id === selectedId);
    const next = Math.max(0, Math.min(items.length - 1, current + (event.key === "ArrowDown" ? 1 : -1)));
    const item = items[next];
    if (!item) return;
    onSelect(item);
    virtualizer.scrollToIndex(next, { align: "auto" });
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`[data-event-id="${item.id}"]`)?.focus());
  };

  return (
    <div
      ref={scroller}
      className="vlist"
      data-testid="event-scroller"
      onKeyDown={move}
      onScroll={onScroll}
      tabIndex={-1}
    >
      <div role="list" aria-label={label} className="vlist__inner" style={{ height: virtualizer.getTotalSize() }}>
        {rows.map((row) => {
          const item = items[row.index];
          return (
            <div
              key={row.key}
              role="listitem"
              className="vlist__row"
              style={{ transform: `translateY(${row.start}px)`, height: ROW_HEIGHT }}
              aria-setsize={total ?? (hasMore ? -1 : items.length)}
              aria-posinset={row.index + 1}
            >
              {item ? (
                <EventRowButton event={item} selected={item.id === selectedId} onSelect={onSelect} />
              ) : (
                <div className="vlist__more muted" data-testid="event-list-more">
                  {loadingMore ? "Loading older events…" : "Older events load as you scroll"}
                </div>
              )}
            </div>
          );
        })}
      </div>
    </div>
  );
}

const EventRowButton = memo(function EventRowButton({
  event,
  selected,
  onSelect,
}: {
  event: EventItem;
  selected: boolean;
  onSelect: (event: EventItem) => void;
}) {
  return (
    <button
      type="button"
      className={`erow${selected ? " is-selected" : ""}`}
      data-testid={`event-row-${event.id}`}
      data-event-id={event.id}
      aria-current={selected ? "true" : undefined}
      onClick={() => onSelect(event)}
    >
      <time className="erow__time" dateTime={event.time} title={formatUtc(event.time)}>
        {formatLocalTime(event.time)}
      </time>
      <span className="erow__name" title={`source ${event.source}, subject ${event.subject}`}>
        <span className="erow__source">{event.source}</span>
        <span className="erow__sep">/</span>
        {event.subject}
      </span>
      {event.replayof ? <span className="pill pill--replay">replay</span> : null}
      <span className="erow__type">{event.type}</span>
      <span className="erow__size">{formatBytes(event.size)}</span>
      <code className="erow__id" title={event.id}>
        {shortId(event.id)}
      </code>
    </button>
  );
});
