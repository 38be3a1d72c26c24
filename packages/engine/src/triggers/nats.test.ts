import { describe, expect, it } from "vitest";
import type { TriggerEvent } from "../mapping/events.ts";
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

describe("the nats trigger", () => {
  it("prepares the publish, with nats.parameters applied to the subject and auth/tls from Secrets", async () => {
    const action = await prepare({
      nats: {
        url: "nats://nats:4222",
        subject: "orders.placeholder",
        payload: [
          { src: { dependencyName: "d", dataKey: "body.id" }, dest: "id" },
          { src: { dependencyName: "d", dataKey: "body.amount", useRawData: true }, dest: "amount" },
        ],
        parameters: [{ src: { dependencyName: "d", dataKey: "body.id" }, dest: "subject", operation: "overwrite" }],
        auth: { token: { name: "nats", key: "token" } },
        tls: { caCertSecret: { name: "tls", key: "ca" } },
      },
    });
    expect(action).toMatchObject({
      kind: "nats",
      url: "nats://nats:4222",
      subject: "order-1",
      payload: '{"id":"order-1","amount":12}',
      auth: { type: "token", token: "nats-token" },
    });
    const redacted = redactAction(action);
    expect(JSON.stringify(redacted)).not.toMatch(/nats-token|BEGIN CERTIFICATE/);
    expect(redacted).toMatchObject({ auth: { type: "token", token: "*****" }, tls: { ca: "*****" } });
  });
});
