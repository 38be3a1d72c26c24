/**
 * One SSE subscription to `system.changes` per tab. Each notification invalidates the queries that show that kind
 * of data, so lists and the graph refetch without a reload; `hello` (first connect and every reconnect) refreshes
 * everything, since changes may have been missed while disconnected.
 */
import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback } from "react";
import { isUnauthorized, redirectToSignIn } from "../trpc/queryClient.ts";
import { useTRPC } from "../trpc/client.tsx";
import { emitChange } from "./changeBus.ts";

export type LiveStatus = "connecting" | "live" | "reconnecting" | "offline";

// Counts and lists of history change with every stored event: under a burst, refetch them at most once a second.
const THROTTLE_MS = 1_000;
const lastRun = new Map<string, number>();
const trailing = new Map<string, ReturnType<typeof setTimeout>>();

function throttled(key: string, run: () => void): void {
  const wait = (lastRun.get(key) ?? 0) + THROTTLE_MS - Date.now();
  if (wait <= 0) {
    lastRun.set(key, Date.now());
    run();
    return;
  }
  if (trailing.has(key)) return;
  trailing.set(
    key,
    setTimeout(() => {
      trailing.delete(key);
      lastRun.set(key, Date.now());
      run();
    }, wait),
  );
}

export function useLiveUpdates(): LiveStatus {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onData = useCallback(
    ({ kind }: { kind: "hello" | "resources" | "events" | "runs" }) => {
      emitChange(kind);
      switch (kind) {
        case "hello":
          void queryClient.invalidateQueries();
          return;
        case "resources":
          void queryClient.invalidateQueries(trpc.sources.pathFilter());
          void queryClient.invalidateQueries(trpc.sensors.pathFilter());
          void queryClient.invalidateQueries(trpc.buses.pathFilter());
          void queryClient.invalidateQueries(trpc.manifests.pathFilter());
          return;
        case "events":
          // Event lists follow the live stream themselves (useEventFeed).
          throttled("events", () => {
            void queryClient.invalidateQueries(trpc.events.count.pathFilter());
            void queryClient.invalidateQueries(trpc.events.list.pathFilter());
            void queryClient.invalidateQueries(trpc.replays.pathFilter());
            void queryClient.invalidateQueries(trpc.sensors.joinState.pathFilter());
          });
          return;
        case "runs":
          throttled("runs", () => {
            void queryClient.invalidateQueries(trpc.runs.pathFilter());
            void queryClient.invalidateQueries(trpc.events.byId.pathFilter());
            void queryClient.invalidateQueries(trpc.events.count.pathFilter());
            void queryClient.invalidateQueries(trpc.sensors.joinState.pathFilter());
            void queryClient.invalidateQueries(trpc.replays.pathFilter());
          });
          return;
        default: {
          const _exhaustive: never = kind;
          return _exhaustive;
        }
      }
    },
    [queryClient, trpc],
  );
  const subscription = useSubscription(
    trpc.system.changes.subscriptionOptions(undefined, {
      onData,
      onError: (error) => {
        if (isUnauthorized(error)) redirectToSignIn();
      },
    }),
  );
  switch (subscription.status) {
    case "pending":
      return "live";
    case "connecting":
      return subscription.data === undefined ? "connecting" : "reconnecting";
    case "error":
      return "offline";
    case "idle":
      return "connecting";
    default: {
      const _exhaustive: never = subscription;
      return _exhaustive;
    }
  }
}
