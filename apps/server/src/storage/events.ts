/**
 * Event history: every CloudEvent seen on a bus, stored with its payload decoded, plus the explain records and
 * trigger runs that followed it. Reads are newest first with a stable cursor (the insertion sequence).
 */
import { decodeCloudEvent, type ObservedEvent } from "@signalbox/engine";
import type { DatabaseProvider, Db } from "../db/client.ts";
import type { Prisma } from "../generated/sqlite/client.ts";
import { countEvents, searchEventSeqs, type EventFilter } from "./search.ts";
import { insertStatements, type InsertSpec } from "./sql.ts";

/** Events already stored in their namespace are skipped: the history is at-least-once with the bus. */
const EVENT_INSERT: InsertSpec = {
  table: "Event",
  columns: [
    ["namespace", "text"],
    ["eventId", "text"],
    ["source", "text"],
    ["subject", "text"],
    ["type", "text"],
    ["specversion", "text"],
    ["datacontenttype", "text"],
    ["time", "text"],
    ["dataBase64", "text"],
    ["data", "text"],
    ["extensions", "text"],
    ["headers", "text"],
    ["replayOf", "text"],
    ["size", "int"],
    ["busSeq", "int"],
    ["receivedAt", "time"],
  ],
  tail: `ON CONFLICT ("namespace", "eventId") DO NOTHING RETURNING "namespace", "eventId"`,
};

type EventRow = Omit<Prisma.EventCreateManyInput, "receivedAt"> & { receivedAt: Date };

function eventRow(row: EventRow): unknown[] {
  return [row.namespace, row.eventId, row.source, row.subject, row.type, row.specversion, row.datacontenttype, row.time, row.dataBase64, row.data, row.extensions, row.headers, row.replayOf ?? null, row.size, row.busSeq, row.receivedAt];
}

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

/** Query of {@link EventStore.list}: a search filter and a page. */
export interface EventQuery extends EventFilter {
  limit: number;
  cursor?: string | undefined;
}

/** Persists and reads events. */
export class EventStore {
  private readonly provider: DatabaseProvider;
  /** Inserts run one at a time, so sequence numbers become visible in order: a page cursor never skips a late commit. */
  private inserting: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly db: Db,
    options: { provider: DatabaseProvider },
  ) {
    this.provider = options.provider;
  }

  /**
   * Store observed events; ids already stored in their namespace are skipped (at-least-once history). Returns the
   * events that were new, as the API serves them.
   */
  record(events: readonly ObservedEvent[]): Promise<EventItem[]> {
    const next = this.inserting.then(() => this.insert(events));
    this.inserting = next.catch(() => undefined);
    return next;
  }

  private async insert(events: readonly ObservedEvent[]): Promise<EventItem[]> {
    const rows: EventRow[] = [];
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
    if (rows.length === 0) return [];
    const statements = insertStatements(this.provider, EVENT_INSERT, rows.map(eventRow));
    const inserted = await this.db.$transaction(async (tx) => {
      // Several processes may share a PostgreSQL database: one inserter at a time keeps sequences in commit order.
      // Two-key form: its key space never meets the single-key locks of migrations and leader election.
      if (this.provider === "postgresql") await tx.$executeRawUnsafe("SELECT pg_advisory_xact_lock(7272, 1)");
      const keys: { namespace: string; eventId: string }[] = [];
      for (const statement of statements) keys.push(...(await tx.$queryRawUnsafe<{ namespace: string; eventId: string }[]>(statement.sql, ...statement.values)));
      return new Set(keys.map((key) => `${key.namespace}/${key.eventId}`));
    });
    const fresh = rows.filter((row) => inserted.has(`${row.namespace}/${row.eventId}`));
    return fresh.map((row) => toItem({ ...row, replayOf: row.replayOf ?? null, receivedAt: row.receivedAt }));
  }

  /** Newest first; `nextCursor` is set when more items exist. A malformed cursor is a RangeError. */
  async list(query: EventQuery): Promise<{ items: EventItem[]; nextCursor: string | null }> {
    let beforeSeq: number | undefined;
    if (query.cursor) {
      beforeSeq = decodeCursor(query.cursor);
      if (beforeSeq === undefined) throw new RangeError("cursor is not one this API returned");
    }
    const { limit, cursor: _cursor, ...filter } = query;
    const seqs = await searchEventSeqs(this.db, this.provider, filter, { limit: limit + 1, beforeSeq });
    const pageSeqs = seqs.slice(0, limit);
    const items = await this.bySeqs(pageSeqs);
    const last = pageSeqs[pageSeqs.length - 1];
    return { items: items.map((entry) => entry.item), nextCursor: seqs.length > limit && last !== undefined ? encodeCursor(last) : null };
  }

  /** Matching events, oldest first, after `afterSeq` and up to `maxSeq` (bulk replay walks the history so). */
  async scan(filter: EventFilter, page: { afterSeq: number; maxSeq: number; limit: number }): Promise<{ seq: number; item: EventItem }[]> {
    const seqs = await searchEventSeqs(this.db, this.provider, filter, { ...page, order: "asc" });
    return (await this.bySeqs(seqs)).reverse();
  }

  /** How many events match (up to `maxSeq`). */
  count(filter: EventFilter, maxSeq?: number): Promise<number> {
    return countEvents(this.db, this.provider, filter, { maxSeq });
  }

  /** The highest sequence stored (0 when empty). */
  async lastSeq(): Promise<number> {
    const row = await this.db.event.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
    return row?.seq ?? 0;
  }

  /** Events by sequence number, newest first. */
  private async bySeqs(seqs: readonly number[]): Promise<{ seq: number; item: EventItem }[]> {
    if (seqs.length === 0) return [];
    const rows = await this.db.event.findMany({ where: { seq: { in: [...seqs] } }, orderBy: { seq: "desc" } });
    return rows.map((row) => ({ seq: row.seq, item: toItem(row) }));
  }

  /** One event by id (optionally within a namespace). */
  async get(id: string, namespace?: string): Promise<EventItem | undefined> {
    const row = await this.db.event.findFirst({ where: { eventId: id, ...(namespace ? { namespace } : {}) } });
    return row ? toItem(row) : undefined;
  }
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
