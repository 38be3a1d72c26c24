/**
 * Helpers the domain routers share: a stored resource with its live status as an API item.
 */
import { summarize, type ResourceKind } from "@signalbox/engine";
import { TRPCError } from "@trpc/server";
import type { AppContext } from "../engine.ts";
import type { ResourceItem } from "../schemas.ts";
import type { StoredResource } from "../storage/definitions.ts";

/** Map a stored resource to the API's item (status from the engine). */
export function toResourceItem(app: AppContext, stored: StoredResource): ResourceItem {
  const conditions = app.engine.status(stored.kind, stored.namespace, stored.name);
  return {
    kind: stored.kind,
    namespace: stored.namespace,
    name: stored.name,
    resourceVersion: stored.resourceVersion,
    paused: stored.paused,
    createdAt: stored.createdAt.toISOString(),
    updatedAt: stored.updatedAt.toISOString(),
    status: { summary: summarize(conditions), conditions },
    manifest: stored.manifest as unknown as Record<string, unknown>,
  };
}

/** Items of one kind, optionally in one namespace. */
export async function listOfKind(app: AppContext, kind: ResourceKind, namespace?: string): Promise<ResourceItem[]> {
  const stored = await app.definitions.list({ kind, ...(namespace ? { namespace } : {}) });
  return stored.map((resource) => toResourceItem(app, resource));
}

/** One item, or a NOT_FOUND error naming it. */
export async function oneOfKind(app: AppContext, kind: ResourceKind, namespace: string, name: string): Promise<ResourceItem> {
  const stored = await app.definitions.get(kind, namespace, name);
  if (!stored) throw new TRPCError({ code: "NOT_FOUND", message: `${kind} ${namespace}/${name} not found` });
  return toResourceItem(app, stored);
}
