/**
 * Applying and deleting resources: validate everything, check what would conflict in the running engine, store
 * atomically, then start what changed. Nothing is applied when anything is invalid. Also: dry-run validation,
 * export as YAML, revision history with diffs and rollback, and pause/resume.
 */
import { ConflictError, EngineError, parseManifests, type ManifestWarning, type Resource, type ResourceKind } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import { stringify as toYaml } from "yaml";
import type { AppContext } from "../engine.ts";
import type { AppliedResource, Revision } from "../storage/definitions.ts";
import { detailsOf } from "../trpc.ts";
import { unifiedDiff } from "./diff.ts";

/** Result of an apply, as `POST /api/v1/manifests` returns it. */
export interface ApplyResult {
  applied: AppliedResource[];
  warnings: ManifestWarning[];
}

const order: ResourceKind[] = ["Secret", "ConfigMap", "EventBus", "EventSource", "Sensor"];

/** Apply manifest text (YAML or JSON, one or many documents, or a List). */
export async function applyManifests(app: AppContext, input: string | unknown[], actor: string, action = "apply"): Promise<ApplyResult> {
  const { resources, warnings } = parseManifests(input);
  const conflicts = app.engine.checkApply(resources);
  if (conflicts.length > 0) throw new ConflictError(conflicts[0]?.message ?? "conflict", conflicts);
  const applied = await app.definitions.apply(resources, actor);
  const changed = resources.filter((_, index) => applied[index]?.action !== "unchanged");
  const sorted = [...changed].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
  for (const resource of sorted) await app.engine.apply(resource);
  if (changed.length > 0) app.changes.emit("change", "resources");
  await app.db.auditEntry.create({ data: { actor, action, target: applied.map((a) => `${a.kind}/${a.namespace}/${a.name}:${a.action}`).join(", ") } });
  return { applied, warnings };
}

/** Validate manifests as apply would — parse, engine conflicts, stale versions — and say what it would do; write nothing. */
export async function validateManifests(
  app: AppContext,
  input: string,
): Promise<{ valid: boolean; applied: AppliedResource[]; warnings: ManifestWarning[]; errors: { code: string; path: string; message: string }[] }> {
  try {
    const { resources, warnings } = parseManifests(input);
    const conflicts = app.engine.checkApply(resources);
    if (conflicts.length > 0) return { valid: false, applied: [], warnings, errors: conflicts.map((issue) => ({ code: "CONFLICT", ...issue })) };
    const applied = await app.definitions.plan(resources);
    return { valid: true, applied, warnings, errors: [] };
  } catch (error) {
    if (error instanceof EngineError && (error.code === "VALIDATION" || error.code === "CONFLICT")) {
      const details = detailsOf(error);
      return {
        valid: false,
        applied: [],
        warnings: [],
        errors: (details.length > 0 ? details : [{ path: "", message: error.message }]).map((issue) => ({ code: error.code, ...issue })),
      };
    }
    throw error;
  }
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

/** A manifest as exported: ready to re-apply (no server-set `resourceVersion`). Secret values stay redacted. */
function exportable(manifest: Resource): Record<string, unknown> {
  const { resourceVersion: _rv, ...metadata } = manifest.metadata;
  return { ...manifest, metadata };
}

/** Resources as multi-document YAML: one resource, a kind, a namespace, or everything. */
export async function exportResources(app: AppContext, filter: { namespace?: string | undefined; kind?: ResourceKind | undefined; name?: string | undefined }): Promise<{ yaml: string; count: number }> {
  let stored = await app.definitions.list({ ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.namespace ? { namespace: filter.namespace } : {}) });
  if (filter.name) stored = stored.filter((resource) => resource.name === filter.name);
  if (filter.name && stored.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: `${filter.kind ?? "resource"} ${filter.namespace ?? ""}/${filter.name} not found` });
  const sorted = [...stored].sort((a, b) => a.namespace.localeCompare(b.namespace) || order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name));
  const yaml = sorted.map((resource) => toYaml(exportable(resource.manifest))).join("---\n");
  return { yaml, count: sorted.length };
}

function revisionYaml(revision: Revision): string {
  return toYaml(exportable(revision.manifest));
}

/** Revision history of a resource, newest first. */
export async function revisionsOf(app: AppContext, kind: ResourceKind, namespace: string, name: string): Promise<Revision[]> {
  const revisions = await app.definitions.revisions(kind, namespace, name);
  if (revisions.length === 0) throw new TRPCError({ code: "NOT_FOUND", message: `${kind} ${namespace}/${name} has no revisions` });
  return revisions;
}

/** Unified diff between two revisions (`to` defaults to the newest). */
export async function diffRevisions(
  app: AppContext,
  input: { kind: ResourceKind; namespace: string; name: string; from: number; to?: number | undefined },
): Promise<{ from: number; to: number; diff: string }> {
  const revisions = await revisionsOf(app, input.kind, input.namespace, input.name);
  const pick = (version: number) => revisions.find((revision) => revision.resourceVersion === version && revision.action !== "deleted") ?? revisions.find((revision) => revision.resourceVersion === version);
  const from = pick(input.from);
  const to = input.to === undefined ? revisions[0] : pick(input.to);
  if (!from) throw new TRPCError({ code: "NOT_FOUND", message: `${input.kind} ${input.namespace}/${input.name} has no revision ${input.from}` });
  if (!to) throw new TRPCError({ code: "NOT_FOUND", message: `${input.kind} ${input.namespace}/${input.name} has no revision ${input.to}` });
  return {
    from: from.resourceVersion,
    to: to.resourceVersion,
    diff: unifiedDiff(revisionYaml(from), to.action === "deleted" ? "" : revisionYaml(to), { from: `resourceVersion ${from.resourceVersion}`, to: `resourceVersion ${to.resourceVersion}${to.action === "deleted" ? " (deleted)" : ""}` }),
  };
}

/** Apply the manifest of an earlier revision again (a new revision; a deleted resource comes back). */
export async function rollbackResource(app: AppContext, input: { kind: ResourceKind; namespace: string; name: string; resourceVersion: number }, actor: string): Promise<ApplyResult> {
  const revisions = await revisionsOf(app, input.kind, input.namespace, input.name);
  const revision = revisions.find((candidate) => candidate.resourceVersion === input.resourceVersion && candidate.action !== "deleted");
  if (!revision) throw new TRPCError({ code: "NOT_FOUND", message: `${input.kind} ${input.namespace}/${input.name} has no revision ${input.resourceVersion} to roll back to` });
  return applyManifests(app, [exportable(revision.manifest)], actor, `rollback to ${input.resourceVersion}`);
}

/** Pause or resume an EventSource or Sensor (stored, so it survives a restart). */
export async function setPaused(app: AppContext, input: { kind: "EventSource" | "Sensor"; namespace: string; name: string; paused: boolean; actor: string }): Promise<void> {
  const { kind, namespace, name, paused, actor } = input;
  const stored = await app.definitions.setPaused(kind, namespace, name, paused);
  if (!stored) throw new TRPCError({ code: "NOT_FOUND", message: `${kind} ${namespace}/${name} not found` });
  await app.engine.setPaused(kind, namespace, name, paused);
  app.changes.emit("change", "resources");
  await app.db.auditEntry.create({ data: { actor, action: paused ? "pause" : "resume", target: `${kind}/${namespace}/${name}` } });
}
