/**
 * From manifest text to validated resources. Pure: YAML/JSON in, resources plus warnings out, or every problem
 * found with its field path (`spec.triggers[0].template.http.url`). Nothing is partially accepted.
 */
import { parseAllDocuments } from "yaml";
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "../errors.ts";
import {
  configMapResource,
  eventBusResource,
  secretResource,
  type ConfigMapResource,
  type EventBusResource,
  type SecretResource,
} from "./eventBus.ts";
import { eventSourceResource, type EventSourceResource } from "./eventSource.ts";
import { sensorResource, type SensorResource } from "./sensor.ts";
import { checkEventSourceSemantics, checkSensorSemantics, kubernetesOnlyWarnings, sensorWarnings } from "./semantics.ts";

/** Any resource Signalbox accepts. */
export type Resource = EventBusResource | EventSourceResource | SensorResource | SecretResource | ConfigMapResource;

/** Kinds of {@link Resource}. */
export type ResourceKind = Resource["kind"];

/** A validated resource with its namespace filled in. */
export interface ParsedResource<TResource extends Resource = Resource> {
  kind: TResource["kind"];
  namespace: string;
  name: string;
  resource: TResource;
}

/** A non-fatal remark on a manifest (Kubernetes-only field ignored, an Argo quirk being matched). */
export interface ManifestWarning extends FieldIssue {
  resource: string;
}

/** Result of {@link parseManifests}. */
export interface ParsedManifests {
  resources: ParsedResource[];
  warnings: ManifestWarning[];
}

const schemas = {
  "argoproj.io/v1alpha1/EventBus": eventBusResource,
  "argoproj.io/v1alpha1/EventSource": eventSourceResource,
  "argoproj.io/v1alpha1/Sensor": sensorResource,
  "v1/Secret": secretResource,
  "v1/ConfigMap": configMapResource,
} as const satisfies Record<string, z.ZodType>;

/** Turn a zod path into `spec.triggers[0].template.http.url`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else {
      const key = String(part);
      out += /^[A-Za-z_$][\w$-]*$/.test(key) ? (out ? `.${key}` : key) : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** zod issues as {@link FieldIssue}s, one per unknown key. */
export function zodIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldIssue[] {
  const out: FieldIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        out.push({ path: formatPath([...prefix, ...issue.path, key]), message: unknownFieldMessage(issue.path, key) });
      }
    } else if (issue.code === "invalid_key") {
      // A bad map key (an event name with a dot): say what is wrong with it, not only that it is invalid.
      const reasons = issue.issues.map((inner) => inner.message).join("; ");
      out.push({ path: formatPath([...prefix, ...issue.path]), message: `invalid name: ${reasons || issue.message}` });
    } else {
      out.push({ path: formatPath([...prefix, ...issue.path]), message: issue.message });
    }
  }
  return out;
}

function unknownFieldMessage(path: readonly PropertyKey[], key: string): string {
  const parent = path[path.length - 1];
  if (key === "atLeastOnce" && parent === "template") {
    return "unknown field 'atLeastOnce': it belongs on the trigger, next to 'template' (Argo silently ignores it here)";
  }
  return `unknown field '${key}'`;
}

/** Split manifest text (YAML or JSON; one document, several, or a `List`) into plain objects. */
export function splitDocuments(text: string): unknown[] {
  const docs = parseAllDocuments(text, { uniqueKeys: true });
  const list = Array.isArray(docs) ? docs : [docs];
  const issues: FieldIssue[] = [];
  const out: unknown[] = [];
  list.forEach((doc, index) => {
    for (const error of doc.errors) issues.push({ path: `documents[${index}]`, message: error.message });
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) return;
    if (isList(value)) out.push(...value.items);
    else out.push(value);
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return out;
}

function isList(value: unknown): value is { items: unknown[] } {
  if (!value || typeof value !== "object") return false;
  const record = value as Record<string, unknown>;
  return typeof record.kind === "string" && record.kind.endsWith("List") && Array.isArray(record.items);
}

/**
 * Validate documents. Throws {@link ValidationError} listing every problem of every document, so a bad apply
 * changes nothing.
 */
export function parseManifests(input: string | readonly unknown[]): ParsedManifests {
  const docs = typeof input === "string" ? splitDocuments(input) : input;
  const issues: FieldIssue[] = [];
  const warnings: ManifestWarning[] = [];
  const resources: ParsedResource[] = [];
  const seen = new Set<string>();
  docs.forEach((doc, index) => {
    const label = describe(doc, index);
    const prefix = docs.length > 1 ? `documents[${index}].` : "";
    const record = doc && typeof doc === "object" ? (doc as Record<string, unknown>) : undefined;
    const key = `${String(record?.apiVersion)}/${String(record?.kind)}`;
    const schema = (schemas as Record<string, z.ZodType | undefined>)[key];
    if (!record || !schema) {
      issues.push({
        path: `${prefix}kind`,
        message: `${label}: unsupported kind '${key}' (expected EventBus, EventSource or Sensor of argoproj.io/v1alpha1, or v1 Secret/ConfigMap)`,
      });
      return;
    }
    const parsed = schema.safeParse(doc);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error)) issues.push({ path: prefix + issue.path, message: `${label}: ${issue.message}` });
      // Cross-field rules too, as far as the document's shape allows, so one round trip shows every error.
      for (const issue of bestEffortSemantics(record)) {
        const path = prefix + issue.path;
        if (!issues.some((known) => known.path === path)) issues.push({ path, message: `${label}: ${issue.message}` });
      }
      return;
    }
    const resource = parsed.data as Resource;
    const namespace = resource.metadata.namespace ?? "default";
    const identity = `${resource.kind}/${namespace}/${resource.metadata.name}`;
    if (seen.has(identity)) {
      issues.push({ path: `${prefix}metadata.name`, message: `${label}: appears twice in this apply` });
      return;
    }
    seen.add(identity);
    if (resource.kind === "Sensor") {
      for (const issue of checkSensorSemantics(resource)) issues.push({ path: prefix + issue.path, message: `${label}: ${issue.message}` });
      for (const warning of sensorWarnings(resource)) warnings.push({ ...warning, resource: identity });
    }
    if (resource.kind === "EventSource") {
      for (const issue of checkEventSourceSemantics(resource)) issues.push({ path: prefix + issue.path, message: `${label}: ${issue.message}` });
    }
    for (const warning of kubernetesOnlyWarnings(resource)) warnings.push({ ...warning, resource: identity });
    resources.push({ kind: resource.kind, namespace, name: resource.metadata.name, resource });
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return { resources, warnings };
}

/**
 * The cross-field checks on a document whose schema failed: they read only fields they find with the expected
 * shape; a document too malformed for them yields nothing more (its schema errors already say why).
 */
function bestEffortSemantics(record: Record<string, unknown>): FieldIssue[] {
  try {
    if (record.kind === "Sensor") return checkSensorSemantics(record as unknown as SensorResource);
    if (record.kind === "EventSource") return checkEventSourceSemantics(record as unknown as EventSourceResource);
  } catch {
    // A shape the checks cannot walk: nothing to add.
  }
  return [];
}

function describe(doc: unknown, index: number): string {
  if (doc && typeof doc === "object") {
    const record = doc as { kind?: unknown; metadata?: { name?: unknown } };
    if (typeof record.kind === "string") {
      const name = typeof record.metadata?.name === "string" ? ` ${record.metadata.name}` : "";
      return `${record.kind}${name}`;
    }
  }
  return `document ${index}`;
}
