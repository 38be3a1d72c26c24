/**
 * The `nats` source (§4.2): core NATS subscriptions whose messages become events with CloudEvent type `nats`, the
 * event name as subject, and Argo's data `{subject, body, header, metadata}` (`nats/data.ts`). The runtime
 * (`nats/listener.ts`) loads the NATS client only when such a source starts.
 */
import type { SourceKindDefinition } from "./registry.ts";

/** Registry entry of the nats source. */
export const natsSource: SourceKindDefinition<"nats"> = {
  type: "nats",
  async start(options) {
    const { startNatsSource } = await import("./nats/listener.ts");
    return startNatsSource(options);
  },
};
