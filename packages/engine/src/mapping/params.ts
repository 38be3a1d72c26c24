/**
 * Trigger parameterisation (§7): resolve a parameter's value from the events of a firing (§7.2), then write it
 * into a JSON document with sjson (§7.3). Pure and deterministic for a given clock; shared by the sensor runtime,
 * the "test without deploying" API and the console's live preview, so all three produce identical bytes.
 */
import { ParameterUnresolvedError } from "../errors.ts";
import type { PayloadParameter, TriggerParameter, TriggerParameterSource } from "../resources/trigger.ts";
import { gjsonGet, resultString, type GjsonType } from "./gjson/index.ts";
import { sjsonSet, sjsonSetRaw } from "./sjson/index.ts";
import { renderTemplate } from "./template/index.ts";
import { contextJson, eventJson, parseEventData, type TriggerEvent } from "./events.ts";

/** A resolved parameter value: its text and the gjson type it came from (templates and defaults are strings). */
export interface ResolvedValue {
  text: string;
  type: GjsonType;
}

/** Options shared by resolution calls. */
export interface MappingOptions {
  /** For template date functions. */
  now?: () => Date;
}

const asString = (text: string): ResolvedValue => ({ text, type: "String" });

/**
 * Resolve one parameter source against the events of a firing (§7.2).
 * Returns `undefined` when the dependency has no event and no default (the parameter is skipped).
 * Throws {@link ParameterUnresolvedError} when nothing resolves (§7.2 step 4.4).
 */
export function resolveParameter(
  src: TriggerParameterSource,
  events: Readonly<Record<string, TriggerEvent>>,
  options: MappingOptions = {},
): ResolvedValue | undefined {
  const event = events[src.dependencyName];
  if (!event) return src.value !== undefined ? asString(src.value) : undefined;
  // Argo tests these fields against "" (Go zero values): an empty key or template counts as absent.
  const wantsData = Boolean(src.dataKey) || Boolean(src.dataTemplate);
  const wantsContext = Boolean(src.contextKey) || Boolean(src.contextTemplate);
  if (!wantsData && !wantsContext) return src.value !== undefined ? asString(src.value) : asString(eventJson(event));
  let documentText: string;
  let key: string | undefined;
  let template: string | undefined;
  if (wantsData) {
    const parsed = parseEventData(event);
    if (!parsed.ok) {
      if (src.value !== undefined) return asString(src.value);
      throw new ParameterUnresolvedError(`unable to resolve '${src.dependencyName}' parameter value: ${parsed.error}`);
    }
    documentText = parsed.json;
    key = src.dataKey;
    template = src.dataTemplate;
  } else {
    documentText = contextJson(event.context);
    key = src.contextKey;
    template = src.contextTemplate;
  }
  if (template !== undefined && template !== "") {
    const rendered = tryTemplate(template, documentText, options);
    if (rendered !== undefined) return asString(rendered);
  }
  if (key !== undefined && key !== "") {
    const found = gjsonGet(documentText, key);
    if (found.exists) {
      // Objects, arrays and null keep their raw JSON text (Argo returns `null`, not gjson's empty String()).
      const raw = found.type === "JSON" || found.type === "Null";
      return { text: raw ? found.raw : resultString(found), type: found.type };
    }
  }
  if (src.value !== undefined) return asString(src.value);
  throw new ParameterUnresolvedError(`unable to resolve '${src.dependencyName}' parameter value`);
}

function tryTemplate(template: string, documentText: string, options: MappingOptions): string | undefined {
  try {
    const input: unknown = JSON.parse(documentText);
    const out = renderTemplate(template, { Input: input }, options.now ? { now: options.now } : {});
    return out === "" || out === "<no value>" ? undefined : out;
  } catch {
    return undefined;
  }
}

/** Write one resolved value at `dest` (§7.3), honouring the operation and `useRawData`. */
export function writeValue(
  document: string,
  dest: string,
  value: ResolvedValue,
  options: { operation?: TriggerParameter["operation"]; useRawData?: boolean },
): string {
  const operation = options.operation ?? "";
  if (operation === "append" || operation === "prepend") {
    const existing = gjsonGet(document, dest);
    if (existing.exists) {
      const current = resultString(existing);
      return sjsonSet(document, dest, operation === "append" ? current + value.text : value.text + current);
    }
  }
  if (options.useRawData === true && value.type !== "String") return sjsonSetRaw(document, dest, value.text);
  return sjsonSet(document, dest, value.text);
}

/**
 * Apply parameters to a JSON document in order; later parameters see earlier writes. A parameter whose
 * dependency has no event and no default is skipped.
 */
export function applyParameters(
  document: string,
  parameters: readonly TriggerParameter[],
  events: Readonly<Record<string, TriggerEvent>>,
  options: MappingOptions = {},
): string {
  let out = document;
  for (const parameter of parameters) {
    const value = resolveParameter(parameter.src, events, options);
    if (value === undefined) continue;
    out = writeValue(out, parameter.dest, value, {
      ...(parameter.operation !== undefined ? { operation: parameter.operation } : {}),
      ...(parameter.src.useRawData !== undefined ? { useRawData: parameter.src.useRawData } : {}),
    });
  }
  return out;
}

/**
 * Build a request/message body from payload parameters (§7.3): start empty; the first parameter with an empty
 * `dest` and a value is the whole body; operations are ignored. A dependency without event and default is
 * skipped (Argo dereferences nil here; Signalbox's deliberate fix).
 */
export function buildPayload(
  parameters: readonly PayloadParameter[],
  events: Readonly<Record<string, TriggerEvent>>,
  options: MappingOptions = {},
): string {
  let document = "";
  for (const parameter of parameters) {
    const value = resolveParameter(parameter.src, events, options);
    if (value === undefined) continue;
    const dest = parameter.dest ?? "";
    if (dest === "") return value.text;
    document = writeValue(document, dest, value, parameter.src.useRawData !== undefined ? { useRawData: parameter.src.useRawData } : {});
  }
  return document;
}
