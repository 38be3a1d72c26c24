/** Input and output types of the API's procedures, inferred from the server's router (type-only import). */
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@signalbox/server/router";

export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** A stored event as `events.list` returns it (payload decoded in `data`). */
export type EventItem = RouterOutputs["events"]["list"]["items"][number];
/** An EventSource or Sensor item with status and manifest. */
export type ResourceItem = RouterOutputs["sources"]["list"][number];
/** `events.byId`: the event with its explain records and trigger runs. */
export type EventDetail = RouterOutputs["events"]["byId"];
