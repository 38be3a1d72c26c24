/**
 * zod schemas of attachments (read-only views of existing Argo Events buses), shared by the `attach` procedures, their
 * REST routes and the OpenAPI document.
 */
import { z } from "zod";
import { namespaceName } from "../schemas.ts";

/** An attachment's name: a DNS label, as typed back to confirm a publish. */
export const attachName = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase DNS label (letters, digits, -)");

/** A credential: the value itself (stored sealed, never shown again) or a reference to a stored Secret's key. */
export const attachCredential = z.union([
  z
    .string()
    .min(1)
    .max(64 * 1024),
  z.strictObject({
    secretKeyRef: z.strictObject({
      namespace: namespaceName.default("default"),
      name: z.string().min(1).max(253),
      key: z.string().min(1).max(253),
    }),
  }),
]);
export type AttachCredential = z.infer<typeof attachCredential>;

export const attachTls = z.union([
  z.literal(true),
  z.strictObject({
    /** PEM of the CA (NATS `ca`, Kafka `caCertSecret`). */
    caCert: attachCredential.optional(),
    clientCert: attachCredential.optional(),
    clientKey: attachCredential.optional(),
    insecureSkipVerify: z.boolean().optional(),
  }),
]);

export const attachAuth = z.strictObject({
  /** NATS user (Argo's `accessSecret`) or Kafka SASL user. */
  username: attachCredential.optional(),
  password: attachCredential.optional(),
  /** Kafka SASL mechanism (default PLAIN when a username is given). */
  mechanism: z.enum(["PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512"]).optional(),
  tls: attachTls.optional(),
});
export type AttachAuthInput = z.infer<typeof attachAuth>;

/** One server address: `[scheme://][user:pass@]host[:port]` (host a name, IPv4 or bracketed IPv6). */
const serverAddress = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^\s@/]+@)?(?:[A-Za-z0-9_][A-Za-z0-9._-]*|\[[0-9A-Fa-f:.]+\])(?::(\d{1,5}))?$/;
const serverList = z
  .string()
  .min(1)
  .max(4096)
  .superRefine((text, context) => {
    for (const item of text.split(",").map((part) => part.trim())) {
      const match = serverAddress.exec(item);
      if (!match || (match[1] !== undefined && Number(match[1]) > 65535)) {
        context.addIssue({ code: "custom", message: `'${item}' is not a server address (host:port or nats://host:port)` });
      }
    }
  });
const token = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[^.*>\s]+$/, "one subject token: no dots, wildcards or spaces");

export const attachCreateInput = z
  .strictObject({
    name: attachName,
    kind: z.enum(["jetstream", "kafka"]),
    /** JetStream: NATS servers (`nats://host:4222`, comma-separated). Kafka: accepted as `brokers`. */
    url: serverList.optional(),
    /** Kafka: brokers, `host:port,…` or a list. */
    brokers: z.union([serverList, z.array(z.string().min(1).max(253)).min(1).max(50)]).optional(),
    /** JetStream: the stream (Argo's is `default`). */
    streamName: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[^.*>\s]+$/, "a JetStream stream name")
      .optional(),
    /** Kafka: the event topic (Argo's `<namespace>-<eventbus>` unless `spec.kafka.topic`). */
    topic: z
      .string()
      .min(1)
      .max(249)
      .regex(/^[a-zA-Z0-9._-]+$/, "a Kafka topic name")
      .optional(),
    /** Kafka: how a published record picks its partition (`hash`: sarama's, Argo's default). */
    partitioner: z.enum(["hash", "murmur2"]).optional(),
    auth: attachAuth.optional(),
    /** Connect and check that the stream/topic exists before saving (default true). */
    verify: z.boolean().default(true),
  })
  .superRefine((input, context) => {
    if (input.kind === "jetstream") {
      if (!input.url)
        context.addIssue({ code: "custom", path: ["url"], message: "a jetstream attachment needs the NATS url" });
      for (const key of ["brokers", "topic", "partitioner"] as const) {
        if (input[key] !== undefined)
          context.addIssue({ code: "custom", path: [key], message: `${key} is for kafka attachments` });
      }
      if (input.auth?.mechanism)
        context.addIssue({
          code: "custom",
          path: ["auth", "mechanism"],
          message: "mechanism is for kafka attachments",
        });
    } else {
      if (!input.brokers && !input.url)
        context.addIssue({ code: "custom", path: ["brokers"], message: "a kafka attachment needs brokers" });
      if (!input.topic)
        context.addIssue({
          code: "custom",
          path: ["topic"],
          message: "a kafka attachment needs the event topic (Argo's default is <namespace>-<eventbus name>)",
        });
      if (input.streamName !== undefined)
        context.addIssue({ code: "custom", path: ["streamName"], message: "streamName is for jetstream attachments" });
    }
    if ((input.auth?.username === undefined) !== (input.auth?.password === undefined)) {
      context.addIssue({
        code: "custom",
        path: ["auth", input.auth?.username === undefined ? "username" : "password"],
        message: "give username and password together",
      });
    }
  });
