/**
 * `EventBus` (argoproj.io/v1alpha1, §1.3) plus the two v1 kinds manifests may carry: Secret and ConfigMap.
 */
import { z } from "zod";
import { kubernetesOnly, objectMeta, secretKeySelector, tlsConfig } from "./common.ts";

const jetstream = z.looseObject({
  version: z.string().optional(),
  replicas: z.number().int().optional(),
  streamConfig: z.string().optional(),
  settings: z.string().optional(),
  maxPayload: z.string().optional(),
});

const jetstreamExotic = z.strictObject({
  url: z.string().min(1),
  accessSecret: secretKeySelector.optional(),
  streamConfig: z.string().optional(),
  tls: tlsConfig.optional(),
});

const kafka = z.strictObject({
  url: z.string().min(1),
  topic: z.string().optional(),
  version: z.string().optional(),
  tls: tlsConfig.optional(),
  sasl: z
    .strictObject({
      mechanism: z.string().optional(),
      userSecret: secretKeySelector.optional(),
      passwordSecret: secretKeySelector.optional(),
    })
    .optional(),
  consumerGroup: z
    .strictObject({
      groupName: z.string().optional(),
      oldest: z.boolean().optional(),
      rebalanceStrategy: z.enum(["range", "sticky", "roundrobin"]).optional(),
    })
    .optional(),
  partitioner: z.string().optional(),
});

/** `EventBus.spec`: exactly one of `nats`, `jetstream`, `jetstreamExotic`, `kafka`. */
export const eventBusSpec = z
  .strictObject({
    nats: z.unknown().optional(),
    jetstream: jetstream.optional(),
    jetstreamExotic: jetstreamExotic.optional(),
    kafka: kafka.optional(),
  })
  .superRefine((spec, ctx) => {
    const set = (["nats", "jetstream", "jetstreamExotic", "kafka"] as const).filter((key) => spec[key] != null);
    if (set.length !== 1) {
      ctx.addIssue({ code: "custom", path: [], message: "set exactly one of nats, jetstream, jetstreamExotic, kafka" });
    }
    if (spec.nats != null) {
      ctx.addIssue({ code: "custom", path: ["nats"], message: "NATS Streaming (STAN) is deprecated and not supported; use jetstream" });
    }
  });
export type EventBusSpec = z.infer<typeof eventBusSpec>;

/** A whole EventBus document. */
export const eventBusResource = z.strictObject({
  apiVersion: z.literal("argoproj.io/v1alpha1"),
  kind: z.literal("EventBus"),
  metadata: objectMeta,
  spec: eventBusSpec,
  status: kubernetesOnly,
});
export type EventBusResource = z.infer<typeof eventBusResource>;

/** A v1 Secret: `data` is base64, `stringData` plain. */
export const secretResource = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("Secret"),
  metadata: objectMeta,
  type: z.string().optional(),
  data: z.record(z.string(), z.string()).optional(),
  stringData: z.record(z.string(), z.string()).optional(),
  immutable: z.boolean().optional(),
});
export type SecretResource = z.infer<typeof secretResource>;

/** A v1 ConfigMap. */
export const configMapResource = z.strictObject({
  apiVersion: z.literal("v1"),
  kind: z.literal("ConfigMap"),
  metadata: objectMeta,
  data: z.record(z.string(), z.string()).optional(),
  binaryData: z.record(z.string(), z.string()).optional(),
  immutable: z.boolean().optional(),
});
export type ConfigMapResource = z.infer<typeof configMapResource>;
