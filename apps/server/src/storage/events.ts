/**
 * Event history: every CloudEvent seen on a bus, stored with its payload decoded, plus the explain records and
 * trigger runs that followed it. Reads are newest first with a stable cursor (the insertion sequence).
 */
import { decodeCloudEvent, type ObservedEvent } from "@signalbox/engine";
import type { Db } from "../db/client.ts";
import type { Prisma } from "../generated/sqlite/client.ts";

/** An event as the API serves it. */
export interface EventItem {
  specversion: string;
  id: string;
  source: string;
  type: string;
  subject: string;
  datacontenttype: string;
  time: string;
  data_base64: string;
  /** The payload decoded: parsed JSON when it is JSON, else the text. */
  data: unknown;
  namespace: string;
  extensions: Record<string, string>;
  headers: Record<string, string>;
  replayof?: string;
  size: number;
  receivedAt: string;
}

/** Query of {@link EventStore.list}. */
export interface EventQuery {
  namespace?: string | undefined;
  source?: string | undefined;
  subject?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Persists and reads events. */
export class EventStore {
  constructor(private readonly db: Db) {}

  /** Store observed events; ids already stored in their namespace are skipped (at-least-once history). */
  async record(events: readonly ObservedEvent[]): Promise<number> {
    const rows: Prisma.EventCreateManyInput[] = [];
    const seenInBatch = new Set<string>();
    for (const observed of events) {
      const event = decodeCloudEvent(observed.body);
      if (!event) continue;
      const key = `${observed.namespace}/${event.id}`;
      if (seenInBatch.has(key)) continue;
      seenInBatch.add(key);
      const text = new TextDecoder().decode(event.data);
      const { replayof, ...extensions } = event.extensions;
      rows.push({
        namespace: observed.namespace,
        eventId: event.id,
        source: event.source,
        subject: event.subject,
        type: event.type,
        specversion: event.specversion,
        datacontenttype: event.datacontenttype,
        time: event.time,
        dataBase64: Buffer.from(event.data).toString("base64"),
        data: text,
        extensions: JSON.stringify(extensions),
        headers: JSON.stringify(observed.headers),
        replayOf: replayof ?? null,
        size: event.data.byteLength,
        busSeq: observed.sequence,
        receivedAt: new Date(observed.storedAt),
      });
    }
    if (rows.length === 0) return 0;
    return this.db.$transaction(async (tx) => {
      const existing = await tx.event.findMany({
        where: { OR: groupByNamespace(rows).map(([namespace, ids]) => ({ namespace, eventId: { in: ids } })) },
        select: { namespace: true, eventId: true },
      });
      const known = new Set(existing.map((row) => `${row.namespace}/${row.eventId}`));
      const fresh = rows.filter((row) => !known.has(`${row.namespace}/${row.eventId}`));
      if (fresh.length > 0) await tx.event.createMany({ data: fresh });
      return fresh.length;
    });
  }

  /** Newest first; `nextCursor` is set when more items exist. */
  async list(query: EventQuery): Promise<{ items: EventItem[]; nextCursor: string | null }> {
    const before = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.db.event.findMany({
      where: {
        ...(query.namespace ? { namespace: query.namespace } : {}),
        ...(query.source ? { source: query.source } : {}),
        ...(query.subject ? { subject: query.subject } : {}),
        ...(before !== undefined ? { seq: { lt: before } } : {}),
      },
      orderBy: { seq: "desc" },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return { items: page.map(toItem), nextCursor: rows.length > query.limit && last ? encodeCursor(last.seq) : null };
  }

  /** One event by id (optionally within a namespace). */
  async get(id: string, namespace?: string): Promise<EventItem | undefined> {
    const row = await this.db.event.findFirst({ where: { eventId: id, ...(namespace ? { namespace } : {}) } });
    return row ? toItem(row) : undefined;
  }
}

function groupByNamespace(rows: readonly { namespace: string; eventId: string }[]): [string, string[]][] {
  const groups = new Map<string, string[]>();
  for (const row of rows) {
    const ids = groups.get(row.namespace) ?? [];
    ids.push(row.eventId);
    groups.set(row.namespace, ids);
  }
  return [...groups];
}

/** Opaque cursor over the insertion sequence. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`e:${seq}`).toString("base64url");
}

/** Inverse of {@link encodeCursor}; `undefined` for a malformed cursor. */
export function decodeCursor(cursor: string): number | undefined {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  const match = /^e:(\d+)$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

/** Parse decoded payload text as JSON when possible. */
export function decodeData(text: string, contentType: string): unknown {
  if (contentType === "" || contentType.includes("json")) {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
  return text;
}

function toItem(row: {
  namespace: string; eventId: string; source: string; subject: string; type: string; specversion: string; datacontenttype: string;
  time: string; dataBase64: string; data: string; extensions: string; headers: string; replayOf: string | null; size: number; receivedAt: Date;
}): EventItem {
  return {
    specversion: row.specversion,
    id: row.eventId,
    source: row.source,
    type: row.type,
    subject: row.subject,
    datacontenttype: row.datacontenttype,
    time: row.time,
    data_base64: row.dataBase64,
    data: decodeData(row.data, row.datacontenttype),
    namespace: row.namespace,
    extensions: JSON.parse(row.extensions) as Record<string, string>,
    headers: JSON.parse(row.headers) as Record<string, string>,
    ...(row.replayOf ? { replayof: row.replayOf } : {}),
    size: row.size,
    receivedAt: row.receivedAt.toISOString(),
  };
}
