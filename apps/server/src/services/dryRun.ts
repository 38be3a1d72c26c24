/**
 * "Test without deploying": run an applied or draft Sensor over a sample event and/or stored events and report the
 * explain records and trigger requests it would produce (engine `dryRunSensor`). Nothing is sent, nothing stored,
 * and the live sensor's join state is not read or changed.
 */
import { decodeCloudEvent, dryRunSensor, encodeCloudEvent, formatRfc3339Nano, newEventId, parseManifests, systemClock, type CloudEventRecord, type SensorResource } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import type { z } from "zod";
import type { AppContext } from "../engine.ts";
import type { dryRunInput, dryRunOutput } from "../schemas.ts";
import type { EventItem } from "../storage/events.ts";

function toRecord(event: EventItem): CloudEventRecord | undefined {
  return decodeCloudEvent(
    encodeCloudEvent(
      { id: event.id, source: event.source, type: event.type, subject: event.subject, time: event.time, datacontenttype: event.datacontenttype, extensions: event.extensions },
      new Uint8Array(Buffer.from(event.data_base64, "base64")),
    ),
  );
}

/** Run the test. */
export async function testSensor(app: AppContext, input: z.infer<typeof dryRunInput>): Promise<z.infer<typeof dryRunOutput>> {
  let sensor: SensorResource;
  let namespace = input.namespace;
  if (input.manifest !== undefined) {
    const { resources } = parseManifests(input.manifest);
    const found = resources.find((resource) => resource.kind === "Sensor");
    if (!found || found.resource.kind !== "Sensor") throw new TRPCError({ code: "BAD_REQUEST", message: "manifest holds no Sensor" });
    sensor = found.resource;
    namespace = found.namespace;
  } else {
    const stored = await app.definitions.get("Sensor", namespace, input.name ?? "");
    if (!stored || stored.manifest.kind !== "Sensor") throw new TRPCError({ code: "NOT_FOUND", message: `Sensor ${namespace}/${input.name ?? ""} not found` });
    sensor = stored.manifest;
  }
  const events: CloudEventRecord[] = [];
  if (input.events) {
    const { limit, match, ...filter } = input.events;
    const page = await app.events.list({ ...filter, namespace: filter.namespace ?? namespace, ...(match === undefined ? {} : { match: typeof match === "string" ? [match] : match }), limit });
    for (const item of [...page.items].reverse()) {
      const record = toRecord(item);
      if (record) events.push(record);
    }
  }
  if (input.event) {
    const sample = input.event;
    const record = decodeCloudEvent(
      encodeCloudEvent(
        { id: sample.id ?? newEventId(), source: sample.source, type: sample.type, subject: sample.subject, time: formatRfc3339Nano(Date.now()) },
        new TextEncoder().encode(JSON.stringify(sample.data ?? null)),
      ),
    );
    if (record) events.push(record);
  }
  const secrets = { resolve: (ns: string, kind: "Secret" | "ConfigMap", selector: { name: string; key: string }) => app.definitions.secretValue(kind, ns, selector.name, selector.key) };
  const result = await dryRunSensor({ namespace, sensor, events, secrets, clock: systemClock, ...(input.trigger ? { trigger: input.trigger } : {}) });
  return {
    sensor: sensor.metadata.name,
    namespace,
    events: events.length,
    explains: result.explains as unknown as Record<string, unknown>[],
    firings: result.firings.map(({ request, ...firing }) => ({ ...firing, ...(request ? { request: { ...request } } : {}) })),
    triggerErrors: result.triggerErrors,
    unmatched: result.unmatched,
  };
}
