/**
 * Event schemas of the Argo source types Signalbox validates field by field but does not run (yet): `spec.<type>`
 * key → schema of one event. `eventSource.ts` checks such a map with these schemas, then reports the type as not
 * supported, so a manifest learns about its typos and about the missing type in one apply.
 */
import { z } from "zod";
import { eventName } from "../common.ts";
import { amqpEvent } from "./amqp.ts";
import { sqsEvent, snsEvent } from "./aws.ts";
import { azureEventsHubEvent, azureQueueStorageEvent, azureServiceBusEvent } from "./azure.ts";
import { bitbucketEvent, bitbucketServerEvent } from "./bitbucket.ts";
import { emitterEvent } from "./emitter.ts";
import { fileEvent, hdfsEvent, sftpEvent } from "./files.ts";
import { genericEvent } from "./generic.ts";
import { gerritEvent } from "./gerrit.ts";
import { githubEvent } from "./github.ts";
import { gitlabEvent } from "./gitlab.ts";
import { mnsEvent } from "./mns.ts";
import { mqttEvent } from "./mqtt.ts";
import { nsqEvent } from "./nsq.ts";
import { minioEvent, storageGridEvent } from "./objectStorage.ts";
import { pubSubEvent } from "./pubSub.ts";
import { pulsarEvent } from "./pulsar.ts";
import { redisEvent, redisStreamEvent } from "./redis.ts";
import { resourceEvent } from "./resource.ts";
import { refusedType } from "./shared.ts";
import { slackEvent } from "./slack.ts";
import { stripeEvent } from "./stripe.ts";

/** Schema of one event per Argo source type that has no Signalbox implementation, keyed as in `EventSourceSpec`. */
export const unsupportedSourceTypes = {
  resource: resourceEvent,
  amqp: amqpEvent,
  mqtt: mqttEvent,
  redis: redisEvent,
  redisStream: redisStreamEvent,
  nsq: nsqEvent,
  pulsar: pulsarEvent,
  pubSub: pubSubEvent,
  sqs: sqsEvent,
  sns: snsEvent,
  azureEventsHub: azureEventsHubEvent,
  azureServiceBus: azureServiceBusEvent,
  azureQueueStorage: azureQueueStorageEvent,
  github: githubEvent,
  gitlab: gitlabEvent,
  bitbucket: bitbucketEvent,
  bitbucketserver: bitbucketServerEvent,
  gerrit: gerritEvent,
  slack: slackEvent,
  stripe: stripeEvent,
  minio: minioEvent,
  storageGrid: storageGridEvent,
  file: fileEvent,
  sftp: sftpEvent,
  hdfs: hdfsEvent,
  emitter: emitterEvent,
  generic: genericEvent,
  mns: mnsEvent,
} as const satisfies Record<string, z.ZodType>;

/** A source type listed in {@link unsupportedSourceTypes}. */
export type UnsupportedSourceType = keyof typeof unsupportedSourceTypes;

/** The schema of one event of `type`, when `type` is one of {@link unsupportedSourceTypes}. */
export function unsupportedSourceSchema(type: string): z.ZodType | undefined {
  return Object.hasOwn(unsupportedSourceTypes, type)
    ? unsupportedSourceTypes[type as UnsupportedSourceType]
    : undefined;
}

/**
 * The schema of `spec.<type>` for a type Signalbox does not run: the event map checked field by field, and always
 * the error "source type '<type>' is not supported by Signalbox yet".
 */
export function unsupportedSourceField(type: string): z.ZodType<unknown> {
  const events = z.record(eventName, unsupportedSourceSchema(type) ?? z.unknown());
  return refusedType(events, `source type '${type}' is not supported by Signalbox yet`);
}
