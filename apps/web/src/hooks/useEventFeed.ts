/**
 * The events matching a filter, newest first, for a virtualised list: pages of older events load on demand
 * (`events.list` with its stable cursor), and new events arrive from the live stream (`events.live`), batched to one
 * state update per animation frame so a burst of thousands a second costs a few renders. Filters the stream cannot
 * apply (sensor, trigger, outcome, time range) refresh the newest page on change notifications instead.
 *
 * Paused, or while the reader has scrolled away from the top, the feed keeps what arrives aside (and counts it);
 * resuming puts it on top, or reloads the newest page when too much arrived to keep. While following the top, only the
 * newest TAIL_MAX events stay loaded (older ones load again on scroll, from the time of the last one kept), so a long
 * burst costs neither memory nor the virtualiser's per-item work.
 */
import { skipToken } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { filterToApi, liveFilterOf, type EventFilterState } from "../lib/eventFilter.ts";
import { useTRPC, useTRPCClient } from "../trpc/client.tsx";
import type { EventItem } from "../trpc/types.ts";
import { onChange } from "./changeBus.ts";

const PAGE_SIZE = 100;
const HEAD_SIZE = 200;
const HELD_MAX = 5_000;
const TAIL_MAX = 1_000;

export interface EventFeed {
  items: EventItem[];
  status: "loading" | "ready" | "error";
  error: string | undefined;
  hasMore: boolean;
  loadingMore: boolean;
  loadMore: () => void;
  paused: boolean;
  setPaused: (paused: boolean) => void;
  /** Events that arrived while paused or scrolled down. */
  waiting: number;
  /** Tell the feed whether the list shows its top (new events are held while it does not). */
  setFollowing: (following: boolean) => void;
  following: boolean;
  /** How new events reach the list. */
  mode: "stream" | "notifications";
  /** The live stream's state. */
  connected: boolean;
}

interface State {
  items: EventItem[];
  cursor: string | null;
  /** Without a cursor (the loaded list was cut while tailing): older events are those stored before this time. */
  before: string | null;
  status: "loading" | "ready" | "error";
  error: string | undefined;
  loadingMore: boolean;
}

const initial: State = { items: [], cursor: null, before: null, status: "loading", error: undefined, loadingMore: false };

/** Keep the newest TAIL_MAX; what was cut loads again from the time of the last one kept. */
function trimmed(state: State): State {
  if (state.items.length <= TAIL_MAX) return state;
  const items = state.items.slice(0, TAIL_MAX);
  const last = items[items.length - 1];
  const before = last ? new Date(Date.parse(last.receivedAt) + 1).toISOString() : null;
  return { ...state, items, cursor: null, before };
}

