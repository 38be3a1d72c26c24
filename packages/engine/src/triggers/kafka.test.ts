import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors.ts";
import type { TriggerEvent } from "../mapping/events.ts";
import { parseManifests } from "../resources/parse.ts";
import { trigger as triggerSchema } from "../resources/trigger.ts";
import { systemClock } from "../host.ts";
import { prepareTrigger } from "./run.ts";
import { redactAction } from "./types.ts";

const stored = new Map<string, string>([
  ["Secret/kafka-user/user", "alice"],
  ["Secret/kafka-user/password", "s3cret"],
  ["Secret/tokens/api", "tok-123"],
  ["ConfigMap/routing/region", "eu"],
  ["Secret/nats/token", "nats-token"],
  ["Secret/tls/ca", "-----BEGIN CERTIFICATE-----\nMII…\n-----END CERTIFICATE-----\n"],
]);
const secrets = {
  resolve: async (_namespace: string, kind: "Secret" | "ConfigMap", selector: { name: string; key: string }) =>
    stored.get(`${kind}/${selector.name}/${selector.key}`),
};

const event: TriggerEvent = {
  context: {
    id: "kafka:example:kafka:9092:orders:0:7",
    source: "queues",
    specversion: "1.0",
    type: "kafka",
    datacontenttype: "application/json",
    subject: "example",
    time: "2026-07-18T12:00:00Z",
  },
  data: new TextEncoder().encode(JSON.stringify({ body: { id: "order-1", amount: 12 }, key: "k" })),
};

const prepare = (template: unknown, parameters?: unknown) =>
  prepareTrigger(
    triggerSchema.parse({ template: { name: "out", ...(template as object) }, ...(parameters ? { parameters } : {}) }),
    { d: event },
    {
      namespace: "default",
      sensorName: "s",
      secrets,
      clock: systemClock,
    },
  );

describe("the kafka trigger", () => {
  it("prepares the record: payload, key from parameters, headers then secure headers, acks and compression", async () => {
    const action = await prepare({
      kafka: {
        url: "kafka-0:9092,kafka-1:9092",
        topic: "orders-out",
        payload: [{ src: { dependencyName: "d", dataKey: "body" }, dest: "" }],
        partitioningKey: "placeholder",
        parameters: [{ src: { dependencyName: "d", dataKey: "body.id" }, dest: "partitioningKey" }],
        headers: { "x-source": "signalbox" },
        secureHeaders: [
          { name: "x-token", valueFrom: { secretKeyRef: { name: "tokens", key: "api" } } },
          { name: "x-region", valueFrom: { configMapKeyRef: { name: "routing", key: "region" } } },
        ],
        compress: true,
        sasl: {
          mechanism: "SCRAM-SHA-256",
          userSecret: { name: "kafka-user", key: "user" },
          passwordSecret: { name: "kafka-user", key: "password" },
        },
      },
    });
    expect(action).toEqual({
      kind: "kafka",
      url: "kafka-0:9092,kafka-1:9092",
      topic: "orders-out",
      key: "order-1",
      value: '{"id":"order-1","amount":12}',
      headers: [
        ["x-source", "signalbox"],
        ["x-token", "tok-123"],
        ["x-region", "eu"],
      ],
      secretHeaders: ["x-token"],
      acks: -1,
      compression: "gzip",
      sasl: { mechanism: "scram-sha-256", username: "alice", password: "s3cret" },
    });
    const redacted = redactAction(action);
    expect(JSON.stringify(redacted)).not.toMatch(/s3cret|tok-123/);
    expect(redacted).toMatchObject({
      headers: [
        ["x-source", "signalbox"],
        ["x-token", "*****"],
        ["x-region", "eu"],
      ],
      sasl: { username: "alice", password: "*****" },
    });
  });

  it("defaults requiredAcks to -1 as Argo's code does, also for 0; 1 waits for the leader only", async () => {
    const base = { url: "kafka:9092", topic: "t", payload: [] };
    expect(await prepare({ kafka: base })).toMatchObject({ acks: -1, compression: "none", value: "" });
    expect(await prepare({ kafka: { ...base, requiredAcks: 0 } })).toMatchObject({ acks: -1 });
    expect(await prepare({ kafka: { ...base, requiredAcks: 1 } })).toMatchObject({ acks: 1 });
    expect(await prepare({ kafka: base })).not.toHaveProperty("key");
  });

  it("fails without retry when a secure header's Secret is missing", async () => {
    await expect(
      prepare({
        kafka: {
          url: "kafka:9092",
          topic: "t",
          payload: [],
          secureHeaders: [{ name: "x", valueFrom: { secretKeyRef: { name: "nope", key: "k" } } }],
        },
      }),
    ).rejects.toThrow(/secureHeaders\[0\]\.valueFrom\.secretKeyRef: Secret nope has no key k/);
  });

  it("is selected after http and before nats and log, in Argo's order", async () => {
    const action = await prepare({
      log: {},
      nats: { url: "nats://n:4222", subject: "s", payload: [] },
      kafka: { url: "kafka:9092", topic: "t", payload: [] },
    });
    expect(action.kind).toBe("kafka");
  });
});

