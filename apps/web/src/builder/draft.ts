/**
 * The builder's draft of one namespace: the YAML text of every EventSource and Sensor being edited, next to what
 * the API has (the baseline), plus triggers dropped on the canvas but not yet connected to a sensor. Every change is
 * a text edit through the YAML Document API (`yamlEdit.ts`), so comments and key order survive form edits, canvas
 * edits and rebases. Pure: each operation returns a new draft.
 */
import { stringify } from "yaml";
import { deepEqual } from "../flow/stableGraph.ts";
import { appendIn, deleteIn, parseYaml, setIn, type YamlPath } from "../lib/yamlEdit.ts";

export type DraftKind = "EventSource" | "Sensor";

/** One resource being edited. */
export interface DraftDoc {
  /** Stable within the session (names can change while editing). */
  key: string;
  kind: DraftKind;
  text: string;
  /** The API's manifest as YAML, or null for a resource the API does not have yet. */
  baseline: string | null;
  /** Marked for deletion on apply. */
  deleted: boolean;
}

/** A trigger dropped on the canvas, not yet part of a sensor: the YAML of one `spec.triggers` entry. */
export interface OrphanTrigger {
  key: string;
  text: string;
}

export interface Draft {
  namespace: string;
  docs: DraftDoc[];
  orphans: OrphanTrigger[];
  /** Next number for keys and generated names. */
  seq: number;
}

/** What the API returns for a resource (the fields the draft reads). */
export interface ServerResource {
  kind: string;
  name: string;
  manifest: Record<string, unknown>;
}

export const API_VERSION = "argoproj.io/v1alpha1";

/** Source types the palette offers, with the first event a new EventSource gets. */
export const sourceTemplates = {
  webhook: (port: string) => ({ example: { port, endpoint: "/example", method: "POST" } }),
  calendar: () => ({ tick: { interval: "1m" } }),
} as const;
export type PaletteSourceType = keyof typeof sourceTemplates;

/** Trigger types the palette offers, with their starting template. */
export const triggerTemplates = {
  http: (name: string) => ({ template: { name, http: { url: "http://127.0.0.1:8080/", method: "POST" } } }),
  log: (name: string) => ({ template: { name, log: {} } }),
} as const;
export type PaletteTriggerType = keyof typeof triggerTemplates;

export function emptyDraft(namespace: string): Draft {
  return { namespace, docs: [], orphans: [], seq: 1 };
}