export function useEventFeed(filter: EventFilterState, options: { enabled?: boolean } = {}): EventFeed {
  const enabled = options.enabled ?? true;
  const trpc = useTRPC();
  const client = useTRPCClient();
  const apiFilter = useMemo(() => filterToApi(filter), [filter]);
  const key = JSON.stringify(apiFilter);
  const liveInput = useMemo(() => liveFilterOf(filter), [filter]);
  const [state, setState] = useState<State>(initial);
  const [paused, setPausedState] = useState(false);
  const [following, setFollowingState] = useState(true);
  const followingRef = useRef(true);
  const [waiting, setWaiting] = useState(0);
  const ids = useRef(new Set<string>());
  const generation = useRef(0);
  const pending = useRef<EventItem[]>([]);
  const held = useRef<EventItem[]>([]);
  const overflow = useRef(false);
  const frame = useRef<number | undefined>(undefined);
  const pausedRef = useRef(false);
  const stateRef = useRef(state);
  stateRef.current = state;

  const prepend = useCallback((newestFirst: readonly EventItem[]) => {
    const fresh = newestFirst.filter((item) => !ids.current.has(item.id));
    if (fresh.length === 0) return;
    for (const item of fresh) ids.current.add(item.id);
    setState((current) => {
      const next = trimmed({ ...current, items: [...fresh, ...current.items] });
      if (next !== current && next.items.length < current.items.length + fresh.length) {
        ids.current = new Set(next.items.map((item) => item.id));
      }
      return next;
    });
  }, []);

  /** Fetch the newest page and put what is new on top; with no overlap, start over from it. */
  const refreshHead = useCallback(async () => {
    const mine = generation.current;
    const page = await client.events.list.query({ ...apiFilter, limit: HEAD_SIZE });
    if (mine !== generation.current) return;
    const fresh: EventItem[] = [];
    let overlapped = false;
    for (const item of page.items) {
      if (ids.current.has(item.id)) {
        overlapped = true;
        break;
      }
      fresh.push(item);
    }
    if (overlapped || ids.current.size === 0) prepend(fresh);
    else {
      ids.current = new Set(page.items.map((item) => item.id));
      setState((current) => ({ ...current, items: page.items, cursor: page.nextCursor, before: null }));
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- apiFilter is captured through `key`
  }, [client, key, prepend]);

  // First page, whenever the filter changes.
  useEffect(() => {
    if (!enabled) return;
    const mine = ++generation.current;
    ids.current = new Set();
    pending.current = [];
    held.current = [];
    overflow.current = false;
    setWaiting(0);
    setState(initial);
    client.events.list.query({ ...apiFilter, limit: PAGE_SIZE }).then(
      (page) => {
        if (mine !== generation.current) return;
        const merged = [...pending.current.reverse().filter((item) => !page.items.some((p) => p.id === item.id)), ...page.items];
        pending.current = [];
        ids.current = new Set(merged.map((item) => item.id));
        setState({ items: merged, cursor: page.nextCursor, before: null, status: "ready", error: undefined, loadingMore: false });
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState({ ...initial, status: "error", error: error instanceof Error ? error.message : String(error) });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- apiFilter is captured through `key`
  }, [client, key, enabled]);

  const loadMore = useCallback(() => {
    const current = stateRef.current;
    if (current.status !== "ready" || current.loadingMore || (!current.cursor && !current.before)) return;
    const mine = generation.current;
    const page = current.cursor
      ? { cursor: current.cursor }
      : { to: apiFilter.to && apiFilter.to < (current.before ?? "") ? apiFilter.to : (current.before ?? undefined) };
    setState((value) => ({ ...value, loadingMore: true }));
    client.events.list.query({ ...apiFilter, limit: PAGE_SIZE, ...page }).then(
      (page) => {
        if (mine !== generation.current) return;
        const older = page.items.filter((item) => !ids.current.has(item.id));
        for (const item of older) ids.current.add(item.id);
        setState((value) => ({ ...value, items: [...value.items, ...older], cursor: page.nextCursor, before: null, loadingMore: false }));
      },
      (error: unknown) => {
        if (mine !== generation.current) return;
        setState((value) => ({ ...value, loadingMore: false, error: error instanceof Error ? error.message : String(error) }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- apiFilter is captured through `key`
  }, [client, key]);

  const flush = useCallback(() => {
    frame.current = undefined;
    const batch = pending.current;
    pending.current = [];
    if (batch.length === 0 || stateRef.current.status !== "ready") {
      // Not loaded yet: keep them for the first page to merge.
      pending.current = batch;
      return;
    }
    const newestFirst = batch.reverse();
    if (pausedRef.current || !followingRef.current) {
      if (held.current.length + newestFirst.length > HELD_MAX) overflow.current = true;
      else held.current = [...newestFirst, ...held.current];
      setWaiting((count) => count + newestFirst.length);
      return;
    }
    prepend(newestFirst);
  }, [prepend]);

  const schedule = useCallback(() => {
    if (frame.current === undefined) frame.current = requestAnimationFrame(flush);
  }, [flush]);

  useEffect(
    () => () => {
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
    },
    [],
  );

  const onData = useCallback(
    (item: { type: "hello" } | { type: "event"; event: EventItem } | { type: "dropped"; count: number } | { type: "run" }) => {
      switch (item.type) {
        case "event":
          pending.current.push(item.event);
          schedule();
          return;
        case "dropped":
        case "hello":
          // Missed some (slow reader) or (re)connected: catch up from the stored history.
          if (!pausedRef.current && followingRef.current && stateRef.current.status === "ready") void refreshHead().catch(() => undefined);
          return;
        default:
          return;
      }
    },
    [refreshHead, schedule],
  );

  const subscription = useSubscription(
    trpc.events.live.subscriptionOptions(enabled && liveInput ? { ...liveInput, kinds: ["event"], buffer: 5_000 } : skipToken, {
      onData,
    }),
  );

  // Without the stream: refresh the newest page on change notifications, at most once a second.
  useEffect(() => {
    if (!enabled || liveInput) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onChange((kind) => {
      if (kind === "resources" || timer !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        if (pausedRef.current || !followingRef.current) {
          overflow.current = true;
          setWaiting((count) => count);
          return;
        }
        void refreshHead().catch(() => undefined);
      }, 1_000);
    });
    return () => {
      stop();
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [enabled, liveInput, refreshHead]);

  const release = useCallback(() => {
    const kept = held.current;
    const lost = overflow.current;
    held.current = [];
    overflow.current = false;
    setWaiting(0);
    if (lost) void refreshHead().catch(() => undefined);
    else prepend(kept);
  }, [prepend, refreshHead]);

  const setPaused = useCallback(
    (next: boolean) => {
      pausedRef.current = next;
      setPausedState(next);
      if (!next && followingRef.current) release();
    },
    [release],
  );

  const setFollowing = useCallback(
    (next: boolean) => {
      if (followingRef.current === next) return;
      followingRef.current = next;
      setFollowingState(next);
      if (next && !pausedRef.current) release();
    },
    [release],
  );

  return {
    items: state.items,
    status: state.status,
    error: state.error,
    hasMore: state.cursor !== null || state.before !== null,
    loadingMore: state.loadingMore,
    loadMore,
    paused,
    setPaused,
    waiting,
    setFollowing,
    following,
    mode: liveInput ? "stream" : "notifications",
    connected: liveInput ? subscription.status === "pending" : true,
  };
}
