/**
 * The engine's own code, for the console: manifest parsing and validation, the trigger mapping (gjson, sjson, Go
 * templates) and trigger preparation. The console computes its live previews with exactly the code the sensor
 * runtime runs, so a preview and the request a trigger later sends are the same bytes.
 *
 * The engine package exports only its server entry (`@signalbox/engine`, which starts buses and servers), so these
 * browser-safe modules are imported by path, here and only here. Node dependencies on this path are replaced in
 * browser builds (`next.config.ts` → `turbopack.resolveAlias`): `node:crypto` (sprig's hash/random functions) by
 * `./shims/crypto.ts`; `undici` and `node:zlib` (the HTTP trigger's sender and response reader, never called here)
 * by `./shims/undici.ts` and `./shims/zlib.ts`; the global `Buffer` the mapping code uses for base64 comes from the
 * `buffer` package. `browserSafe.test.ts` fails when the engine adds another Node import on this path.
 */
import { Buffer as BufferPolyfill } from "buffer";

if (typeof (globalThis as { Buffer?: unknown }).Buffer === "undefined") {
  (globalThis as { Buffer?: unknown }).Buffer = BufferPolyfill;
}

export { sensorResource } from "../../../../packages/engine/src/resources/sensor.ts";
export {
  eventSourceResource,
  supportedSourceTypes,
  argoSourceTypes,
} from "../../../../packages/engine/src/resources/eventSource.ts";
export { trigger as triggerSchema, supportedTriggerTypes } from "../../../../packages/engine/src/resources/trigger.ts";
export { prepareTrigger, parameterizeTemplate } from "../../../../packages/engine/src/triggers/run.ts";
export { redactAction } from "../../../../packages/engine/src/triggers/types.ts";
export { toTriggerEvent, parseEventData } from "../../../../packages/engine/src/mapping/events.ts";
export { resolveParameter, buildPayload, applyParameters } from "../../../../packages/engine/src/mapping/params.ts";
export { gjsonGet } from "../../../../packages/engine/src/mapping/gjson/index.ts";

export type { FieldIssue } from "../../../../packages/engine/src/errors.ts";
export type { SensorResource } from "../../../../packages/engine/src/resources/sensor.ts";
export type { EventSourceResource } from "../../../../packages/engine/src/resources/eventSource.ts";
export type {
  Trigger,
  TriggerTemplate,
  TriggerParameter,
  PayloadParameter,
  TriggerParameterSource,
} from "../../../../packages/engine/src/resources/trigger.ts";
export type { PreparedAction, PreparedHttpRequest } from "../../../../packages/engine/src/triggers/types.ts";
export type { TriggerEvent, EventContext } from "../../../../packages/engine/src/mapping/events.ts";
export type { CloudEventRecord } from "../../../../packages/engine/src/sources/cloudevent.ts";
export type { SecretResolver } from "../../../../packages/engine/src/sources/registry.ts";
export { explainRecord } from "../../../../packages/engine/src/sensors/explain.ts";
export type { ExplainRecord, FilterVerdict } from "../../../../packages/engine/src/sensors/explain.ts";
export { nextTick } from "../../../../packages/engine/src/sensors/reset.ts";
