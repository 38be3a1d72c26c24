/**
 * Forward-only SQL migrations per provider, applied at start and recorded in `_signalbox_migrations`.
 * The SQLite file is copied aside before a migration runs; a database that has migrations this binary does not
 * know (written by a newer Signalbox) is refused.
 */
import { copyFileSync, existsSync, readdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { loadDriver, providerOf } from "./client.ts";

/**
 * `prisma/migrations` of the checkout this module runs from: the nearest one above this file, so the same code
 * finds it from `apps/server/src/db` (sources run through tsx) and from a bundle elsewhere in the tree.
 */
const migrationsRoot = findMigrationsRoot(dirname(fileURLToPath(import.meta.url)));

function findMigrationsRoot(from: string): string {
  for (let dir = from; ; ) {
    const candidate = join(dir, "prisma/migrations");
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return join(from, "../../../../prisma/migrations");
    dir = parent;
  }
}

/** A migration file of this binary. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** Migrations this binary ships for a provider, in order. */
export function knownMigrations(provider: "sqlite" | "postgresql", root = migrationsRoot): Migration[] {
  const dir = join(root, provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

/** Thrown when the database is newer than this binary or a migration fails. */
export class MigrationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "MigrationError";
  }
}

/** Options of {@link migrate}. */
export interface MigrateOptions {
  /** Folder holding `<provider>/<timestamp>_<name>/migration.sql` (tests point it elsewhere). */
  migrationsDir?: string;
  now?: () => Date;
}

/** Apply pending migrations; returns the names applied. Also loads the URL's driver, so `openDb(url)` can follow. */
export async function migrate(url: string, options: MigrateOptions = {}): Promise<string[]> {
  if (providerOf(url) === "sqlite") return migrateSqlite(url, options);
  const [applied] = await Promise.all([migratePostgres(url, options), loadDriver(url)]);
  return applied;
}

function checkNewer(applied: string[], known: Migration[]): void {
  const names = new Set(known.map((m) => m.name));
  const unknown = applied.filter((name) => !names.has(name));
  if (unknown.length > 0) {
    throw new MigrationError(
      `the database was migrated by a newer Signalbox (unknown migrations: ${unknown.join(", ")}); upgrade this binary`,
    );
  }
}

function migrateSqlite(url: string, options: MigrateOptions): string[] {
  const file = url.replace(/^file:/, "");
  const existed = existsSync(file);
  const db = new Database(file);
  try {
    db.pragma("journal_mode = WAL");
    db.exec(`CREATE TABLE IF NOT EXISTS "_signalbox_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TEXT NOT NULL)`);
    const applied = (db.prepare(`SELECT name FROM "_signalbox_migrations" ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
    const known = knownMigrations("sqlite", options.migrationsDir);
    checkNewer(applied, known);
    const pending = known.filter((m) => !applied.includes(m.name));
    if (pending.length === 0) return [];
    if (existed && applied.length > 0) {
      db.pragma("wal_checkpoint(TRUNCATE)");
      const stamp = (options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, "-");
      copyFileSync(file, `${file}.backup-${stamp}`);
    }
    for (const migration of pending) {
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare(`INSERT INTO "_signalbox_migrations" (name, checksum, appliedAt) VALUES (?, ?, ?)`).run(migration.name, migration.checksum, new Date().toISOString());
      })();
    }
    return pending.map((m) => m.name);
  } catch (error) {
    if (error instanceof MigrationError) throw error;
    throw new MigrationError(`migrating ${file} failed: ${(error as Error).message}`, { cause: error });
  } finally {
    db.close();
  }
}

async function migratePostgres(url: string, options: MigrateOptions): Promise<string[]> {
  const { default: pg } = await import("pg");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time across processes sharing the database.
    await client.query("SELECT pg_advisory_lock(727274)");
    await client.query(`CREATE TABLE IF NOT EXISTS "_signalbox_migrations" ("name" TEXT PRIMARY KEY, "checksum" TEXT NOT NULL, "appliedAt" TIMESTAMP(3) NOT NULL)`);
    const applied = (await client.query<{ name: string }>(`SELECT name FROM "_signalbox_migrations" ORDER BY name`)).rows.map((r) => r.name);
    const known = knownMigrations("postgresql", options.migrationsDir);
    checkNewer(applied, known);
    const pending = known.filter((m) => !applied.includes(m.name));
    for (const migration of pending) {
      await client.query("BEGIN");
      try {
        await client.query(migration.sql);
        await client.query(`INSERT INTO "_signalbox_migrations" (name, checksum, "appliedAt") VALUES ($1, $2, now())`, [migration.name, migration.checksum]);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new MigrationError(`migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
    }
    return pending.map((m) => m.name);
  } finally {
    await client.query("SELECT pg_advisory_unlock(727274)").catch(() => undefined);
    await client.end();
  }
}
