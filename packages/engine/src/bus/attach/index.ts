/**
 * Read-only attachments to existing Argo Events buses (JetStream stream or Kafka event topic): list and follow their
 * CloudEvents without creating anything on them, and publish one in Argo's exact wire format when the host has
 * confirmation. See `jetstream.ts` and `kafka.ts` for what each one does on the wire.
 */
export { attachJetStream, argoSubjectPrefix, type JetStreamAttachOptions } from "./jetstream.ts";
export { attachKafka, type KafkaAttachOptions } from "./kafka.ts";
export { formatKafkaCursor, parseKafkaCursor, parseKafkaPosition } from "./kafkaCursor.ts";
export type {
  AttachedBus,
  AttachedBusInfo,
  AttachedMessage,
  AttachedPage,
  AttachedPublish,
  AttachedPublishResult,
  AttachedTail,
  TailOptions,
} from "./types.ts";
