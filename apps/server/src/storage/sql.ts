/**
 * The little raw SQL the server writes by hand (search, outcome upserts, retention), in one form for SQLite and
 * PostgreSQL: placeholders and timestamp literals differ, nothing else does.
 */
import type { DatabaseProvider } from "../db/client.ts";

/** Collects bound parameters and renders their placeholders (`?` on SQLite, `$n` on PostgreSQL). */
export class SqlParams {
  readonly values: unknown[] = [];

  constructor(readonly provider: DatabaseProvider) {}

  /** Bind a value; returns its placeholder. */
  add(value: unknown): string {
    this.values.push(value);
    return this.provider === "postgresql" ? `$${this.values.length}` : "?";
  }

  /** Bind a timestamp as the column stores it. */
  time(value: Date): string {
    if (this.provider === "postgresql") return `${this.add(value.toISOString())}::timestamp`;
    // Prisma's SQLite adapter stores DateTime as ISO-8601 text with a `+00:00` offset; compare like with like.
    return this.add(sqliteTime(value));
  }
}

/** A timestamp as Prisma's SQLite adapter writes it (`2026-11-27T03:21:40.801+00:00`), so text comparison orders it. */
export function sqliteTime(value: Date): string {
  return value.toISOString().replace("Z", "+00:00");
}

/** A count from a raw query (PostgreSQL answers `bigint`). */
export function toCount(value: unknown): number {
  if (typeof value === "bigint") return Number(value);
  if (typeof value === "number") return value;
  if (typeof value === "string") return Number(value);
  return 0;
}

/** How a column's values are bound in {@link insertRows}. */
export type ColumnKind = "text" | "int" | "bool" | "time";

/** A multi-row INSERT: the table, its columns, and what follows the VALUES list (ON CONFLICT …, RETURNING …). */
export interface InsertSpec {
  table: string;
  columns: readonly (readonly [name: string, kind: ColumnKind])[];
  /** SQL after the VALUES list, e.g. `ON CONFLICT ("runId") DO NOTHING`. */
  tail?: string;
}

/** Parameters per statement: under SQLite's (32,766) and PostgreSQL's (65,535) limits with room to spare. */
const MAX_PARAMS_PER_STATEMENT = 16_000;

/**
 * Render one multi-row INSERT per chunk of `rows` (each row's values in `spec.columns` order). The history's
 * hot-path writes use this instead of Prisma's `createMany`/`update`: one statement per batch, with no per-row query
 * building, costs a fraction of the CPU per event (see docs/performance.md).
 */
export function insertStatements(
  provider: DatabaseProvider,
  spec: InsertSpec,
  rows: readonly (readonly unknown[])[],
): { sql: string; values: unknown[] }[] {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / spec.columns.length));
  const names = spec.columns.map(([name]) => `"${name}"`).join(", ");
  const statements: { sql: string; values: unknown[] }[] = [];
  for (let start = 0; start < rows.length; start += perStatement) {
    const params = new SqlParams(provider);
    const tuples = rows.slice(start, start + perStatement).map((row) => {
      const cells = spec.columns.map(([, kind], index) => bind(params, kind, row[index]));
      return `(${cells.join(", ")})`;
    });
    statements.push({
      sql: `INSERT INTO "${spec.table}" (${names}) VALUES ${tuples.join(", ")}${spec.tail ? ` ${spec.tail}` : ""}`,
      values: params.values,
    });
  }
  return statements;
}

function bind(params: SqlParams, kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return params.add(null);
  switch (kind) {
    case "time":
      return params.time(value instanceof Date ? value : new Date(value as number));
    case "bool":
      // better-sqlite3 binds no booleans; Prisma's SQLite schema stores them as 0/1.
      return params.add(params.provider === "postgresql" ? value === true : value === true ? 1 : 0);
    case "int":
    case "text":
      return params.add(value);
    default: {
      const exhaustive: never = kind;
      return exhaustive;
    }
  }
}
