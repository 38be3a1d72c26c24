import { randomBytes } from "node:crypto";
import pg from "pg";
import { openDb } from "../db/client.ts";
import { migrate } from "../db/migrate.ts";
import { describeStorage } from "./testing/storageSuite.ts";

const adminUrl = process.env.SIGNALBOX_TEST_DATABASE_URL;
if (!adminUrl) throw new Error("SIGNALBOX_TEST_DATABASE_URL is not set: the integration globalSetup starts PostgreSQL");

async function createDatabase(): Promise<string> {
  const name = `sb_test_${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return url.toString();
}

describeStorage("PostgreSQL", {
  async open() {
    const url = await createDatabase();
    await migrate(url);
    const { db, provider } = openDb(url);
    return { db, url, provider, close: () => db.$disconnect() };
  },
  async dump(url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
    let out = "";
    for (const { tablename } of tables.rows) {
      const rows = await client.query(`SELECT * FROM "${tablename}"`);
      out += JSON.stringify(rows.rows);
    }
    await client.end();
    return out;
  },
});
