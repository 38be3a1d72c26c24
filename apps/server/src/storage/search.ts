/**
 * Event search: one filter (namespace, source, subject, type, sensor, trigger, outcome, time range, JSON match on
 * the decoded payload) compiled to the same SQL meaning on SQLite (`json_extract`) and PostgreSQL (`jsonb`).
 *
 * A match `body.customer=ann` holds when the value at that path of the decoded payload is the JSON string `"ann"`,
 * or a number equal to `ann` read as a number, or `true`/`false`/`null` spelled so. Objects and arrays never match.
 * Path segments are object keys; an all-digit segment indexes an array. Both databases evaluate the path strictly
 * (no array unwrapping), so they answer alike.
 */
import type { DatabaseProvider, Db } from "../db/client.ts";
import { SqlParams, toCount } from "./sql.ts";

/** Outcomes of an event for a sensor's trigger. */
export const outcomes = ["fired", "filtered", "failed", "pending", "interrupted"] as const;
export type Outcome = (typeof outcomes)[number];

/** What to search for; every field narrows. */
export interface EventFilter {
  namespace?: string | undefined;
  source?: string | undefined;
  subject?: string | undefined;
  type?: string | undefined;
  /** Events that reached this sensor (with `trigger`: that trigger of it). */
  sensor?: string | undefined;
  trigger?: string | undefined;
  /** Events with this outcome for some trigger (the one named by sensor/trigger, when given). */
  outcome?: Outcome | undefined;
  /** Stored at or after (RFC 3339 UTC). */
  from?: string | undefined;
  /** Stored before (RFC 3339 UTC). */
  to?: string | undefined;
  /** `path=value` matches on the decoded payload, all of which must hold. */
  match?: readonly string[] | undefined;
  /** Replays of this event id. */
  replayOf?: string | undefined;
}

/** A parsed `path=value`. */
export interface JsonMatch {
  path: (string | number)[];
  value: string;
}

const SEGMENT = /^[A-Za-z0-9_\-@$:]+$/;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/;

/** Parse `a.b.0.c=value`; an error message when it is malformed. */
export function parseMatch(text: string): JsonMatch | string {
  const at = text.indexOf("=");
  if (at <= 0) return `match "${text}" must be path=value`;
  const path = text.slice(0, at);
  const segments = path.split(".");
  if (segments.length > 32) return `match path ${path} is too deep`;
  for (const segment of segments) {
    if (!SEGMENT.test(segment)) return `match path ${path}: segment "${segment}" may hold only letters, digits and _ - @ $ :`;
  }
  return { path: segments.map((segment) => (/^\d+$/.test(segment) && segment.length < 10 ? Number(segment) : segment)), value: text.slice(at + 1) };
}

function jsonPath(path: readonly (string | number)[], strict: boolean): string {
  const body = path.map((segment) => (typeof segment === "number" ? `[${segment}]` : `."${segment}"`)).join("");
  return `${strict ? "strict " : ""}$${body}`;
}

function matchSql(match: JsonMatch, params: SqlParams): string {
  const numeric = JSON_NUMBER.test(match.value) && Number.isFinite(Number(match.value));
  const literal = match.value === "true" || match.value === "false" || match.value === "null" ? match.value : undefined;
  if (params.provider === "postgresql") {
    const x = "m.x";
    const branches = [`(jsonb_typeof(${x}) = 'string' AND ${x} #>> '{}' = ${params.add(match.value)})`];
    if (numeric) branches.push(`(jsonb_typeof(${x}) = 'number' AND (${x} #>> '{}')::numeric = ${params.add(match.value)}::numeric)`);
    if (literal) branches.push(`(${x} = '${literal}'::jsonb)`);
    // PostgreSQL placeholders are numbered, so binding order need not follow the text.
    const pathParam = params.add(jsonPath(match.path, true));
    return `EXISTS (SELECT 1 FROM (SELECT jsonb_path_query_first(e."dataJson", ${pathParam}::jsonpath, '{}'::jsonb, true) AS x) m WHERE ${branches.join(" OR ")})`;
  }
  const path = jsonPath(match.path, false);
  // SQLite placeholders are positional: bind in the order they appear in the text.
  const typeOf = `json_type(e."data", ${params.add(path)})`;
  const whens = [`WHEN 'text' THEN json_extract(e."data", ${params.add(path)}) = ${params.add(match.value)}`];
  if (numeric) {
    whens.push(`WHEN 'integer' THEN json_extract(e."data", ${params.add(path)}) = ${params.add(Number(match.value))}`);
    whens.push(`WHEN 'real' THEN json_extract(e."data", ${params.add(path)}) = ${params.add(Number(match.value))}`);
  }
  if (literal) whens.push(`WHEN '${literal}' THEN 1`);
  // json_type raises on malformed JSON: CASE guarantees json_valid is checked first.
  return `(CASE WHEN json_valid(e."data") THEN (CASE ${typeOf} ${whens.join(" ")} ELSE 0 END) ELSE 0 END) = 1`;
}

