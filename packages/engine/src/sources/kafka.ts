/**
 * The `kafka` source (§4.2): a consumer group (`consumerGroup`), or one `partition` read from the newest offset,
 * whose records become events with CloudEvent type `kafka`, Argo's deterministic id
 * `<eventSource>:<event>:<first broker>:<topic>:<partition>:<offset>` and data
 * `{topic, key, partition, body, timestamp, headers, metadata}` (`kafka/data.ts`). The runtime
 * (`kafka/consumer.ts`) loads kafkajs only when such a source starts.
 */
import type { SourceKindDefinition } from "./registry.ts";

/** Registry entry of the kafka source. */
export const kafkaSource: SourceKindDefinition<"kafka"> = {
  type: "kafka",
  async start(options) {
    const { startKafkaSource } = await import("./kafka/consumer.ts");
    return startKafkaSource(options);
  },
};
