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
