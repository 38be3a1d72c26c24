/**
 * Schema of `template.kafka` (Argo's `KafkaTrigger`, §6.2): produce the payload to a topic. Every Argo field is
 * known; `schemaRegistry` (Avro encoding) is rejected with its path. Pure.
 */
import { z } from "zod";
import { secretKeySelector } from "../../resources/common.ts";
import { payloadParameter, triggerParameter } from "../../resources/trigger.ts";
import {
  brokerList,
  kafkaVersion,
  saslConfig,
  topicName,
  unsupportedSchemaRegistry,
} from "../../sources/kafka/schema.ts";
import { clientTlsConfig } from "../../sources/nats/schema.ts";

/** Argo's `SecureHeader`: a header whose value comes from a Secret or a ConfigMap. */
const secureHeader = z
  .strictObject({
    name: z.string().min(1),
    valueFrom: z.strictObject({
      secretKeyRef: secretKeySelector.optional(),
      configMapKeyRef: secretKeySelector.optional(),
    }),
  })
  .superRefine((header, ctx) => {
    const { secretKeyRef, configMapKeyRef } = header.valueFrom;
    if (Boolean(secretKeyRef) === Boolean(configMapKeyRef)) {
      ctx.addIssue({ code: "custom", path: ["valueFrom"], message: "set one of secretKeyRef, configMapKeyRef" });
    }
  });

/** `template.kafka`. `parameters` rewrite this object (dest relative to it) before each send. */
export const kafkaTriggerSpec = z.strictObject({
  url: brokerList("broker url must not be empty"),
  topic: topicName("topic must not be empty"),
  /** Deprecated in Argo and unused there (the partition follows from the key); accepted and unused here. */
  partition: z.number().int().nonnegative().optional(),
  parameters: z.array(z.lazy(() => triggerParameter)).optional(),
  /** -1 all in-sync replicas (Argo's code default, also for 0), 1 the leader only. */
  requiredAcks: z
    .union([z.literal(-1), z.literal(0), z.literal(1)], {
      message: "must be -1 (all), 1 (leader) or 0 (Argo's default, all)",
    })
    .optional(),
  /** Argo compresses with snappy; kafkajs has no snappy codec, so Signalbox compresses with gzip (consumers decompress either). */
  compress: z.boolean().optional(),
  /** Argo's batching linger (documented in ms, read as ns). Signalbox sends each message at once and waits for its acks. */
  flushFrequency: z.number().int().nonnegative().optional(),
  tls: clientTlsConfig.optional(),
  // Lazy: `resources/trigger.ts` imports this schema, so its parameter schemas are not defined yet at load time.
  payload: z.array(
    z.lazy(() => payloadParameter),
    { message: "payload is required (it may be an empty list)" },
  ),
  /** The record key, a literal string (set it from event data with `parameters`, dest `partitioningKey`). */
  partitioningKey: z.string().optional(),
  version: kafkaVersion.optional(),
  sasl: saslConfig.optional(),
  schemaRegistry: unsupportedSchemaRegistry.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  secureHeaders: z.array(secureHeader).optional(),
});
export type KafkaTriggerSpec = z.infer<typeof kafkaTriggerSpec>;
