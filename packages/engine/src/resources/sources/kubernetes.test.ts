import { describe, expect, it } from "vitest";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import { parseManifests } from "../parse.ts";
import { nestedKubernetesOnlyWarnings } from "./kubernetes.ts";

const bus = (spec: Record<string, unknown>) => ({
  apiVersion: "argoproj.io/v1alpha1",
  kind: "EventBus",
  metadata: { name: "default" },
  spec,
});

function issuesOf(input: readonly unknown[]): FieldIssue[] {
  try {
    parseManifests(input);
  } catch (error) {
    if (error instanceof ValidationError) return [...error.issues];
    throw error;
  }
  throw new Error("expected a validation error");
}

const jetstream = {
  version: "2.10.29",
  replicas: 3,
  persistence: { storageClassName: "fast", accessMode: "ReadWriteOnce", volumeSize: "20Gi" },
  containerTemplate: { resources: { limits: { cpu: "1" } }, imagePullPolicy: "IfNotPresent" },
  metadata: { labels: { team: "a" } },
  tolerations: [{ key: "events", operator: "Exists" }],
  affinity: { podAntiAffinity: {} },
  settings: "max_file_store: 10GB",
  startArgs: ["-D"],
  streamConfig: "maxAge: 24h",
  maxPayload: "2MB",
};

describe("a native jetstream EventBus", () => {
  it("accepts Argo's StatefulSet fields, and lists each as ignored", () => {
    const [parsed] = parseManifests([bus({ jetstream })]).resources;
    expect(nestedKubernetesOnlyWarnings(parsed?.resource ?? { kind: "" }).map((warning) => warning.path)).toEqual([
      "spec.jetstream.version",
      "spec.jetstream.replicas",
      "spec.jetstream.containerTemplate",
      "spec.jetstream.persistence",
      "spec.jetstream.metadata",
      "spec.jetstream.tolerations",
      "spec.jetstream.affinity",
      "spec.jetstream.settings",
      "spec.jetstream.startArgs",
      "spec.jetstream.maxPayload",
    ]);
  });

  it("reports a misspelled field and Argo's replica rule", () => {
    expect(issuesOf([bus({ jetstream: { version: "latest", replicas: 2, persistance: {} } })])).toEqual([
      {
        path: "spec.jetstream.replicas",
        message: "EventBus default: must be 1 or at least 3 (Argo rejects 2 and less than 1)",
      },
      { path: "spec.jetstream.persistance", message: "EventBus default: unknown field 'persistance'" },
    ]);
  });
});

describe("other EventBus kinds", () => {
  it("checks a NATS Streaming bus field by field before refusing it", () => {
    const deprecated = {
      path: "spec.nats",
      message: "EventBus default: NATS Streaming (STAN) is deprecated and not supported; use jetstream",
    };
    expect(issuesOf([bus({ nats: { native: { auth: "token", maxAge: "72h", replicas: 3 } } })])).toEqual([deprecated]);
    const issues = issuesOf([bus({ nats: { exotic: { url: "nats://stan:4222", clusterId: "stan" } } })]);
    expect(issues.map((issue) => issue.path)).toEqual([
      "spec.nats.exotic.clusterID",
      "spec.nats.exotic.clusterId",
      "spec.nats",
    ]);
    expect(issues[1]?.message).toBe("EventBus default: unknown field 'clusterId'");
  });

  it("takes tls.enabled on a Kafka bus and rejects an empty TLS block, as Argo does", () => {
    expect(() => parseManifests([bus({ kafka: { url: "kafka:9092", tls: { enabled: true } } })])).not.toThrow();
    expect(issuesOf([bus({ kafka: { url: "kafka:9092", tls: {} } })]).map((issue) => issue.path)).toEqual([
      "spec.kafka.tls",
    ]);
  });
});