/** YAML of a manifest the API returned. */
export function manifestYaml(manifest: Record<string, unknown>): string {
  return stringify(manifest, { lineWidth: 0 });
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

const parseCache = new Map<string, ReturnType<typeof parseYaml>>();

/** Parse a draft text (memoised: the same text is parsed once). */
export function parsed(text: string): ReturnType<typeof parseYaml> {
  let result = parseCache.get(text);
  if (!result) {
    result = parseYaml(text);
    if (parseCache.size > 500) parseCache.clear();
    parseCache.set(text, result);
  }
  return result;
}

/** The draft's value, or undefined while its YAML does not parse. */
export function valueOf(text: string): Record<string, unknown> | undefined {
  const result = parsed(text);
  return result.ok && isRecord(result.value) ? result.value : undefined;
}

/** `metadata.name` of a document (empty while missing). */
export function nameOf(doc: { text: string }): string {
  const metadata = valueOf(doc.text)?.metadata;
  return isRecord(metadata) && typeof metadata.name === "string" ? metadata.name : "";
}

/** How a document differs from the API's version. */
export type DocState = "new" | "changed" | "deleted" | "unchanged";

/** Compared as data (ignoring `resourceVersion`), so re-indenting or adding a comment is not a change. */
export function stateOf(doc: DraftDoc): DocState {
  if (doc.deleted) return doc.baseline === null ? "unchanged" : "deleted";
  if (doc.baseline === null) return "new";
  const current = valueOf(doc.text);
  const baseline = valueOf(doc.baseline);
  if (!current || !baseline) return "changed";
  return deepEqual(withoutVersion(current), withoutVersion(baseline)) ? "unchanged" : "changed";
}

function withoutVersion(value: Record<string, unknown>): Record<string, unknown> {
  const metadata = isRecord(value.metadata) ? { ...value.metadata } : {};
  delete metadata.resourceVersion;
  return { ...value, metadata };
}

/** Documents apply would send or delete. */
export function pendingChanges(draft: Draft): { doc: DraftDoc; state: Exclude<DocState, "unchanged"> }[] {
  const out: { doc: DraftDoc; state: Exclude<DocState, "unchanged"> }[] = [];
  for (const doc of draft.docs) {
    const state = stateOf(doc);
    if (state !== "unchanged") out.push({ doc, state });
  }
  return out;
}

/** Multi-document YAML of the documents to apply (new and changed), in the order they are listed. */
export function applyText(draft: Draft): string {
  return pendingChanges(draft)
    .filter((change) => change.state !== "deleted")
    .map((change) => ensureTrailingNewline(change.doc.text))
    .join("---\n");
}

function ensureTrailingNewline(text: string): string {
  return text.endsWith("\n") ? text : `${text}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// Following the API

/**
 * Bring the draft up to date with the API's resources of its namespace. A document nobody edited follows the API;
 * an edited one keeps its text (a conflict shows at apply, through `resourceVersion`) unless it now equals the API's
 * manifest, as after its own apply, when only `metadata.resourceVersion` is updated in its text (comments stay). A
 * resource the API no longer has becomes new again if edited, and is dropped otherwise.
 */
export function rebase(draft: Draft, items: readonly ServerResource[]): Draft {
  const byId = new Map(items.filter(isDraftKind).map((item) => [`${item.kind}/${item.name}`, item]));
  let seq = draft.seq;
  const docs: DraftDoc[] = [];
  const seen = new Set<string>();
  for (const doc of draft.docs) {
    const name = nameOf(doc);
    const id = `${doc.kind}/${name}`;
    const item = byId.get(id);
    if (item && !seen.has(id)) {
      seen.add(id);
      const serverYaml = manifestYaml(item.manifest);
      if (doc.baseline === serverYaml) {
        docs.push(doc);
        continue;
      }
      const state = stateOf(doc);
      if (state === "unchanged" && doc.baseline !== null) {
        docs.push({ ...doc, text: serverYaml, baseline: serverYaml, deleted: false });
        continue;
      }
      const current = valueOf(doc.text);
      if (current && deepEqual(withoutVersion(current), withoutVersion(item.manifest))) {
        const version = isRecord(item.manifest.metadata) ? item.manifest.metadata.resourceVersion : undefined;
        const text = version === undefined ? doc.text : setIn(doc.text, ["metadata", "resourceVersion"], version);
        docs.push({ ...doc, text, baseline: serverYaml, deleted: false });
        continue;
      }
      docs.push({ ...doc, baseline: serverYaml });
      continue;
    }
    // The API does not have it (any more).
    if (doc.baseline === null) docs.push(doc);
    else if (stateOf(doc) === "changed") docs.push({ ...doc, baseline: null, deleted: false });
  }
  for (const item of items) {
    if (!isDraftKind(item)) continue;
    const id = `${item.kind}/${item.name}`;
    if (seen.has(id) || docs.some((doc) => doc.kind === item.kind && nameOf(doc) === item.name)) continue;
    const serverYaml = manifestYaml(item.manifest);
    docs.push({ key: `d${seq++}`, kind: item.kind, text: serverYaml, baseline: serverYaml, deleted: false });
  }
  return { ...draft, docs: sortDocs(docs), seq };
}

function isDraftKind(item: ServerResource): item is ServerResource & { kind: DraftKind } {
  return item.kind === "EventSource" || item.kind === "Sensor";
}

function sortDocs(docs: DraftDoc[]): DraftDoc[] {
  // Stable order for the resource list: EventSources, then Sensors, by key number (creation order).
  const number = (key: string) => Number(key.slice(1)) || 0;
  return [...docs].sort((a, b) => (a.kind === b.kind ? number(a.key) - number(b.key) : a.kind === "EventSource" ? -1 : 1));
}

// ---------------------------------------------------------------------------------------------------------------
// Editing

/** Replace a document's text (the YAML editor). */
export function setText(draft: Draft, key: string, text: string): Draft {
  return {
    ...draft,
    docs: draft.docs.map((doc) => (doc.key === key ? { ...doc, text } : doc)),
    orphans: draft.orphans.map((orphan) => (orphan.key === key ? { ...orphan, text } : orphan)),
  };
}

/** Set one field of a document or orphan trigger (the forms). Throws while the text does not parse. */
export function setField(draft: Draft, key: string, path: YamlPath, value: unknown): Draft {
  const text = textOf(draft, key);
  return text === undefined ? draft : setText(draft, key, setIn(text, path, value));
}

/** Append to a list field of a document. */
export function appendField(draft: Draft, key: string, path: YamlPath, item: unknown): Draft {
  const text = textOf(draft, key);
  return text === undefined ? draft : setText(draft, key, appendIn(text, path, item));
}

/** Remove a field or list item of a document. */
export function removeField(draft: Draft, key: string, path: YamlPath): Draft {
  const text = textOf(draft, key);
  return text === undefined ? draft : setText(draft, key, deleteIn(text, path));
}

export function textOf(draft: Draft, key: string): string | undefined {
  return draft.docs.find((doc) => doc.key === key)?.text ?? draft.orphans.find((orphan) => orphan.key === key)?.text;
}

/** A name like `webhook-1` not used by another document of that kind. */
function freeName(draft: Draft, kind: DraftKind, base: string): string {
  const taken = new Set(draft.docs.filter((doc) => doc.kind === kind).map(nameOf));
  for (let n = 1; ; n++) {
    const name = `${base}-${n}`;
    if (!taken.has(name)) return name;
  }
}

/** Add an EventSource of a palette type with one event. Returns the draft and the new document's key. */
export function addEventSource(draft: Draft, type: PaletteSourceType, options: { port?: string } = {}): { draft: Draft; key: string } {
  const name = freeName(draft, "EventSource", type);
  const key = `d${draft.seq}`;
  const manifest = {
    apiVersion: API_VERSION,
    kind: "EventSource",
    metadata: { name, namespace: draft.namespace },
    spec: { [type]: type === "webhook" ? sourceTemplates.webhook(options.port ?? "12000") : sourceTemplates.calendar() },
  };
  const doc: DraftDoc = { key, kind: "EventSource", text: manifestYaml(manifest), baseline: null, deleted: false };
  return { draft: { ...draft, docs: [...draft.docs, doc], seq: draft.seq + 1 }, key };
}

/** Add an empty Sensor (connect events and triggers to it on the canvas). */
export function addSensor(draft: Draft): { draft: Draft; key: string } {
  const name = freeName(draft, "Sensor", "sensor");
  const key = `d${draft.seq}`;
  const manifest = {
    apiVersion: API_VERSION,
    kind: "Sensor",
    metadata: { name, namespace: draft.namespace },
    spec: { dependencies: [], triggers: [] },
  };
  const doc: DraftDoc = { key, kind: "Sensor", text: manifestYaml(manifest), baseline: null, deleted: false };
  return { draft: { ...draft, docs: [...draft.docs, doc], seq: draft.seq + 1 }, key };
}

/** Add a trigger that belongs to no sensor yet. */
export function addOrphanTrigger(draft: Draft, type: PaletteTriggerType): { draft: Draft; key: string } {
  const used = new Set([...allTriggerNames(draft), ...draft.orphans.map((orphan) => orphanName(orphan))]);
  let n = 1;
  while (used.has(`${type}-${n}`)) n++;
  const key = `o${draft.seq}`;
  const orphan: OrphanTrigger = { key, text: stringify(triggerTemplates[type](`${type}-${n}`), { lineWidth: 0 }) };
  return { draft: { ...draft, orphans: [...draft.orphans, orphan], seq: draft.seq + 1 }, key };
}

function allTriggerNames(draft: Draft): string[] {
  return draft.docs
    .filter((doc) => doc.kind === "Sensor")
    .flatMap((doc) => triggersOf(valueOf(doc.text)).map((trigger) => trigger.name));
}

/** `template.name` of an orphan trigger. */
export function orphanName(orphan: OrphanTrigger): string {
  const template = valueOf(orphan.text)?.template;
  return isRecord(template) && typeof template.name === "string" ? template.name : "";
}

/** Mark a document for deletion (an unapplied one is dropped). */
export function removeDoc(draft: Draft, key: string): Draft {
  return {
    ...draft,
    docs: draft.docs.flatMap((doc) => (doc.key !== key ? [doc] : doc.baseline === null ? [] : [{ ...doc, deleted: true }])),
    orphans: draft.orphans.filter((orphan) => orphan.key !== key),
  };
}

/** Undo a deletion mark. */
export function restoreDoc(draft: Draft, key: string): Draft {
  return { ...draft, docs: draft.docs.map((doc) => (doc.key === key ? { ...doc, deleted: false } : doc)) };
}

// ---------------------------------------------------------------------------------------------------------------
// Connecting on the canvas

/** What a canvas node stands for, as the draft sees it. */
export type NodeRef =
  | { type: "source"; eventSource: string; eventName: string }
  | { type: "sensor"; sensor: string }
  | { type: "trigger"; sensor: string; trigger: string }
  | { type: "orphan"; key: string };

/** The outcome of a connection: the new draft, or why it cannot be made. */
export type ConnectResult = { ok: true; draft: Draft; message: string } | { ok: false; message: string };

/**
 * Connect two nodes: an event to a sensor adds a dependency (named after the event, made unique); a sensor to an
 * unconnected trigger moves the trigger into the sensor.
 */
export function connect(draft: Draft, from: NodeRef, to: NodeRef): ConnectResult {
  if (from.type === "source" && to.type === "sensor") {
    const doc = sensorDoc(draft, to.sensor);
    if (!doc) return { ok: false, message: `Sensor ${to.sensor} is not in the draft` };
    const dependencies = dependenciesOf(valueOf(doc.text));
    if (dependencies.some((dependency) => dependency.eventSourceName === from.eventSource && dependency.eventName === from.eventName)) {
      return { ok: false, message: `${to.sensor} already depends on ${from.eventSource}/${from.eventName}` };
    }
    const used = new Set(dependencies.map((dependency) => dependency.name));
    let name = from.eventName;
    for (let n = 2; used.has(name); n++) name = `${from.eventName}-${n}`;
    const next = appendField(draft, doc.key, ["spec", "dependencies"], {
      name,
      eventSourceName: from.eventSource,
      eventName: from.eventName,
    });
    return { ok: true, draft: next, message: `Added dependency ${name} to ${to.sensor}` };
  }
  if (from.type === "sensor" && to.type === "orphan") {
    const doc = sensorDoc(draft, from.sensor);
    const orphan = draft.orphans.find((candidate) => candidate.key === to.key);
    if (!doc || !orphan) return { ok: false, message: "that trigger or sensor is gone" };
    const trigger = valueOf(orphan.text);
    if (!trigger) return { ok: false, message: "fix the trigger's YAML first" };
    const next = appendField({ ...draft, orphans: draft.orphans.filter((candidate) => candidate !== orphan) }, doc.key, ["spec", "triggers"], trigger);
    return { ok: true, draft: next, message: `Added trigger ${orphanName(orphan)} to ${from.sensor}` };
  }
  if (from.type === "sensor" && to.type === "trigger") {
    return { ok: false, message: `${to.trigger} already belongs to ${to.sensor}` };
  }
  return { ok: false, message: "connect an event to a sensor, or a sensor to a trigger" };
}

/** The document of a sensor by name. */
export function sensorDoc(draft: Draft, name: string): DraftDoc | undefined {
  return draft.docs.find((doc) => doc.kind === "Sensor" && !doc.deleted && nameOf(doc) === name);
}

/** The document of an EventSource by name. */
export function eventSourceDoc(draft: Draft, name: string): DraftDoc | undefined {
  return draft.docs.find((doc) => doc.kind === "EventSource" && !doc.deleted && nameOf(doc) === name);
}

/** Dependencies of a sensor value, read leniently. */
export function dependenciesOf(value: Record<string, unknown> | undefined): { name: string; eventSourceName: string; eventName: string }[] {
  const spec = isRecord(value?.spec) ? value.spec : {};
  const list = Array.isArray(spec.dependencies) ? spec.dependencies : [];
  return list.filter(isRecord).map((dependency) => ({
    name: typeof dependency.name === "string" ? dependency.name : "",
    eventSourceName: typeof dependency.eventSourceName === "string" ? dependency.eventSourceName : "",
    eventName: typeof dependency.eventName === "string" ? dependency.eventName : "",
  }));
}

/** Triggers of a sensor value: name, type key, and index in `spec.triggers`. */
export function triggersOf(value: Record<string, unknown> | undefined): { name: string; index: number; value: Record<string, unknown> }[] {
  const spec = isRecord(value?.spec) ? value.spec : {};
  const list = Array.isArray(spec.triggers) ? spec.triggers : [];
  return list.flatMap((trigger, index) => {
    if (!isRecord(trigger)) return [];
    const template = isRecord(trigger.template) ? trigger.template : {};
    return [{ name: typeof template.name === "string" ? template.name : "", index, value: trigger }];
  });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
