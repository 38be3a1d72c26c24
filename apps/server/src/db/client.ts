/**
 * The Prisma client for the configured database. One schema source generates a client per provider; both have
 * the same models and methods, so the rest of the server is written once against {@link Db}.
 *
 * Only the SQLite client is loaded up front: the PostgreSQL client and its adapter (several MB of code) are
 * imported by {@link loadDriver} when a postgresql URL is used — {@link openDatabase} and `migrate()` do that.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";
import type * as PostgresDriver from "./postgresql.ts";

/** The client type the server codes against. */
export type Db = SqliteClient;

/** Which database a URL selects. */
export type DatabaseProvider = "sqlite" | "postgresql";

/** `postgresql://…`/`postgres://…` → PostgreSQL; `file:…` or a path → SQLite. */
export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

let postgres: typeof PostgresDriver | undefined;

/** Load what a URL's provider needs beyond SQLite (the PostgreSQL client and adapter); idempotent. */
export async function loadDriver(url: string): Promise<void> {
  if (providerOf(url) === "postgresql") postgres ??= await import("./postgresql.ts");
}

/**
 * Open a client. For SQLite, `url` is `file:/abs/path.db`. A postgresql URL needs its driver loaded first
 * ({@link loadDriver}; `migrate(url)` does it), or use {@link openDatabase}.
 */
export function openDb(url: string): { db: Db; provider: DatabaseProvider } {
  if (providerOf(url) === "postgresql") {
    if (!postgres) throw new Error("the PostgreSQL driver is not loaded: await loadDriver(url) (or migrate(url)) before openDb(url)");
    // Both clients come from one schema (see prisma/schema.prisma): their model APIs are identical, only the
    // nominal class differs. This is the single place where one stands for the other.
    return { db: postgres.openPostgres(url) as unknown as Db, provider: "postgresql" };
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) });
  return { db, provider: "sqlite" };
}

/** {@link loadDriver} then {@link openDb}. */
export async function openDatabase(url: string): Promise<{ db: Db; provider: DatabaseProvider }> {
  await loadDriver(url);
  return openDb(url);
}
