/**
 * The live preview of a trigger: the request it would send for a sample event, computed by the engine's own
 * `prepareTrigger` (parameters, payload, dynamic headers; gjson reads, sjson writes, Go templates), so the preview is
 * byte for byte what the sensor later sends. Secrets are not readable here: secure headers and basic auth show
 * placeholders, then are redacted like the API redacts recorded requests.
 */
import {
  prepareTrigger,
  redactAction,
  resolveParameter,
  toTriggerEvent,
  triggerSchema,
  type CloudEventRecord,
  type PayloadParameter,
  type PreparedAction,
  type TriggerEvent,
} from "../engine/index.ts";

/** A sample event: the stored CloudEvent (or a pasted payload dressed as one). */
export type SampleEvent = CloudEventRecord;

/** What a stored event from the API carries that a sample needs. */
export interface StoredEventLike {
  id: string;
  source: string;
  subject: string;
  type: string;
  time: string;
  specversion: string;
  datacontenttype: string;
  data_base64: string;
  extensions: Record<string, string>;
}

function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** A stored event as the sensor saw it. */
export function sampleFromStored(event: StoredEventLike): SampleEvent {
  return {
    id: event.id,
    source: event.source,
    subject: event.subject,
    type: event.type,
    time: event.time,
    specversion: event.specversion || "1.0",
    datacontenttype: event.datacontenttype,
    extensions: event.extensions,
    data: base64ToBytes(event.data_base64),
  };
}

/** Pasted JSON as the data of an event of `source`/`subject`; a message when it is not JSON. */
export function sampleFromJson(
  text: string,
  origin: { source: string; subject: string; type?: string },
): SampleEvent | { error: string } {
  try {
    JSON.parse(text);
  } catch (error) {
    return { error: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    id: "sample",
    source: origin.source,
    subject: origin.subject,
    type: origin.type ?? "webhook",
    time: new Date().toISOString(),
    specversion: "1.0",
    datacontenttype: "application/json",
    extensions: {},
    data: new TextEncoder().encode(text),
  };
}

/** The sample's decoded data as a value (for the JSON tree), or its text when it is not JSON. */
export function sampleData(sample: SampleEvent): unknown {
  const text = new TextDecoder().decode(sample.data);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The sample's CloudEvent context as the sensor sees it (what `contextKey` reads). */
export function sampleContext(sample: SampleEvent): TriggerEvent["context"] {
  return toTriggerEvent(sample).context;
}

/** Result of a preview. */
export type PreviewResult = { ok: true; action: PreparedAction } | { ok: false; error: string };

const placeholderSecrets = {
  resolve: (_namespace: string, kind: "Secret" | "ConfigMap", selector: { name: string; key: string }) =>
    Promise.resolve(`‹${kind} ${selector.name}/${selector.key}›`),
};

const clock = {
  now: () => Date.now(),
  sleep: () => Promise.resolve(),
};

/**
 * The request (or log lines) a trigger would produce when `sample` arrives on `dependency`. `trigger` is the plain
 * value of one entry of `spec.triggers`; it is checked with the engine's schema first.
 */
export async function previewTrigger(input: {
  trigger: unknown;
  dependency: string;
  sample: SampleEvent;
  namespace: string;
  sensorName: string;
}): Promise<PreviewResult> {
  const parsed = triggerSchema.safeParse(input.trigger);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, error: `the trigger is not valid yet: ${issue?.path.join(".") ?? ""} ${issue?.message ?? ""}`.trim() };
  }
  try {
    const action = await prepareTrigger(
      parsed.data,
      { [input.dependency]: toTriggerEvent(input.sample) },
      { namespace: input.namespace, sensorName: input.sensorName, secrets: placeholderSecrets, clock },
    );
    return { ok: true, action: redactAction(action) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** One parameter's value for the sample: its text and gjson type, skipped, or why it does not resolve. */
export type ResolvedParameter =
  | { outcome: "value"; text: string; type: string }
  | { outcome: "skipped" }
  | { outcome: "error"; message: string };

/** Resolve each parameter on its own (what the editor shows next to each row). */
export function resolveEach(
  parameters: readonly PayloadParameter[],
  dependency: string,
  sample: SampleEvent,
): ResolvedParameter[] {
  const events = { [dependency]: toTriggerEvent(sample) };
  return parameters.map((parameter) => {
    try {
      const value = resolveParameter(parameter.src, events);
      return value === undefined ? { outcome: "skipped" } : { outcome: "value", text: value.text, type: value.type };
    } catch (error) {
      return { outcome: "error", message: error instanceof Error ? error.message : String(error) };
    }
  });
}
