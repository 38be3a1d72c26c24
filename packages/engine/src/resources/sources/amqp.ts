/**
 * `spec.amqp`: a RabbitMQ / AMQP 0-9-1 consumer (Argo's `AMQPEventSource`, §4.2).
 */
import { z } from "zod";
import {
  backoff,
  completeBasicAuth,
  exactlyOne,
  requiredText,
  secretKeySelector,
  sourceFilter,
  stringMap,
  tlsConfig,
  withRules,
} from "./shared.ts";

const exchangeDeclare = z.strictObject({
  durable: z.boolean().optional(),
  autoDelete: z.boolean().optional(),
  internal: z.boolean().optional(),
  noWait: z.boolean().optional(),
});

const queueDeclare = z.strictObject({
  name: z.string().optional(),
  durable: z.boolean().optional(),
  autoDelete: z.boolean().optional(),
  exclusive: z.boolean().optional(),
  noWait: z.boolean().optional(),
  /** x-arguments as a JSON object in a string, e.g. `{"x-queue-type": "quorum"}`. */
  arguments: z.string().optional(),
});

const consume = z.strictObject({
  consumerTag: z.string().optional(),
  autoAck: z.boolean().optional(),
  exclusive: z.boolean().optional(),
  noLocal: z.boolean().optional(),
  noWait: z.boolean().optional(),
});

/** One `amqp` event: `url` or `urlSecret`, an exchange and a routing key. */
export const amqpEvent = withRules(
  z.strictObject({
    url: z.string().optional(),
    urlSecret: secretKeySelector.optional(),
    exchangeName: z.string().optional(),
    exchangeType: requiredText(),
    routingKey: requiredText(),
    connectionBackoff: backoff.optional(),
    jsonBody: z.boolean().optional(),
    tls: tlsConfig.optional(),
    metadata: stringMap.optional(),
    exchangeDeclare: exchangeDeclare.optional(),
    queueDeclare: queueDeclare.optional(),
    queueBind: z.strictObject({ noWait: z.boolean().optional() }).optional(),
    consume: consume.optional(),
    auth: completeBasicAuth.optional(),
    filter: sourceFilter.optional(),
  }),
  (event, report) => exactlyOne(event, report, ["url", "urlSecret"]),
);
