/**
 * Schema of a `kafka` event (Argo's `KafkaEventSource`, §4.2), plus the pieces the kafka trigger shares: `sasl`,
 * `version` and topic names. Pure: runs at apply time, in the server and in the console.
 *
 * Every Argo field is known. Those Signalbox cannot honour are rejected with their path rather than ignored:
 * `config` (raw sarama YAML: kafkajs has no equivalent of sarama's options), `schemaRegistry` (Avro decoding) and
 * `awsMskIamAuth` (AWS IAM SASL signing); so are the SASL mechanisms kafkajs cannot run with a user and password
 * (`OAUTHBEARER`, which sarama cannot run that way either, and `GSSAPI`).
 */
import { z } from "zod";
import { backoff, secretKeySelector } from "../../resources/common.ts";
import { sourceFilter, withRules } from "../../resources/sources/shared.ts";
import { clientTlsConfig } from "../nats/schema.ts";

/** Argo's SASL mechanism names; "" means PLAIN. */
const SASL_MECHANISMS = ["", "PLAIN", "OAUTHBEARER", "SCRAM-SHA-256", "SCRAM-SHA-512", "GSSAPI"];

/** Argo's `SASLConfig`, checked like Argo's `ValidateSASLConfig`, with the mechanisms kafkajs cannot run rejected. */
export const saslConfig = withRules(
  z.strictObject({
    mechanism: z.string().optional(),
    userSecret: secretKeySelector.optional(),
    passwordSecret: secretKeySelector.optional(),
  }),
  (sasl, report) => {
    const mechanism = typeof sasl.mechanism === "string" ? sasl.mechanism : "";
    if (!SASL_MECHANISMS.includes(mechanism)) {
      report(
        "must be one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512 (Argo also names OAUTHBEARER and GSSAPI)",
        "mechanism",
      );
    } else if (mechanism === "OAUTHBEARER" || mechanism === "GSSAPI") {
      report(`${mechanism} is not supported by Signalbox (use PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512)`, "mechanism");
    }
    if (sasl.userSecret === undefined) report("userSecret and passwordSecret must both be set", "userSecret");
    if (sasl.passwordSecret === undefined) report("userSecret and passwordSecret must both be set", "passwordSecret");
  },
);
export type SaslConfig = z.infer<typeof saslConfig>;

/** The kafkajs mechanism of an Argo mechanism name (`""` → PLAIN, as Argo's `GetMechanism`). */
export function kafkajsMechanism(mechanism: string | undefined): "plain" | "scram-sha-256" | "scram-sha-512" {
  if (mechanism === "SCRAM-SHA-256") return "scram-sha-256";
  if (mechanism === "SCRAM-SHA-512") return "scram-sha-512";
  return "plain";
}

/**
 * sarama's `ParseKafkaVersion` syntax (`2.8.1`, `0.10.2.0`). Signalbox checks it as Argo would but does not use it:
 * kafkajs negotiates API versions with the broker itself.
 */
export const kafkaVersion = z
  .string()
  .refine((version) => version === "" || /^0\.\d+\.\d+\.\d+$/.test(version) || /^[1-9]\d*\.\d+\.\d+$/.test(version), {
    message: "invalid Kafka version: use major.minor.patch (e.g. 2.8.1) or 0.x.y.z",
  });

/** Kafka's legal topic names. */
export function kafkaTopicIssue(topic: string): string | undefined {
  if (topic === "." || topic === "..") return "'.' and '..' are not valid topic names";
  if (topic.length > 249) return "must be at most 249 characters";
  if (!/^[a-zA-Z0-9._-]+$/.test(topic)) return "may contain only ASCII letters, digits, '.', '_' and '-'";
  return undefined;
}

/** A topic name: required, and one Kafka accepts. */
export function topicName(requiredMessage: string) {
  return z
    .string()
    .min(1, requiredMessage)
    .superRefine((topic, ctx) => {
      const issue = topic === "" ? undefined : kafkaTopicIssue(topic);
      if (issue) ctx.addIssue({ code: "custom", message: issue });
    });
}

/** Argo's comma-separated broker list: required, with at least one broker. */
export function brokerList(requiredMessage: string) {
  return z
    .string()
    .min(1, requiredMessage)
    .superRefine((url, ctx) => {
      if (url !== "" && url.split(",").every((broker) => broker.trim() === "")) {
        ctx.addIssue({ code: "custom", message: "needs at least one host:port" });
      }
    });
}

/** A field Signalbox knows but cannot honour: any value is an issue at its path. */
export function unsupportedField(message: string) {
  return z.unknown().superRefine((value, ctx) => {
    if (value !== undefined && value !== null && value !== "") ctx.addIssue({ code: "custom", path: [], message });
  });
}

/** The `schemaRegistry` block (sources and triggers): rejected. */
export const unsupportedSchemaRegistry = unsupportedField(
  "schemaRegistry (Avro through a schema registry) is not supported by Signalbox: remove it and send JSON",
);

/** Argo's `KafkaConsumerGroup`. */
export const kafkaConsumerGroup = z.strictObject({
  groupName: z.string().min(1, "groupName must be specified"),
  oldest: z.boolean().optional(),
  /** Argo falls back to range for an unknown value (with a log line); Signalbox rejects it. */
  rebalanceStrategy: z
    .enum(["", "range", "roundrobin", "sticky"], { message: "must be range (default), roundrobin or sticky" })
    .optional(),
});

/** One `kafka` event: a consumer group, or one partition from the newest offset (§4.2). */
export const kafkaEvent = withRules(
  z.strictObject({
    url: brokerList("url must be specified"),
    /** Argo's field is a string; a YAML number is accepted too. */
    partition: z.union([z.string(), z.number().int()]).transform(String).optional(),
    topic: topicName("topic must be specified"),
    connectionBackoff: backoff.optional(),
    tls: clientTlsConfig.optional(),
    jsonBody: z.boolean().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    consumerGroup: kafkaConsumerGroup.optional(),
    limitEventsPerSecond: z.number().int().nonnegative().optional(),
    version: kafkaVersion.optional(),
    sasl: saslConfig.optional(),
    filter: sourceFilter.optional(),
    config: unsupportedField(
      "config (raw sarama YAML) is not supported by Signalbox: its consumer is kafkajs, which has no sarama options",
    ).optional(),
    schemaRegistry: unsupportedSchemaRegistry.optional(),
    awsMskIamAuth: unsupportedField(
      "awsMskIamAuth (SASL/OAUTHBEARER signed with AWS IAM) is not supported by Signalbox: use SASL SCRAM or TLS",
    ).optional(),
  }),
  (event, report) => {
    if (event.consumerGroup !== undefined && event.consumerGroup !== null) return;
    const partition = typeof event.partition === "number" ? String(event.partition) : event.partition;
    if (partition === undefined || partition === null || partition === "") {
      report("consumerGroup or partition must be specified", "partition");
    } else if (typeof partition !== "string" || !/^\+?\d+$/.test(partition) || Number(partition) > 2 ** 31 - 1) {
      report("must be a partition number", "partition");
    }
  },
);
export type KafkaEvent = z.infer<typeof kafkaEvent>;
