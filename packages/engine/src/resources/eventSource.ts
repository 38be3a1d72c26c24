/**
 * `EventSource` (argoproj.io/v1alpha1). Each source type is a map `{ <eventName>: <config> }`; the map keys become
 * CloudEvent subjects. Types Signalbox does not run yet are rejected with their path, never silently accepted.
 */
import { z } from "zod";
import { calendarIssues } from "../sources/calendar/schedule.ts";
import { kafkaEvent } from "../sources/kafka/schema.ts";
import { natsEvent } from "../sources/nats/schema.ts";
import { eventName, kubernetesOnly, objectMeta, resourceName, secretKeySelector } from "./common.ts";
import { unsupportedSourceField } from "./sources/index.ts";
import { eventSourceService, podTemplate } from "./sources/kubernetes.ts";

/** `filter.expression` of a source (antonmedv/expr, §4.3). */
export const eventSourceFilter = z.strictObject({ expression: z.string().min(1) });

/** One webhook event: an HTTP endpoint on a port (§4.2). */
export const webhookEvent = z.strictObject({
  endpoint: z.string().regex(/^\//, "must start with '/'"),
  port: z.union([z.string(), z.number()]).transform(String).pipe(z.string().regex(/^\d{1,5}$/, "must be a port number")),
  method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]),
  url: z.string().optional(),
  serverCertSecret: secretKeySelector.optional(),
  serverKeySecret: secretKeySelector.optional(),
  metadata: z.record(z.string(), z.string()).optional(),
  authSecret: secretKeySelector.optional(),
  maxPayloadSize: z.number().int().positive().optional(),
  filter: eventSourceFilter.optional(),
});
export type WebhookEvent = z.infer<typeof webhookEvent>;

/**
 * One calendar event (§4.2): a 5-field cron `schedule` (wins) or a Go-duration `interval`. The schedule, interval,
 * timezone, exclusion dates and maxDuration are checked here, at apply time, the way Argo Events reads them.
 */
export const calendarEvent = z
  .strictObject({
    schedule: z.string().optional(),
    interval: z.string().optional(),
    exclusionDates: z.array(z.string()).optional(),
    timezone: z.string().optional(),
    metadata: z.record(z.string(), z.string()).optional(),
    persistence: z
      .strictObject({
        catchup: z.strictObject({ enabled: z.boolean().optional(), maxDuration: z.string().optional() }).optional(),
        configMap: z.strictObject({ name: z.string().min(1), createIfNotExist: z.boolean().optional() }).optional(),
      })
      .optional(),
    filter: eventSourceFilter.optional(),
  })
  .superRefine((event, ctx) => {
    for (const issue of calendarIssues(event)) {
      ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    }
  });
export type CalendarEvent = z.infer<typeof calendarEvent>;

/** Source types Signalbox runs, with their event schema. Extend here; the registry in `sources/` follows. */
export const supportedSourceTypes = {
  webhook: webhookEvent,
  calendar: calendarEvent,
  nats: natsEvent,
  kafka: kafkaEvent,
} as const;
export type SupportedSourceType = keyof typeof supportedSourceTypes;

/** Every `spec.<type>` key Argo knows; those not in {@link supportedSourceTypes} are reported as unsupported. */
export const argoSourceTypes = [
  "webhook", "calendar", "resource", "kafka", "nats", "amqp", "mqtt", "redis", "redisStream", "nsq", "pulsar",
  "pubSub", "sqs", "sns", "azureEventsHub", "azureServiceBus", "azureQueueStorage", "github", "gitlab", "bitbucket",
  "bitbucketserver", "gerrit", "slack", "stripe", "minio", "storageGrid", "file", "sftp", "hdfs", "emitter",
  "generic", "mns",
] as const;

const eventMap = <T extends z.ZodType>(schema: T) => z.record(eventName, schema);

/** `EventSource.spec`. */
export const eventSourceSpec = z
  .strictObject({
    eventBusName: resourceName.optional(),
    template: podTemplate.optional(),
    service: eventSourceService.optional(),
    replicas: z.number().int().optional(),
    webhook: eventMap(webhookEvent).optional(),
    calendar: eventMap(calendarEvent).optional(),
    nats: eventMap(natsEvent).optional(),
    kafka: eventMap(kafkaEvent).optional(),
    ...Object.fromEntries(
      // Checked field by field (typos are reported with their path), and always reported as not supported.
      argoSourceTypes.filter((type) => !(type in supportedSourceTypes)).map((type) => [type, unsupportedSourceField(type).optional()]),
    ),
  })
  .superRefine((spec, ctx) => {
    const seen = new Map<string, string>();
    let any = false;
    for (const type of argoSourceTypes) {
      const events = (spec as Record<string, unknown>)[type];
      if (typeof events !== "object" || events === null || Array.isArray(events)) continue;
      for (const name of Object.keys(events)) {
        any = true;
        const previous = seen.get(name);
        if (previous) {
          ctx.addIssue({ code: "custom", path: [type, name], message: `event name '${name}' is already used by ${previous}` });
        } else seen.set(name, `spec.${type}`);
      }
    }
    if (!any) ctx.addIssue({ code: "custom", path: [], message: "declares no events: add at least one source type" });
  }, { when: (payload) => typeof payload.value === "object" && payload.value !== null }); // also beside field errors
export type EventSourceSpec = z.infer<typeof eventSourceSpec>;

/** A whole EventSource document. */
export const eventSourceResource = z.strictObject({
  apiVersion: z.literal("argoproj.io/v1alpha1"),
  kind: z.literal("EventSource"),
  metadata: objectMeta,
  spec: eventSourceSpec,
  status: kubernetesOnly,
});
export type EventSourceResource = z.infer<typeof eventSourceResource>;
