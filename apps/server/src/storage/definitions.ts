/**
 * Applied resources. The server codes against {@link DefinitionStore}, so a store backed by Kubernetes CRDs can
 * replace this database one. Secret and ConfigMap values are sealed in `SecretValue`; the stored manifest keeps
 * their keys with redacted values.
 */
import { ConflictError, type ParsedResource, type Resource, type ResourceKind } from "@signalbox/engine";
import type { Db } from "../db/client.ts";
import { seal, unseal, type SealingKey } from "./crypto.ts";

/** Value shown in place of a Secret value. Re-applying it keeps the stored value. */
export const REDACTED = "<redacted>";

/** A resource as stored. */
export interface StoredResource {
  kind: ResourceKind;
  namespace: string;
  name: string;
  manifest: Resource;
  resourceVersion: number;
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What applying one resource did. */
export interface AppliedResource {
  apiVersion: string;
  kind: ResourceKind;
  namespace: string;
  name: string;
  action: "created" | "updated" | "unchanged";
}

/** One stored version of a resource. */
export interface Revision {
  resourceVersion: number;
  action: "created" | "updated" | "deleted";
  actor: string;
  createdAt: Date;
  /** As stored (Secret values redacted). */
  manifest: Resource;
}

/** Where definitions live. */
export interface DefinitionStore {
  list(filter?: { kind?: ResourceKind; namespace?: string }): Promise<StoredResource[]>;
  get(kind: ResourceKind, namespace: string, name: string): Promise<StoredResource | undefined>;
  /** Apply all or nothing. Throws {@link ConflictError} on a stale `metadata.resourceVersion`. */
  apply(resources: readonly ParsedResource[], actor: string): Promise<AppliedResource[]>;
  /** What {@link apply} would do, writing nothing (same checks, same conflicts). */
  plan(resources: readonly ParsedResource[]): Promise<AppliedResource[]>;
  delete(kind: ResourceKind, namespace: string, name: string, actor: string): Promise<boolean>;
  /** Every stored version of a resource, newest first (also after it was deleted). */
  revisions(kind: ResourceKind, namespace: string, name: string): Promise<Revision[]>;
  /** Mark a resource paused or not; `undefined` when it does not exist. */
  setPaused(kind: ResourceKind, namespace: string, name: string, paused: boolean): Promise<StoredResource | undefined>;
  /** A Secret/ConfigMap value, decrypted. */
  secretValue(kind: "Secret" | "ConfigMap", namespace: string, name: string, key: string): Promise<string | undefined>;
  /** Names and keys of stored Secret/ConfigMap values (never the values). */
  valueKeys(filter?: { namespace?: string }): Promise<{ kind: "Secret" | "ConfigMap"; namespace: string; name: string; keys: string[]; keyIds: string[] }[]>;
  /** Re-seal every stored value with `next`, which becomes the current key. Returns how many values. */
  reseal(next: SealingKey): Promise<number>;
}

/** Thrown inside a transaction to roll a plan back while keeping its result. */
class PlanRollback extends Error {
  constructor(readonly result: AppliedResource[]) {
    super("plan rollback");
  }
}

type ValueKind = "Secret" | "ConfigMap";

/** Plain values of a Secret (`data` is base64, `stringData` wins) or a ConfigMap. */
function valuesOf(resource: Resource): Record<string, string> | undefined {
  if (resource.kind === "Secret") {
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(resource.data ?? {})) {
      out[key] = value === REDACTED ? REDACTED : Buffer.from(value, "base64").toString("utf8");
    }
    Object.assign(out, resource.stringData ?? {});
    return out;
  }
  if (resource.kind === "ConfigMap") return { ...resource.data };
  return undefined;
}

/** The manifest to store/serve: namespace filled in, status and server-set metadata removed, values redacted. */
function storedManifest(parsed: ParsedResource): Resource {
  const { resource } = parsed;
  const { resourceVersion: _rv, generation: _g, uid: _u, creationTimestamp: _c, ...metadata } = resource.metadata;
  const base = { ...resource, metadata: { ...metadata, namespace: parsed.namespace } } as Resource & { status?: unknown };
  delete base.status;
  if (base.kind === "Secret") {
    const values = valuesOf(resource) ?? {};
    const { data: _data, ...rest } = base;
    return { ...rest, stringData: Object.fromEntries(Object.keys(values).sort().map((key) => [key, REDACTED])) };
  }
  return base;
}

