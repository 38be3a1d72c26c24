import { existsSync, mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrate } from "./migrate.ts";

function migrationsDir(names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "sb-migrations-"));
  for (const [index, name] of names.entries()) {
    mkdirSync(join(root, "sqlite", name), { recursive: true });
    writeFileSync(join(root, "sqlite", name, "migration.sql"), `CREATE TABLE t${index} (id INTEGER PRIMARY KEY);`);
  }
  return root;
}

describe("SQLite migrations", () => {
  it("applies the shipped migrations once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sb-migrate-")), "db.sqlite");
    expect((await migrate(`file:${file}`)).length).toBeGreaterThan(0);
    expect(await migrate(`file:${file}`)).toEqual([]);
  });

  it("backs the file up before migrating an existing database", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-migrate-"));
    const file = join(dir, "db.sqlite");
    await migrate(`file:${file}`, { migrationsDir: migrationsDir(["001_a"]) });
    expect(readdirSync(dir).some((name) => name.includes(".backup-"))).toBe(false);
    await migrate(`file:${file}`, { migrationsDir: migrationsDir(["001_a", "002_b"]) });
    expect(readdirSync(dir).some((name) => name.includes(".backup-"))).toBe(true);
  });

  it("refuses a database migrated by a newer Signalbox", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "sb-migrate-")), "db.sqlite");
    await migrate(`file:${file}`, { migrationsDir: migrationsDir(["001_a", "002_b"]) });
    await expect(migrate(`file:${file}`, { migrationsDir: migrationsDir(["001_a"]) })).rejects.toThrow(/newer Signalbox/);
    const db = new Database(file);
    expect(existsSync(file)).toBe(true);
    db.close();
  });
});
