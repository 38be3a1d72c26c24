/**
 * `EventBus` (argoproj.io/v1alpha1, §1.3) plus the two v1 kinds manifests may carry: Secret and ConfigMap.
 */
import { z } from "zod";
import { kubernetesOnly, objectMeta, secretKeySelector } from "./common.ts";
import { containerTemplate, persistenceStrategy, statefulSetPodFields } from "./sources/kubernetes.ts";
import { count, isSet, tlsConfig, withRules } from "./sources/shared.ts";

/**
 * `spec.jetstream` (Argo's `JetStreamBus`). Signalbox uses `streamConfig`; the other fields shape Argo's NATS
 * StatefulSet and are accepted with a warning (`nestedKubernetesOnlyWarnings`).
 */
const jetstream = z.strictObject({
  version: z.string().optional(),
  replicas: z
    .number()
    .int()
    .refine((replicas) => replicas === 1 || replicas >= 3, "must be 1 or at least 3 (Argo rejects 2 and less than 1)")
    .optional(),
  containerTemplate: containerTemplate.optional(),
  reloaderContainerTemplate: containerTemplate.optional(),
  metricsContainerTemplate: containerTemplate.optional(),
  persistence: persistenceStrategy.optional(),
  ...statefulSetPodFields,
  settings: z.string().optional(),
  startArgs: z.array(z.string()).optional(),
  streamConfig: z.string().optional(),
  maxPayload: z.string().optional(),
});

const natsAuthStrategy = z.enum(["none", "token", "basic"]);

/** `spec.nats` (Argo's `NATSBus`, deprecated NATS Streaming): `native` or `exotic`. Validated, then rejected. */
const nats = withRules(
  z.strictObject({
    native: z
      .strictObject({
        replicas: count.optional(),
        auth: natsAuthStrategy.optional(),
        persistence: persistenceStrategy.optional(),
        containerTemplate: containerTemplate.optional(),
        metricsContainerTemplate: containerTemplate.optional(),
        ...statefulSetPodFields,
        maxAge: z.string().optional(),
        maxMsgs: count.optional(),
        maxBytes: z.string().optional(),
        maxSubs: count.optional(),
        maxPayload: z.string().optional(),
        raftHeartbeatTimeout: z.string().optional(),
        raftElectionTimeout: z.string().optional(),
        raftLeaseTimeout: z.string().optional(),
        raftCommitTimeout: z.string().optional(),
      })
      .optional(),
    exotic: z
      .strictObject({
        url: z.string().min(1),
        clusterID: z.string(),
        auth: natsAuthStrategy.optional(),
        accessSecret: secretKeySelector.optional(),
      })
      .optional(),
  }),
  (bus, report) => {
    if (isSet(bus.native) === isSet(bus.exotic)) report("set exactly one of native, exotic");
  },
);

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
    nats: nats.optional(),
    jetstream: jetstream.optional(),
    jetstreamExotic: jetstreamExotic.optional(),
    kafka: kafka.optional(),
  })
  .superRefine(
    (spec, ctx) => {
      const set = (["nats", "jetstream", "jetstreamExotic", "kafka"] as const).filter((key) => spec[key] != null);
      if (set.length !== 1) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: "set exactly one of nats, jetstream, jetstreamExotic, kafka",
        });
      }
      if (spec.nats != null) {
        ctx.addIssue({
          code: "custom",
          path: ["nats"],
          message: "NATS Streaming (STAN) is deprecated and not supported; use jetstream",
        });
      }
    },
    // Also when a field inside is invalid, so one apply reports both.
    { when: (payload) => typeof payload.value === "object" && payload.value !== null },
  );
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
