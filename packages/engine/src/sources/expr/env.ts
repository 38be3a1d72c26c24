/**
 * The environment an EventSource `filter.expression` sees (spec §4.3, Argo's `filterEvent` + `GetFuncMap`): the
 * event data decoded as a JSON object, `-` replaced by `_` in top-level keys, dotted top-level keys expanded into
 * nested maps (the less specific of two conflicting keys is dropped), then `asInt`, `asFloat`, `jsonpath`, `toJson`
 * and `sprig` added on top (they shadow payload keys of the same name). Pure.
 */
import { asFloat, asInt } from "./builtins.ts";
import { compareGoStrings, goJsonMarshal } from "./goFormat.ts";
import { goJsonParse, wellFormed } from "./goJson.ts";
import { jsonPath } from "./jsonpath.ts";
import { ExprPanic, GoFunc, isMap } from "./runtime.ts";
import type { HostFunction } from "./types.ts";

const decoder = new TextDecoder();

function newMap(): Record<string, unknown> {
  return Object.create(null) as Record<string, unknown>;
}

/** Plain JS input → Go value model: objects become null-prototype maps, lone surrogates are replaced. */
export function toGoValue(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string") return wellFormed(value);
  if (Array.isArray(value)) return value.map(toGoValue);
  if (typeof value === "object" && !(value instanceof GoFunc)) {
    const out = newMap();
    for (const [k, v] of Object.entries(value)) out[wellFormed(k)] = toGoValue(v);
    return out;
  }
  return value;
}

/** Decode the event data like `json.Unmarshal(data, &map[string]interface{})`. */
function decodePayload(payload: unknown): Record<string, unknown> {
  let value: unknown;
  if (typeof payload === "string" || payload instanceof Uint8Array) {
    const text = typeof payload === "string" ? payload : decoder.decode(payload);
    try {
      value = goJsonParse(text);
    } catch (error) {
      throw new ExprPanic(`failed to unmarshal data, ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    value = toGoValue(payload);
  }
  if (value === null) return newMap();
  if (!isMap(value)) {
    const kind = Array.isArray(value) ? "array" : typeof value === "number" ? "number" : typeof value;
    throw new ExprPanic(
      `failed to unmarshal data, json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
    );
  }
  return value;
}

/** Drop a key when the next key in sorted order is one of its dotted children (Argo's `removeConflicts`). */
function removeConflicts(map: Record<string, unknown>): Record<string, unknown> {
  const keys = Object.keys(map).sort(compareGoStrings);
  const out = newMap();
  for (const key of keys) out[key] = map[key];
  for (let i = 0; i < keys.length - 1; i++) {
    const key = keys[i] as string;
    if ((keys[i + 1] as string).startsWith(`${key}.`)) delete out[key];
  }
  return out;
}

/** bellows.Expand: `{"a.b": 1}` → `{"a": {"b": 1}}`; only the keys of the given map are split. */
function expand(map: Record<string, unknown>, prefix: string): Record<string, unknown> {
  const result = newMap();
  const p = prefix === "" ? "" : `${prefix}.`;
  // Go iterates the map in random order; sorted order makes the (rare) conflicting cases deterministic.
  for (const k of Object.keys(map).sort(compareGoStrings)) {
    if (!k.startsWith(p)) continue;
    let key = k.slice(p.length);
    const dot = key.indexOf(".");
    if (dot !== -1) key = key.slice(0, dot);
    if (Object.hasOwn(result, key)) continue;
    if (dot === -1) {
      result[key] = map[k];
      continue;
    }
    const childPrefix = k.slice(0, p.length + key.length);
    // Argo recurses forever on a key starting with "." (the pod crashes); refuse it instead.
    if (childPrefix === prefix)
      throw new ExprPanic(`payload key ${JSON.stringify(k)} cannot be expanded (Argo Events crashes on it)`);
    result[key] = expand(map, childPrefix);
  }
  return result;
}

function toJson(value: unknown): string {
  try {
    return goJsonMarshal(value);
  } catch {
    return "";
  }
}

/** Build the filter environment for one event; throws {@link ExprPanic} when the data is not a JSON object. */
export function sourceFilterEnv(
  payload: unknown,
  functions: Readonly<Record<string, HostFunction>> = {},
): Record<string, unknown> {
  const data = decodePayload(payload);
  const params = newMap();
  for (const [key, value] of Object.entries(data)) params[key.replaceAll("-", "_")] = value;
  const env = expand(removeConflicts(params), "");
  env.asInt = asInt;
  env.asFloat = asFloat;
  env.jsonpath = new GoFunc("jsonpath", ["string", "string"], (json, path) => jsonPath(json as string, path as string));
  env.toJson = new GoFunc("toJson", ["any"], toJson);
  const sprig = newMap();
  for (const [name, fn] of Object.entries(functions)) {
    if (name !== "env" && name !== "expandenv") sprig[name] = fn;
  }
  env.sprig = sprig;
  return env;
}
