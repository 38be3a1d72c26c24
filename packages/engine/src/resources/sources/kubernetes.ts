/**
 * Kubernetes-only parts of the v1alpha1 kinds: how Argo's controller deploys pods, services and StatefulSets.
 * Signalbox runs no pods, so these are accepted and ignored with a warning. Argo's own structure is still checked
 * strictly (a typo such as `serviceAcountName` is an error with its path); the `k8s.io/api/core/v1` values inside
 * (volumes, tolerations, affinity, resources, …) are passed through unchecked, as Argo hands them to Kubernetes.
 */
import { z } from "zod";
import type { FieldIssue } from "../../errors.ts";
import { stringMap } from "./shared.ts";

/** A `k8s.io/api/core/v1` value: Kubernetes validates it, Signalbox ignores it. */
const coreV1 = z.unknown().optional();

/** Argo's `Metadata`: labels and annotations for the pods or the service. */
export const podMetadata = z.strictObject({
  annotations: stringMap.optional(),
  labels: stringMap.optional(),
});

/** Argo's `ContainerTemplate` (EventBus containers). */
export const containerTemplate = z.strictObject({
  resources: coreV1,
  imagePullPolicy: z.string().optional(),
  securityContext: coreV1,
});

/** Argo's `Container` (the main container of an EventSource or Sensor pod). */
export const container = z.strictObject({
  resources: coreV1,
  imagePullPolicy: z.string().optional(),
  securityContext: coreV1,
  volumeMounts: z.array(z.unknown()).optional(),
  env: z.array(z.unknown()).optional(),
  envFrom: z.array(z.unknown()).optional(),
});

/** Argo's `Template`: `spec.template` of an EventSource or Sensor (the pod). */
export const podTemplate = z.strictObject({
  metadata: podMetadata.optional(),
  serviceAccountName: z.string().optional(),
  container: container.optional(),
  volumes: z.array(z.unknown()).optional(),
  securityContext: coreV1,
  nodeSelector: stringMap.optional(),
  tolerations: z.array(z.unknown()).optional(),
  imagePullSecrets: z.array(z.unknown()).optional(),
  priorityClassName: z.string().optional(),
  priority: z.number().int().optional(),
  affinity: coreV1,
});

/** Argo's `Service`: `spec.service` of an EventSource (`ports` are `corev1.ServicePort`s). */
export const eventSourceService = z.strictObject({
  metadata: podMetadata.optional(),
  ports: z.array(z.unknown()).optional(),
  clusterIP: z.string().optional(),
});

/** Argo's `PersistenceStrategy` (PVCs of the NATS StatefulSets). `volumeSize` is a Kubernetes quantity. */
export const persistenceStrategy = z.strictObject({
  storageClassName: z.string().optional(),
  accessMode: z.string().optional(),
  volumeSize: z.union([z.string(), z.number()]).optional(),
});

/** The pod-placement fields the EventBus StatefulSets share (`JetStreamBus`, `NativeStrategy`). */
export const statefulSetPodFields = {
  metadata: podMetadata.optional(),
  nodeSelector: stringMap.optional(),
  tolerations: z.array(z.unknown()).optional(),
  securityContext: coreV1,
  imagePullSecrets: z.array(z.unknown()).optional(),
  priorityClassName: z.string().optional(),
  priority: z.number().int().optional(),
  affinity: coreV1,
  serviceAccountName: z.string().optional(),
};

/** `spec.jetstream` fields that only shape Argo's NATS StatefulSet (Signalbox uses its own NATS server). */
export const jetstreamDeploymentFields = [
  "version",
  "replicas",
  "containerTemplate",
  "reloaderContainerTemplate",
  "metricsContainerTemplate",
  "persistence",
  ...Object.keys(statefulSetPodFields),
  "settings",
  "startArgs",
  "maxPayload",
] as const;

/**
 * Warnings for Kubernetes-only fields below `spec` (the top-level ones — `spec.template`, `spec.service`,
 * `spec.replicas`, `status` — are reported by `kubernetesOnlyWarnings`). Today: the deployment fields of a native
 * `jetstream` EventBus. Pure; call it on a resource that passed its schema.
 */
export function nestedKubernetesOnlyWarnings(resource: { kind: string; spec?: unknown }): FieldIssue[] {
  const warnings: FieldIssue[] = [];
  if (resource.kind !== "EventBus") return warnings;
  const jetstream = (resource.spec as { jetstream?: Record<string, unknown> } | undefined)?.jetstream;
  if (!jetstream) return warnings;
  for (const field of jetstreamDeploymentFields) {
    if (jetstream[field] === undefined) continue;
    warnings.push({
      path: `spec.jetstream.${field}`,
      message:
        field === "version"
          ? "picks the NATS image of Argo's StatefulSet: accepted and ignored by Signalbox, which uses its own NATS server"
          : "configures Argo's NATS StatefulSet: accepted and ignored by Signalbox, which uses its own NATS server (stream settings come from streamConfig)",
    });
  }
  return warnings;
}