export type AttachCreateInput = z.infer<typeof attachCreateInput>;

/** How a credential is held, never its value. */
const credentialShown = z.string();

export const attachmentItem = z.object({
  name: z.string(),
  kind: z.enum(["jetstream", "kafka"]),
  /** NATS servers or Kafka brokers. */
  endpoint: z.string(),
  /** The stream (JetStream) or topic (Kafka). */
  target: z.string(),
  partitioner: z.enum(["hash", "murmur2"]).optional(),
  /** `inline (sealed)` or `secret <ns>/<name>#<key>` per credential. */
  auth: z.object({
    username: credentialShown.optional(),
    password: credentialShown.optional(),
    mechanism: z.string().optional(),
    tls: z
      .union([
        z.literal(true),
        z.object({
          caCert: credentialShown.optional(),
          clientCert: credentialShown.optional(),
          clientKey: credentialShown.optional(),
          insecureSkipVerify: z.boolean().optional(),
        }),
      ])
      .optional(),
  }),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AttachmentItem = z.infer<typeof attachmentItem>;

export const attachmentDetail = attachmentItem.extend({
  /** Whether the bus answered just now; `error` says why not. */
  reachable: z.boolean(),
  error: z.string().optional(),
  /** What is on the bus: stream config and state, or topic partitions with their watermarks. */
  bus: z.record(z.string(), z.unknown()).nullable(),
});

export const attachNameInput = z.object({ name: attachName });

export const attachEventsInput = z.object({
  name: attachName,
  limit: z.coerce.number().int().min(1).max(500).default(50),
  /** `nextCursor` of the previous page: a stream sequence (JetStream) or `<partition>:<offset>,…` (Kafka). */
  cursor: z.string().min(1).max(8192).optional(),
});

export const attachedEvent = z.object({
  specversion: z.string(),
  id: z.string(),
  source: z.string(),
  type: z.string(),
  subject: z.string(),
  datacontenttype: z.string(),
  time: z.string(),
  extensions: z.record(z.string(), z.string()),
  data_base64: z.string(),
  /** The payload decoded (JSON when it is JSON, else text). */
  data: z.unknown(),
});

export const attachedMessage = z.object({
  /** Stream sequence (`"42"`) or `<partition>:<offset>`; what `replay` takes. */
  position: z.string(),
  sequence: z.number().int().optional(),
  partition: z.number().int().optional(),
  offset: z.string().optional(),
  /** JetStream subject (`default.<eventSource>.<event>`). */
  subject: z.string().optional(),
  /** Kafka record key (`<eventSource>.<event>`). */
  key: z.string().nullable().optional(),
  /** When the bus stored it (RFC 3339). */
  storedAt: z.string(),
  /** Headers as on the bus (`Nats-Msg-Id`, `traceparent`, …). */
  headers: z.record(z.string(), z.string()),
  size: z.number().int(),
  /** The CloudEvent, or null when the body is not one (then `body_base64` holds it). */
  event: attachedEvent.nullable(),
  body_base64: z.string().optional(),
});
export type AttachedMessageItem = z.infer<typeof attachedMessage>;

export const attachEventsOutput = z.object({ items: z.array(attachedMessage), nextCursor: z.string().nullable() });

/** Publishing onto someone else's bus is explicit: `confirm` must repeat the attachment's name. */
const confirm = z.string().max(63).optional();

export const attachInjectInput = z.object({
  name: attachName,
  confirm,
  source: token,
  subject: token,
  type: z.string().min(1).max(253).default("webhook"),
  data: z.unknown(),
});

export const attachReplayInput = z
  .object({
    name: attachName,
    confirm,
    /** The message to publish again: its position (`42`, `1:17`)… */
    position: z.string().min(1).max(40).optional(),
    /** …its JetStream sequence… */
    sequence: z.coerce.number().int().min(1).optional(),
    /** …or its CloudEvent id (looked up among the newest 10,000 messages). */
    eventId: z.string().min(1).max(253).optional(),
  })
  .refine(
    (input) => [input.position, input.sequence, input.eventId].filter((value) => value !== undefined).length === 1,
    {
      message: "give exactly one of position, sequence or eventId",
      path: ["position"],
    },
  );

export const attachPublishOutput = z.object({
  /** The new CloudEvent's id. */
  id: z.string(),
  /** Where it landed: stream sequence or `<partition>:<offset>`. */
  position: z.string(),
  /** Subject (JetStream) or record key (Kafka). */
  address: z.string(),
  /** JetStream only: the stream already had this `Nats-Msg-Id` in its dedup window and kept the first. */
  duplicate: z.boolean(),
  /** Replays: the original's CloudEvent id and position. */
  replayOf: z.string().optional(),
  from: z.string().optional(),
});

export const attachTailInput = z.object({
  name: attachName,
  /** Messages buffered for this subscriber before newer ones are dropped (and counted in a `dropped` marker). */
  buffer: z.coerce.number().int().min(10).max(10_000).default(1000),
});