/** Prisma-backed {@link DefinitionStore}. */
export class PrismaDefinitionStore implements DefinitionStore {
  constructor(
    private readonly db: Db,
    private readonly keys: { current: SealingKey; all: SealingKey[] },
  ) {}

  async list(filter: { kind?: ResourceKind; namespace?: string } = {}): Promise<StoredResource[]> {
    const rows = await this.db.resource.findMany({
      where: { ...(filter.kind ? { kind: filter.kind } : {}), ...(filter.namespace ? { namespace: filter.namespace } : {}) },
      orderBy: [{ namespace: "asc" }, { kind: "asc" }, { name: "asc" }],
    });
    return rows.map(toStored);
  }

  async get(kind: ResourceKind, namespace: string, name: string): Promise<StoredResource | undefined> {
    const row = await this.db.resource.findUnique({ where: { kind_namespace_name: { kind, namespace, name } } });
    return row ? toStored(row) : undefined;
  }

  async apply(resources: readonly ParsedResource[], actor: string): Promise<AppliedResource[]> {
    return this.db.$transaction((tx) => this.applyIn(tx, resources, actor));
  }

  async plan(resources: readonly ParsedResource[]): Promise<AppliedResource[]> {
    try {
      await this.db.$transaction(async (tx) => {
        throw new PlanRollback(await this.applyIn(tx, resources, "plan"));
      });
    } catch (error) {
      if (error instanceof PlanRollback) return error.result;
      throw error;
    }
    return [];
  }

  async revisions(kind: ResourceKind, namespace: string, name: string): Promise<Revision[]> {
    const rows = await this.db.resourceRevision.findMany({ where: { kind, namespace, name }, orderBy: { id: "desc" } });
    return rows.map((row) => ({
      resourceVersion: row.resourceVersion,
      action: row.action as Revision["action"],
      actor: row.actor,
      createdAt: row.createdAt,
      manifest: JSON.parse(row.manifest) as Resource,
    }));
  }

  async setPaused(kind: ResourceKind, namespace: string, name: string, paused: boolean): Promise<StoredResource | undefined> {
    const existing = await this.db.resource.findUnique({ where: { kind_namespace_name: { kind, namespace, name } } });
    if (!existing) return undefined;
    const row = existing.paused === paused ? existing : await this.db.resource.update({ where: { id: existing.id }, data: { paused } });
    return toStored(row);
  }

  async valueKeys(filter: { namespace?: string } = {}): Promise<{ kind: "Secret" | "ConfigMap"; namespace: string; name: string; keys: string[]; keyIds: string[] }[]> {
    const rows = await this.db.secretValue.findMany({
      where: filter.namespace ? { namespace: filter.namespace } : {},
      select: { kind: true, namespace: true, name: true, key: true, keyId: true },
      orderBy: [{ namespace: "asc" }, { kind: "asc" }, { name: "asc" }, { key: "asc" }],
    });
    const out = new Map<string, { kind: "Secret" | "ConfigMap"; namespace: string; name: string; keys: string[]; keyIds: string[] }>();
    for (const row of rows) {
      const id = `${row.kind}/${row.namespace}/${row.name}`;
      const entry = out.get(id) ?? { kind: row.kind as ValueKind, namespace: row.namespace, name: row.name, keys: [], keyIds: [] };
      entry.keys.push(row.key);
      if (!entry.keyIds.includes(row.keyId)) entry.keyIds.push(row.keyId);
      out.set(id, entry);
    }
    return [...out.values()];
  }

  async reseal(next: SealingKey): Promise<number> {
    const all = [next, ...this.keys.all.filter((key) => key.id !== next.id)];
    const count = await this.db.$transaction(async (tx) => {
      const rows = await tx.secretValue.findMany();
      for (const row of rows) {
        await tx.secretValue.update({ where: { id: row.id }, data: seal(next, unseal(all, row)) });
      }
      return rows.length;
    });
    this.keys.current = next;
    this.keys.all = all;
    return count;
  }

