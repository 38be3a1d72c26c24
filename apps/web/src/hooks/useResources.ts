/**
 * EventSources and Sensors of every namespace (one cached query each, shared by the graph and the namespace
 * switcher), narrowed to one namespace.
 */
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { namespacesOf } from "../lib/namespaces.ts";
import { useTRPC } from "../trpc/client.tsx";
import type { ResourceItem } from "../trpc/types.ts";

const none: ResourceItem[] = [];

export function useResources(namespace: string) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.sources.list.queryOptions({}));
  const sensors = useQuery(trpc.sensors.list.queryOptions({}));
  const allSources = sources.data ?? none;
  const allSensors = sensors.data ?? none;
  return useMemo(
    () => ({
      eventSources: allSources.filter((item) => item.namespace === namespace),
      sensors: allSensors.filter((item) => item.namespace === namespace),
      namespaces: namespacesOf([...allSources, ...allSensors], namespace),
      isPending: sources.isPending || sensors.isPending,
      error: sources.error ?? sensors.error,
    }),
    [allSources, allSensors, namespace, sources.isPending, sensors.isPending, sources.error, sensors.error],
  );
}
