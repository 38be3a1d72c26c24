/**
 * The Prisma client for the configured database. One schema source generates a client per provider; both have
 * the same models and methods, so the rest of the server is written once against {@link Db}.
 */
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "../generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "../generated/sqlite/client.ts";

/** The client type the server codes against. */
export type Db = SqliteClient;

/** Which database a URL selects. */
export type DatabaseProvider = "sqlite" | "postgresql";

/** `postgresql://…`/`postgres://…` → PostgreSQL; `file:…` or a path → SQLite. */
export function providerOf(url: string): DatabaseProvider {
  return /^postgres(ql)?:\/\//.test(url) ? "postgresql" : "sqlite";
}

/** Open a client. For SQLite, `url` is `file:/abs/path.db`. */
export function openDb(url: string): { db: Db; provider: DatabaseProvider } {
  if (providerOf(url) === "postgresql") {
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
    // Both clients come from one schema (see prisma/schema.prisma): their model APIs are identical, only the
    // nominal class differs. This is the single place where one stands for the other.
    return { db: client as unknown as Db, provider: "postgresql" };
  }
  const db = new SqliteClient({ adapter: new PrismaBetterSqlite3({ url }) });
  return { db, provider: "sqlite" };
}