/** The WHERE clause. SQLite placeholders are positional, so clauses are built in text order. */
function whereSql(filter: EventFilter, params: SqlParams, bounds: { beforeSeq?: number | undefined; afterSeq?: number | undefined; maxSeq?: number | undefined }): string {
  const clauses: string[] = [];
  if (filter.namespace) clauses.push(`e."namespace" = ${params.add(filter.namespace)}`);
  if (filter.source) clauses.push(`e."source" = ${params.add(filter.source)}`);
  if (filter.subject) clauses.push(`e."subject" = ${params.add(filter.subject)}`);
  if (filter.type) clauses.push(`e."type" = ${params.add(filter.type)}`);
  if (filter.replayOf) clauses.push(`e."replayOf" = ${params.add(filter.replayOf)}`);
  if (filter.from) clauses.push(`e."receivedAt" >= ${params.time(new Date(filter.from))}`);
  if (filter.to) clauses.push(`e."receivedAt" < ${params.time(new Date(filter.to))}`);
  if (bounds.beforeSeq !== undefined) clauses.push(`e."seq" < ${params.add(bounds.beforeSeq)}`);
  if (bounds.afterSeq !== undefined) clauses.push(`e."seq" > ${params.add(bounds.afterSeq)}`);
  if (bounds.maxSeq !== undefined) clauses.push(`e."seq" <= ${params.add(bounds.maxSeq)}`);
  if (filter.sensor || filter.trigger || filter.outcome) {
    const inner = [`o."namespace" = e."namespace"`, `o."eventId" = e."eventId"`];
    if (filter.sensor) inner.push(`o."sensor" = ${params.add(filter.sensor)}`);
    if (filter.trigger) inner.push(`o."trigger" = ${params.add(filter.trigger)}`);
    if (filter.outcome) inner.push(`o."outcome" = ${params.add(filter.outcome)}`);
    clauses.push(`EXISTS (SELECT 1 FROM "EventOutcome" o WHERE ${inner.join(" AND ")})`);
  }
  for (const text of filter.match ?? []) {
    const match = parseMatch(text);
    if (typeof match === "string") throw new RangeError(match);
    clauses.push(matchSql(match, params));
  }
  return clauses.length > 0 ? `WHERE ${clauses.join(" AND ")}` : "";
}

/** Sequence numbers of matching events: newest first before `beforeSeq`, or oldest first after `afterSeq`. */
export async function searchEventSeqs(
  db: Db,
  provider: DatabaseProvider,
  filter: EventFilter,
  page: { limit: number; beforeSeq?: number | undefined; afterSeq?: number | undefined; maxSeq?: number | undefined; order?: "asc" | "desc" },
): Promise<number[]> {
  const params = new SqlParams(provider);
  const where = whereSql(filter, params, page);
  const sql = `SELECT e."seq" AS seq FROM "Event" e ${where} ORDER BY e."seq" ${page.order === "asc" ? "ASC" : "DESC"} LIMIT ${params.add(page.limit)}`;
  const rows = await db.$queryRawUnsafe<{ seq: number | bigint }[]>(sql, ...params.values);
  return rows.map((row) => toCount(row.seq));
}

/** How many events match (up to `maxSeq`). */
export async function countEvents(db: Db, provider: DatabaseProvider, filter: EventFilter, bounds: { maxSeq?: number | undefined } = {}): Promise<number> {
  const params = new SqlParams(provider);
  const where = whereSql(filter, params, bounds);
  const rows = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT COUNT(*) AS n FROM "Event" e ${where}`, ...params.values);
  return toCount(rows[0]?.n);
}
