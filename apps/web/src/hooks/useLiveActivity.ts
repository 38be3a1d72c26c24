/**
 * Feeds the graph's live counters and pulses (`flow/activity.ts`) from the live stream of one namespace: each stored
 * event counts for its event node, each finished run for its trigger and sensor.
 */
import { useSubscription } from "@trpc/tanstack-react-query";
import { useCallback } from "react";
import { activity } from "../flow/activity.ts";
import { sensorId, sourceId, triggerId } from "../flow/toGraph.ts";
import { useTRPC } from "../trpc/client.tsx";

type LiveItem =
  | { type: "hello" }
  | { type: "dropped"; count: number }
  | { type: "event"; event: { source: string; subject: string } }
  | { type: "run"; run: { sensor: string; trigger: string; status: string } };

export function useLiveActivity(namespace: string): void {
  const trpc = useTRPC();
  const onData = useCallback((item: LiveItem) => {
    switch (item.type) {
      case "event":
        activity.add(sourceId(item.event.source, item.event.subject), { received: 1 });
        return;
      case "run": {
        const delta = item.run.status === "succeeded" ? { fired: 1 } : { failed: 1 };
        activity.add(triggerId(item.run.sensor, item.run.trigger), delta);
        activity.add(sensorId(item.run.sensor), delta);
        return;
      }
      default:
        return;
    }
  }, []);
  useSubscription(trpc.events.live.subscriptionOptions({ namespace, kinds: ["event", "run"], buffer: 2_000 }, { onData }));
}