  private async applyIn(tx: TransactionClient, resources: readonly ParsedResource[], actor: string): Promise<AppliedResource[]> {
    {
      const out: AppliedResource[] = [];
      for (const parsed of resources) {
        const { kind, namespace, name, resource } = parsed;
        const manifest = storedManifest(parsed);
        const text = JSON.stringify(manifest);
        const existing = await tx.resource.findUnique({ where: { kind_namespace_name: { kind, namespace, name } } });
        const requested = resource.metadata.resourceVersion;
        if (existing && requested !== undefined && requested !== String(existing.resourceVersion)) {
          throw new ConflictError(`${kind} ${namespace}/${name} was changed since resourceVersion ${requested} (now ${existing.resourceVersion})`, [
            { path: "metadata.resourceVersion", message: `stale: the stored resourceVersion is ${existing.resourceVersion}` },
          ]);
        }
        const values = valuesOf(resource);
        const valuesChanged = values ? await this.writeValues(tx, kind as ValueKind, namespace, name, values) : false;
        let action: AppliedResource["action"];
        let version = existing?.resourceVersion ?? 1;
        if (!existing) {
          await tx.resource.create({ data: { kind, namespace, name, manifest: text } });
          action = "created";
        } else if (existing.manifest !== text || valuesChanged) {
          version = existing.resourceVersion + 1;
          await tx.resource.update({ where: { id: existing.id }, data: { manifest: text, resourceVersion: version } });
          action = "updated";
        } else {
          action = "unchanged";
        }
        if (action !== "unchanged") {
          await tx.resourceRevision.create({ data: { kind, namespace, name, resourceVersion: version, manifest: text, action, actor } });
        }
        out.push({ apiVersion: resource.apiVersion, kind, namespace, name, action });
      }
      return out;
    }
  }

  /** Store sealed values; returns whether any value changed. `REDACTED` keeps the stored value. */
  private async writeValues(tx: TransactionClient, kind: ValueKind, namespace: string, name: string, values: Record<string, string>): Promise<boolean> {
    const rows = await tx.secretValue.findMany({ where: { kind, namespace, name } });
    const current = new Map(rows.map((row) => [row.key, row]));
    let changed = false;
    for (const [key, value] of Object.entries(values)) {
      const row = current.get(key);
      current.delete(key);
      if (value === REDACTED) continue;
      if (row && unseal(this.keys.all, row) === value) continue;
      const sealed = seal(this.keys.current, value);
      changed = true;
      if (row) await tx.secretValue.update({ where: { id: row.id }, data: sealed });
      else await tx.secretValue.create({ data: { kind, namespace, name, key, ...sealed } });
    }
    for (const stale of current.values()) {
      changed = true;
      await tx.secretValue.delete({ where: { id: stale.id } });
    }
    return changed;
  }

  async delete(kind: ResourceKind, namespace: string, name: string, actor: string): Promise<boolean> {
    return this.db.$transaction(async (tx) => {
      const existing = await tx.resource.findUnique({ where: { kind_namespace_name: { kind, namespace, name } } });
      if (!existing) return false;
      await tx.resource.delete({ where: { id: existing.id } });
      await tx.secretValue.deleteMany({ where: { kind, namespace, name } });
      await tx.resourceRevision.create({
        data: { kind, namespace, name, resourceVersion: existing.resourceVersion, manifest: existing.manifest, action: "deleted", actor },
      });
      return true;
    });
  }

  async secretValue(kind: ValueKind, namespace: string, name: string, key: string): Promise<string | undefined> {
    const row = await this.db.secretValue.findUnique({ where: { kind_namespace_name_key: { kind, namespace, name, key } } });
    return row ? unseal(this.keys.all, row) : undefined;
  }
}

type TransactionClient = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function toStored(row: { kind: string; namespace: string; name: string; manifest: string; resourceVersion: number; paused: boolean; createdAt: Date; updatedAt: Date }): StoredResource {
  const manifest = JSON.parse(row.manifest) as Resource;
  return {
    kind: row.kind as ResourceKind,
    namespace: row.namespace,
    name: row.name,
    manifest: { ...manifest, metadata: { ...manifest.metadata, resourceVersion: String(row.resourceVersion) } } as Resource,
    resourceVersion: row.resourceVersion,
    paused: row.paused,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
