/**
 * Applying and deleting resources: validate everything, check what would conflict in the running engine, store
 * atomically, then start what changed. Nothing is applied when anything is invalid.
 */
import { ConflictError, parseManifests, type ManifestWarning, type ParsedResource, type ResourceKind } from "@signalbox/engine";
import type { AppContext } from "../engine.ts";
import type { AppliedResource } from "../storage/definitions.ts";

/** Result of an apply, as `POST /api/v1/manifests` returns it. */
export interface ApplyResult {
  applied: AppliedResource[];
  warnings: ManifestWarning[];
}

const order: ResourceKind[] = ["Secret", "ConfigMap", "EventBus", "EventSource", "Sensor"];

/** Apply manifest text (YAML or JSON, one or many documents, or a List). */
export async function applyManifests(app: AppContext, input: string | unknown[], actor: string): Promise<ApplyResult> {
  const { resources, warnings } = parseManifests(input);
  const conflicts = app.engine.checkApply(resources);
  if (conflicts.length > 0) throw new ConflictError(conflicts[0]?.message ?? "conflict", conflicts);
  const applied = await app.definitions.apply(resources, actor);
  const changed = resources.filter((_, index) => applied[index]?.action !== "unchanged");
  const sorted = [...changed].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const resource of sorted) await app.engine.apply(resource);
  if (changed.length > 0) app.changes.emit("change", "resources");
  await app.db.auditEntry.create({ data: { actor, action: "apply", target: applied.map((a) => `${a.kind}/${a.namespace}/${a.name}:${a.action}`).join(", ") } });
  return { applied, warnings };
}

/** Delete a resource; `false` when it did not exist. */
export async function deleteResource(app: AppContext, kind: ResourceKind, namespace: string, name: string, actor: string): Promise<boolean> {
  const deleted = await app.definitions.delete(kind, namespace, name, actor);
  if (!deleted) return false;
  await app.engine.remove(kind, namespace, name);
  app.changes.emit("change", "resources");
  await app.db.auditEntry.create({ data: { actor, action: "delete", target: `${kind}/${namespace}/${name}` } });
  return true;
}
