import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors.ts";
import { parseManifests } from "../../resources/parse.ts";

const source = (type: "kafka" | "nats", event: string) => `
apiVersion: argoproj.io/v1alpha1
kind: EventSource
metadata: {name: queues}
spec:
  ${type}:
    example:
${event
  .trim()
  .split("\n")
  .map((line) => `      ${line}`)
  .join("\n")}
`;

function issuesOf(text: string) {
  try {
    parseManifests(text);
  } catch (error) {
    if (error instanceof ValidationError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message.replace(/^EventSource queues: /, "")}`);
    throw error;
  }
  return [];
}

describe("the kafka event schema", () => {
  it("accepts every Argo field it can honour", () => {
    expect(
      issuesOf(
        source(
          "kafka",
          `
url: kafka-0:9092,kafka-1:9092
topic: orders
partition: "0"
consumerGroup: {groupName: signalbox, oldest: true, rebalanceStrategy: sticky}
version: "2.8.1"
jsonBody: true
limitEventsPerSecond: 10
connectionBackoff: {duration: 10s, steps: 5, factor: 2, jitter: 0.2}
tls: {caCertSecret: {name: kafka-tls, key: ca.crt}}
sasl: {mechanism: SCRAM-SHA-512, userSecret: {name: kafka-user, key: user}, passwordSecret: {name: kafka-user, key: password}}
metadata: {team: payments}
filter: {expression: 'body.amount > 10'}
config: ""
`,
        ),
      ),
    ).toEqual([]);
  });

  it("rejects sarama config, schemaRegistry and awsMskIamAuth with their paths", () => {
    expect(
      issuesOf(
        source(
          "kafka",
          `
url: kafka:9092
topic: orders
partition: "0"
config: "consumer: {fetch: {min: 1}}"
schemaRegistry: {url: "http://registry:8081", schemaId: 1}
awsMskIamAuth: {region: us-east-1}
`,
        ),
      ),
    ).toEqual([
      expect.stringMatching(/^spec\.kafka\.example\.config: config \(raw sarama YAML\) is not supported by Signalbox/),
      expect.stringMatching(/^spec\.kafka\.example\.schemaRegistry: schemaRegistry .* is not supported by Signalbox/),
      expect.stringMatching(/^spec\.kafka\.example\.awsMskIamAuth: awsMskIamAuth .* is not supported by Signalbox/),
    ]);
  });

  it("applies Argo's checks and reports each problem", () => {
    const issues = issuesOf(
      source(
        "kafka",
        `
url: kafka:9092
topic: "bad topic"
version: "2.8"
tls: {clientCertSecret: {name: t, key: crt}}
sasl: {mechanism: GSSAPI, userSecret: {name: u, key: user}}
consumerGroup: {groupName: g, rebalanceStrategy: fair}
`,
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spec\.kafka\.example\.topic: may contain only/),
        expect.stringMatching(/^spec\.kafka\.example\.version: invalid Kafka version/),
        "spec.kafka.example.tls.clientKeySecret: needs both clientCertSecret and clientKeySecret",
        expect.stringMatching(/^spec\.kafka\.example\.sasl\.mechanism: GSSAPI is not supported by Signalbox/),
        expect.stringMatching(/^spec\.kafka\.example\.sasl\.passwordSecret: /),
        expect.stringMatching(/^spec\.kafka\.example\.consumerGroup\.rebalanceStrategy: /),
      ]),
    );
  });

  it("needs a consumer group or a partition number", () => {
    expect(issuesOf(source("kafka", "url: kafka:9092\ntopic: orders"))).toEqual([
      "spec.kafka.example.partition: consumerGroup or partition must be specified",
    ]);
    expect(issuesOf(source("kafka", "url: kafka:9092\ntopic: orders\npartition: one"))).toEqual([
      "spec.kafka.example.partition: must be a partition number",
    ]);
    expect(issuesOf(source("kafka", "url: kafka:9092\ntopic: orders\npartition: 2"))).toEqual([]);
    // Also beside a field's own error, so one apply lists both.
    expect(issuesOf(source("kafka", "url: kafka:9092\ntopic: a b"))).toEqual([
      "spec.kafka.example.topic: may contain only ASCII letters, digits, '.', '_' and '-'",
      "spec.kafka.example.partition: consumerGroup or partition must be specified",
    ]);
  });
});

describe("the nats event schema", () => {
  it("accepts every Argo field", () => {
    expect(
      issuesOf(
        source(
          "nats",
          `
url: nats://nats-0:4222,nats://nats-1:4222
subject: orders.*.created
queue: workers
jsonBody: true
connectionBackoff: {duration: 1s, steps: 3}
tls: {enabled: true}
auth: {token: {name: nats, key: token}}
metadata: {team: payments}
filter: {expression: 'body.id == 4'}
`,
        ),
      ),
    ).toEqual([]);
  });

  it("applies Argo's checks, and asks for exactly one auth method", () => {
    const issues = issuesOf(
      source(
        "nats",
        `
url: ""
subject: "orders..created"
queue: ""
tls: {}
auth: {token: {name: n, key: t}, nkey: {name: n, key: seed}}
`,
      ),
    );
    expect(issues).toEqual(
      expect.arrayContaining([
        "spec.nats.example.url: url must be specified",
        "spec.nats.example.subject: must not contain empty tokens (leading, trailing or double dots)",
        "spec.nats.example.queue: queue group cannot be empty if specified",
        expect.stringMatching(/^spec\.nats\.example\.tls: needs caCertSecret/),
        "spec.nats.example.auth.nkey: set only one of basic, token, nkey, credential (Argo would use token and ignore the others)",
      ]),
    );
  });
});
