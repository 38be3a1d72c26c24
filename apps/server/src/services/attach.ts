/**
 * Attachments: read-only views of existing Argo Events buses (a JetStream stream or a Kafka event topic), stored in
 * the `Attachment` table. Listing and following never create anything on the bus (see
 * `@signalbox/engine/bus/attach`); publishing (inject, replay) needs `confirm` equal to the attachment's name, checks
 * that the stream/topic exists, and writes Argo's exact wire format. Every change and every publish is audited.
 *
 * Credentials given inline are sealed with the Secret values' key (AES-256-GCM, `storage/crypto.ts`) and never shown
 * again; a credential may instead reference a stored Secret (`{secretKeyRef: {namespace, name, key}}`), read at
 * connect time. Each call opens its own connection and closes it, so deleting an attachment leaves nothing open
 * (live tails of a deleted attachment are ended).
 */
import { join } from "node:path";
import { ValidationError } from "@signalbox/engine";
import type { AttachedBus, AttachedMessage, AttachedPublishResult } from "@signalbox/engine/bus/attach";
import { TRPCError } from "@trpc/server";
import type { AppContext } from "../engine.ts";
import type {
  AttachAuthInput,
  AttachCreateInput,
  AttachCredential,
  AttachedMessageItem,
  AttachmentItem,
} from "../schemas/attach.ts";
import { loadKeyRing, seal, unseal } from "../storage/crypto.ts";
import { decodeData } from "../storage/events.ts";

type Row = NonNullable<Awaited<ReturnType<AppContext["db"]["attachment"]["findUnique"]>>>;

/** A credential as stored in `options`: where its value is, never the value. */
type StoredCredential = { inline: true } | { secretKeyRef: { namespace: string; name: string; key: string } };

interface StoredAuth {
  username?: StoredCredential;
  password?: StoredCredential;
  mechanism?: string;
  tls?:
    | true
    | {
        caCert?: StoredCredential;
        clientCert?: StoredCredential;
        clientKey?: StoredCredential;
        insecureSkipVerify?: boolean;
      };
}

interface StoredOptions {
  auth?: StoredAuth;
  partitioner?: "hash" | "murmur2";
}

const CREDENTIAL_PATHS = ["username", "password", "tls.caCert", "tls.clientCert", "tls.clientKey"] as const;
type CredentialPath = (typeof CREDENTIAL_PATHS)[number];

function credentialAt(
  auth: { username?: unknown; password?: unknown; tls?: unknown } | undefined,
  path: CredentialPath,
): unknown {
  if (!auth) return undefined;
  if (path === "username") return auth.username;
  if (path === "password") return auth.password;
  const tls = auth.tls;
  if (!tls || tls === true || typeof tls !== "object") return undefined;
  return (tls as Record<string, unknown>)[path.slice(4)];
}

/** Split the input's auth into what `options` keeps and the inline values to seal. */
function splitAuth(auth: AttachAuthInput | undefined): {
  stored: StoredAuth | undefined;
  inline: Record<string, string>;
} {
  if (!auth) return { stored: undefined, inline: {} };
  const inline: Record<string, string> = {};
  const keep = (path: CredentialPath, value: AttachCredential | undefined): StoredCredential | undefined => {
    if (value === undefined) return undefined;
    if (typeof value === "string") {
      inline[path] = value;
      return { inline: true };
    }
    return { secretKeyRef: { ...value.secretKeyRef } };
  };
  const stored: StoredAuth = {};
  const username = keep("username", auth.username);
  const password = keep("password", auth.password);
  if (username) stored.username = username;
  if (password) stored.password = password;
  if (auth.mechanism) stored.mechanism = auth.mechanism;
  if (auth.tls === true) stored.tls = true;
  else if (auth.tls) {
    const tls: Exclude<StoredAuth["tls"], true | undefined> = {};
    const caCert = keep("tls.caCert", auth.tls.caCert);
    const clientCert = keep("tls.clientCert", auth.tls.clientCert);
    const clientKey = keep("tls.clientKey", auth.tls.clientKey);
    if (caCert) tls.caCert = caCert;
    if (clientCert) tls.clientCert = clientCert;
    if (clientKey) tls.clientKey = clientKey;
    if (auth.tls.insecureSkipVerify !== undefined) tls.insecureSkipVerify = auth.tls.insecureSkipVerify;
    stored.tls = tls;
  }
  return { stored, inline };
}