describe("the trigger schemas", () => {
  const sensor = (template: string) => `
apiVersion: argoproj.io/v1alpha1
kind: Sensor
metadata: {name: s}
spec:
  dependencies: [{name: d, eventSourceName: es, eventName: e}]
  triggers:
    - template:
        name: out
${template
  .trim()
  .split("\n")
  .map((line) => `        ${line}`)
  .join("\n")}
`;
  const issuesOf = (text: string) => {
    try {
      parseManifests(text);
      return [];
    } catch (error) {
      if (error instanceof ValidationError)
        return error.issues.map((issue) => `${issue.path}: ${issue.message.replace(/^Sensor s: /, "")}`);
      throw error;
    }
  };

  it("reject the kafka schemaRegistry, a missing payload and an unknown field with their paths", () => {
    const issues = issuesOf(
      sensor(`
kafka:
  url: kafka:9092
  topic: t
  schemaRegistry: {url: "http://registry:8081", schemaId: 3}
  partitionKey: typo
`),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^spec\.triggers\[0\]\.template\.kafka\.schemaRegistry: schemaRegistry .* is not supported by Signalbox/,
        ),
        expect.stringMatching(/^spec\.triggers\[0\]\.template\.kafka\.payload: /),
        expect.stringMatching(/^spec\.triggers\[0\]\.template\.kafka(\.partitionKey)?: .*partitionKey/),
      ]),
    );
  });

  it("reject a nats publish subject with wildcards and a TLS block without material", () => {
    const issues = issuesOf(
      sensor(`
nats:
  url: nats://n:4222
  subject: "orders.>"
  payload: []
  tls: {}
`),
    );
    expect(issues).toEqual([
      "spec.triggers[0].template.nats.subject: wildcards (* and >) are for subscriptions: a publish subject must be literal",
      expect.stringMatching(/^spec\.triggers\[0\]\.template\.nats\.tls: needs caCertSecret/),
    ]);
  });

  it("accept every Argo kafka field but schemaRegistry", () => {
    expect(
      issuesOf(
        sensor(`
kafka:
  url: kafka:9092
  topic: t
  partition: 0
  parameters: []
  requiredAcks: 1
  compress: false
  flushFrequency: 500
  tls: {insecureSkipVerify: true}
  payload: [{src: {dependencyName: d, dataKey: body}, dest: ""}]
  partitioningKey: k
  version: "1.0.0"
  sasl: {userSecret: {name: u, key: u}, passwordSecret: {name: u, key: p}}
  headers: {a: b}
  secureHeaders: [{name: x, valueFrom: {secretKeyRef: {name: s, key: k}}}]
`),
      ),
    ).toEqual([]);
  });
});
