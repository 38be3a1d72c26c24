/**
 * `spec.redis` (PUB/SUB channels) and `spec.redisStream` (streams read through a consumer group): Argo's
 * `RedisEventSource` and `RedisStreamEventSource` (§4.2).
 */
import { z } from "zod";
import {
  count,
  int32,
  requiredText,
  secretKeySelector,
  sourceFilter,
  stringMap,
  tlsConfig,
  withRules,
} from "./shared.ts";

/** One `redis` event. Argo requires `namespace` whenever `password` is set. */
export const redisEvent = withRules(
  z.strictObject({
    hostAddress: requiredText(),
    password: secretKeySelector.optional(),
    namespace: z.string().optional(),
    db: int32.nonnegative().optional(),
    channels: z.array(z.string().min(1)),
    tls: tlsConfig.optional(),
    metadata: stringMap.optional(),
    filter: sourceFilter.optional(),
    jsonBody: z.boolean().optional(),
    username: z.string().optional(),
  }),
  (event, report) => {
    if (event.password !== undefined && (event.namespace === undefined || event.namespace === "")) {
      report("is required with password (Argo reads the password's Secret from this namespace)", "namespace");
    }
  },
);

/** One `redisStream` event. */
export const redisStreamEvent = z.strictObject({
  hostAddress: requiredText(),
  password: secretKeySelector.optional(),
  db: int32.nonnegative().optional(),
  streams: z.array(z.string().min(1)),
  maxMsgCountPerRead: count.optional(),
  consumerGroup: z.string().optional(),
  tls: tlsConfig.optional(),
  metadata: stringMap.optional(),
  filter: sourceFilter.optional(),
  username: z.string().optional(),
});