function optionsOf(row: Row): StoredOptions {
  try {
    return JSON.parse(row.options) as StoredOptions;
  } catch {
    return {};
  }
}

function describeCredential(credential: StoredCredential | undefined): string | undefined {
  if (!credential) return undefined;
  if ("inline" in credential) return "inline (sealed)";
  const ref = credential.secretKeyRef;
  return `secret ${ref.namespace}/${ref.name}#${ref.key}`;
}

/** The API item of a row: credentials described, never shown. */
export function toAttachmentItem(row: Row): AttachmentItem {
  const options = optionsOf(row);
  const auth = options.auth ?? {};
  const shown: AttachmentItem["auth"] = {};
  const username = describeCredential(auth.username);
  const password = describeCredential(auth.password);
  if (username) shown.username = username;
  if (password) shown.password = password;
  if (auth.mechanism) shown.mechanism = auth.mechanism;
  if (auth.tls === true) shown.tls = true;
  else if (auth.tls) {
    const tls: Exclude<AttachmentItem["auth"]["tls"], true | undefined> = {};
    const caCert = describeCredential(auth.tls.caCert);
    const clientCert = describeCredential(auth.tls.clientCert);
    const clientKey = describeCredential(auth.tls.clientKey);
    if (caCert) tls.caCert = caCert;
    if (clientCert) tls.clientCert = clientCert;
    if (clientKey) tls.clientKey = clientKey;
    if (auth.tls.insecureSkipVerify !== undefined) tls.insecureSkipVerify = auth.tls.insecureSkipVerify;
    shown.tls = tls;
  }
  return {
    name: row.name,
    kind: row.kind === "kafka" ? "kafka" : "jetstream",
    endpoint: row.endpoint,
    target: row.target,
    ...(options.partitioner ? { partitioner: options.partitioner } : {}),
    auth: shown,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

function keyRing(app: AppContext) {
  return loadKeyRing({
    secretKey: app.config.secretKey,
    secretKeyFile: app.config.secretKeyFile,
    defaultFile: join(app.config.dataDir, "secret.key"),
  });
}

/** Every credential value of an attachment: inline ones unsealed, references read from stored Secrets. */
async function resolveCredentials(
  app: AppContext,
  auth: StoredAuth | undefined,
  sealed: { keyId: string; ciphertext: string } | undefined,
): Promise<Partial<Record<CredentialPath, string>>> {
  const out: Partial<Record<CredentialPath, string>> = {};
  if (!auth) return out;
  let inline: Record<string, string> | undefined;
  for (const path of CREDENTIAL_PATHS) {
    const credential = credentialAt(auth, path) as StoredCredential | undefined;
    if (!credential) continue;
    if ("inline" in credential) {
      if (!sealed)
        throw new TRPCError({
          code: "INTERNAL_SERVER_ERROR",
          message: `the sealed credentials of this attachment are missing (${path})`,
        });
      inline ??= JSON.parse(unseal(keyRing(app).all, sealed)) as Record<string, string>;
      const value = inline[path];
      if (value !== undefined) out[path] = value;
      continue;
    }
    const ref = credential.secretKeyRef;
    const value = await app.definitions.secretValue("Secret", ref.namespace, ref.name, ref.key);
    if (value === undefined) {
      throw new TRPCError({
        code: "PRECONDITION_FAILED",
        message: `${path}: Secret ${ref.namespace}/${ref.name} has no key ${ref.key} (apply it first)`,
      });
    }
    out[path] = value;
  }
  return out;
}

/** Open the bus behind an attachment (read-only until `publish` is called). */
async function open(
  app: AppContext,
  spec: {
    kind: string;
    endpoint: string;
    target: string;
    options: StoredOptions;
    sealed: { keyId: string; ciphertext: string } | undefined;
    name: string;
  },
): Promise<AttachedBus> {
  const credentials = await resolveCredentials(app, spec.options.auth, spec.sealed);
  const auth = spec.options.auth;
  const logger = app.logger.child({ attachment: spec.name });
  const { attachJetStream, attachKafka } = await import("@signalbox/engine/bus/attach");
  const tlsSet = auth?.tls !== undefined;
  const tlsObject = auth?.tls && auth.tls !== true ? auth.tls : undefined;
  if (spec.kind === "kafka") {
    return attachKafka({
      brokers: spec.endpoint,
      topic: spec.target,
      clientId: `signalbox-attach-${spec.name}`,
      logger,
      ...(spec.options.partitioner ? { partitioner: spec.options.partitioner } : {}),
      ...(tlsSet
        ? {
            tls: tlsObject
              ? {
                  ...(credentials["tls.caCert"] ? { caCert: credentials["tls.caCert"] } : {}),
                  ...(credentials["tls.clientCert"] ? { clientCert: credentials["tls.clientCert"] } : {}),
                  ...(credentials["tls.clientKey"] ? { clientKey: credentials["tls.clientKey"] } : {}),
                  ...(tlsObject.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
                }
              : true,
          }
        : {}),
      ...(credentials.username !== undefined && credentials.password !== undefined
        ? {
            sasl: {
              user: credentials.username,
              password: credentials.password,
              ...(auth?.mechanism ? { mechanism: auth.mechanism } : {}),
            },
          }
        : {}),
    });
  }
  return attachJetStream({
    servers: spec.endpoint,
    stream: spec.target,
    name: `signalbox attach ${spec.name} (read-only)`,
    logger,
    ...(credentials.username !== undefined ? { user: credentials.username, pass: credentials.password ?? "" } : {}),
    ...(tlsSet
      ? {
          tls: {
            ...(credentials["tls.caCert"] ? { ca: credentials["tls.caCert"] } : {}),
            ...(credentials["tls.clientCert"] ? { cert: credentials["tls.clientCert"] } : {}),
            ...(credentials["tls.clientKey"] ? { key: credentials["tls.clientKey"] } : {}),
            ...(tlsObject?.insecureSkipVerify ? { insecureSkipVerify: true } : {}),
          },
        }
      : {}),
  });
}

async function rowOf(app: AppContext, name: string): Promise<Row> {
  const row = await app.db.attachment.findUnique({ where: { name } });
  if (!row) throw new TRPCError({ code: "NOT_FOUND", message: `attachment ${name} not found` });
  return row;
}

function openRow(app: AppContext, row: Row): Promise<AttachedBus> {
  return open(app, {
    name: row.name,
    kind: row.kind,
    endpoint: row.endpoint,
    target: row.target,
    options: optionsOf(row),
    sealed: row.keyId && row.credentials ? { keyId: row.keyId, ciphertext: row.credentials } : undefined,
  });
}

/** Run `work` with the attachment's bus open, closing it afterwards. */
async function withBus<T>(app: AppContext, name: string, work: (bus: AttachedBus, row: Row) => Promise<T>): Promise<T> {
  const row = await rowOf(app, name);
  const bus = await openRow(app, row);
  try {
    return await work(bus, row);
  } finally {
    await bus.close();
  }
}

/** The API item of a message: the CloudEvent with its payload decoded, headers as on the bus. */
export function toMessageItem(message: AttachedMessage): AttachedMessageItem {
  const event = message.event;
  return {
    position: message.position,
    ...(message.sequence !== undefined ? { sequence: message.sequence } : {}),
    ...(message.partition !== undefined ? { partition: message.partition } : {}),
    ...(message.offset !== undefined ? { offset: message.offset } : {}),
    ...(message.subject !== undefined ? { subject: message.subject } : {}),
    ...(message.key !== undefined ? { key: message.key } : {}),
    storedAt: new Date(message.storedAt).toISOString(),
    headers: { ...message.headers },
    size: message.body.byteLength,
    event: event
      ? {
          specversion: event.specversion,
          id: event.id,
          source: event.source,
          type: event.type,
          subject: event.subject,
          datacontenttype: event.datacontenttype,
          time: event.time,
          extensions: event.extensions,
          data_base64: Buffer.from(event.data).toString("base64"),
          data: decodeData(Buffer.from(event.data).toString("utf8"), event.datacontenttype),
        }
      : null,
    ...(event ? {} : { body_base64: Buffer.from(message.body).toString("base64") }),
  };
}

/** Live tails per app and attachment, so a delete can end them. */
const liveTails = new WeakMap<AppContext, Map<string, Set<AbortController>>>();

function tailsOf(app: AppContext, name: string): Set<AbortController> {
  let byName = liveTails.get(app);
  if (!byName) {
    byName = new Map();
    liveTails.set(app, byName);
  }
  let set = byName.get(name);
  if (!set) {
    set = new Set();
    byName.set(name, set);
  }
  return set;
}

// ---- procedures ----

export async function listAttachments(app: AppContext): Promise<AttachmentItem[]> {
  const rows = await app.db.attachment.findMany({ orderBy: { name: "asc" } });
  return rows.map(toAttachmentItem);
}

/** One attachment and what its bus holds now (or why it cannot be reached). */
export async function getAttachment(
  app: AppContext,
  name: string,
): Promise<AttachmentItem & { reachable: boolean; error?: string; bus: Record<string, unknown> | null }> {
  const row = await rowOf(app, name);
  const item = toAttachmentItem(row);
  try {
    const bus = await openRow(app, row);
    try {
      return { ...item, reachable: true, bus: { ...(await bus.info()) } };
    } finally {
      await bus.close();
    }
  } catch (error) {
    return { ...item, reachable: false, error: error instanceof Error ? error.message : String(error), bus: null };
  }
}

/** Save an attachment, after checking (unless `verify: false`) that its stream or topic exists. Creates nothing on the bus. */
export async function createAttachment(
  app: AppContext,
  input: AttachCreateInput,
  actor: string,
): Promise<AttachmentItem> {
  if (await app.db.attachment.findUnique({ where: { name: input.name } })) {
    throw new TRPCError({ code: "CONFLICT", message: `attachment ${input.name} exists (delete it first)` });
  }
  const endpoint =
    input.kind === "kafka"
      ? Array.isArray(input.brokers)
        ? input.brokers.join(",")
        : (input.brokers ?? input.url ?? "")
      : (input.url ?? "");
  const target = input.kind === "kafka" ? (input.topic ?? "") : (input.streamName ?? "default");
  const { stored, inline } = splitAuth(input.auth);
  const options: StoredOptions = {
    ...(stored ? { auth: stored } : {}),
    ...(input.partitioner ? { partitioner: input.partitioner } : {}),
  };
  const sealed = Object.keys(inline).length > 0 ? seal(app.sealingKey(), JSON.stringify(inline)) : undefined;
  if (input.verify) {
    // Connect with exactly what will be stored; a missing stream/topic or a refused login stops here.
    const bus = await open(app, { name: input.name, kind: input.kind, endpoint, target, options, sealed });
    await bus.close();
  }
  let row: Row;
  try {
    row = await app.db.attachment.create({
      data: {
        name: input.name,
        kind: input.kind,
        endpoint,
        target,
        options: JSON.stringify(options),
        keyId: sealed?.keyId ?? null,
        credentials: sealed?.ciphertext ?? null,
        createdBy: actor,
      },
    });
  } catch (error) {
    if ((error as { code?: string }).code === "P2002")
      throw new TRPCError({ code: "CONFLICT", message: `attachment ${input.name} exists (delete it first)` });
    throw error;
  }
  await app.db.auditEntry.create({
    data: {
      actor,
      action: "attach.create",
      target: `attachment/${input.name}`,
      detail: `${input.kind} ${endpoint} ${target} (read-only)`,
    },
  });
  return toAttachmentItem(row);
}

/** Forget an attachment (live tails of it end). Nothing on the bus is touched. */
export async function deleteAttachment(app: AppContext, name: string, actor: string): Promise<{ deleted: true }> {
  const row = await rowOf(app, name);
  await app.db.attachment.delete({ where: { name: row.name } });
  for (const controller of tailsOf(app, name)) controller.abort();
  await app.db.auditEntry.create({
    data: {
      actor,
      action: "attach.delete",
      target: `attachment/${name}`,
      detail: `${row.kind} ${row.endpoint} ${row.target}`,
    },
  });
  return { deleted: true };
}

export function listAttachedEvents(
  app: AppContext,
  input: { name: string; limit: number; cursor?: string | undefined },
): Promise<{ items: AttachedMessageItem[]; nextCursor: string | null }> {
  return withBus(app, input.name, async (bus) => {
    const page = await bus.list({ limit: input.limit, cursor: input.cursor });
    return { items: page.items.map(toMessageItem), nextCursor: page.nextCursor };
  });
}

/** New messages of the attached bus as they arrive, until `signal` aborts or the attachment is deleted. */
export async function* tailAttachment(
  app: AppContext,
  input: { name: string; buffer: number },
  signal: AbortSignal | undefined,
): AsyncGenerator<
  | { type: "hello"; name: string; kind: string; target: string }
  | { type: "event"; item: AttachedMessageItem }
  | { type: "dropped"; count: number }
> {
  const row = await rowOf(app, input.name);
  const controller = new AbortController();
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const registry = tailsOf(app, input.name);
  registry.add(controller);
  const bus = await openRow(app, row);
  try {
    const tail = await bus.tail({ signal: controller.signal, buffer: input.buffer });
    yield { type: "hello", name: row.name, kind: row.kind, target: row.target };
    let dropped = 0;
    for await (const message of tail) {
      if (tail.dropped > dropped) {
        yield { type: "dropped", count: tail.dropped - dropped };
        dropped = tail.dropped;
      }
      yield { type: "event", item: toMessageItem(message) };
    }
  } finally {
    signal?.removeEventListener("abort", onAbort);
    registry.delete(controller);
    controller.abort();
    await bus.close();
  }
}

/** Refuse to publish unless `confirm` repeats the attachment's name. */
function requireConfirmation(name: string, confirm: string | undefined): void {
  if (confirm === name) return;
  throw new ValidationError([
    {
      path: "confirm",
      message:
        confirm === undefined
          ? `publishing onto the attached Argo bus "${name}" needs confirmation: set confirm to "${name}"`
          : `confirm is "${confirm}", not the attachment's name "${name}": nothing was published`,
    },
  ]);
}

type PublishAnswer = {
  id: string;
  position: string;
  address: string;
  duplicate: boolean;
  replayOf?: string;
  from?: string;
};

function answerOf(result: AttachedPublishResult): PublishAnswer {
  return { id: result.id, position: result.position, address: result.address, duplicate: result.duplicate };
}

/** Publish a new CloudEvent onto the attached bus, as the named EventSource would (confirmed, audited). */
export async function injectAttached(
  app: AppContext,
  input: { name: string; confirm?: string | undefined; source: string; subject: string; type: string; data?: unknown },
  actor: string,
): Promise<PublishAnswer> {
  requireConfirmation(input.name, input.confirm);
  const data = new TextEncoder().encode(JSON.stringify(input.data ?? null));
  const result = await withBus(app, input.name, (bus) =>
    bus.publish({ source: input.source, subject: input.subject, type: input.type, data }),
  );
  await app.db.auditEntry.create({
    data: {
      actor,
      action: "attach.inject",
      target: `attachment/${input.name}`,
      detail: `${result.id} → ${result.address} at ${result.position}${result.duplicate ? " (duplicate)" : ""}`,
    },
  });
  return answerOf(result);
}

/**
 * Publish one message of the attached bus again: a new CloudEvent (new id and time) with the original's source,
 * subject, type, content type, extensions and data, plus `replayof=<original id>` — as Signalbox's own replays.
 */
export async function replayAttached(
  app: AppContext,
  input: {
    name: string;
    confirm?: string | undefined;
    position?: string | undefined;
    sequence?: number | undefined;
    eventId?: string | undefined;
  },
  actor: string,
): Promise<PublishAnswer> {
  requireConfirmation(input.name, input.confirm);
  const { original, result } = await withBus(app, input.name, async (bus) => {
    const found =
      input.eventId !== undefined
        ? await bus.findById(input.eventId)
        : await bus.get(input.position ?? String(input.sequence ?? ""));
    const what =
      input.eventId !== undefined ? `event ${input.eventId}` : `position ${input.position ?? input.sequence}`;
    if (!found)
      throw new TRPCError({
        code: "NOT_FOUND",
        message: `${what} is not on the attached bus (aged out, deleted, or never there)`,
      });
    const event = found.event;
    if (!event)
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: `${what} is not a CloudEvent; only CloudEvents can be replayed`,
      });
    const published = await bus.publish({
      source: event.source,
      subject: event.subject,
      type: event.type,
      datacontenttype: event.datacontenttype,
      extensions: { ...event.extensions, replayof: event.id },
      data: event.data,
    });
    return { original: found, result: published };
  });
  const originalId = original.event?.id ?? "";
  await app.db.auditEntry.create({
    data: {
      actor,
      action: "attach.replay",
      target: `attachment/${input.name}`,
      detail: `${originalId} at ${original.position} → ${result.id} at ${result.position}`,
    },
  });
  return { ...answerOf(result), replayOf: originalId, from: original.position };
}
