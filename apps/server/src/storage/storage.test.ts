import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { describeStorage } from "./testing/storageSuite.ts";

describeStorage("SQLite", {
  async open() {
    const dir = mkdtempSync(join(tmpdir(), "sb-storage-"));
    const url = `file:${join(dir, "test.db")}`;
    await migrate(url);
    const { db } = openDb(url);
    return { db, url, close: () => db.$disconnect() };
  },
  async dump(url) {
    const file = url.replace(/^file:/, "");
    const dir = join(file, "..");
    // The database file and its WAL: everything SQLite has written.
    return readdirSync(dir)
      .filter((name) => name.startsWith("test.db"))
      .map((name) => readFileSync(join(dir, name)).toString("latin1"))
      .join("\n");
  },
});
