/**
 * On-disk layout of the embedded bus. The file is the bus's own (never the metadata database), in WAL mode, so a
 * crash of the process loses nothing that was committed.
 */
import type BetterSqlite3 from "better-sqlite3";

/** Bumped when the layout changes; a file written by a newer layout is refused. */
export const EMBEDDED_LAYOUT_VERSION = 1;

/** Create tables and pragmas; refuse a file from a newer Signalbox. */
export function prepareDatabase(db: BetterSqlite3.Database, synchronous: "FULL" | "NORMAL"): void {
  db.pragma("journal_mode = WAL");
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma("busy_timeout = 5000");
  db.exec(`
    CREATE TABLE IF NOT EXISTS bus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS messages (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      stream TEXT NOT NULL,
      subject TEXT NOT NULL,
      msg_id TEXT NOT NULL,
      headers TEXT NOT NULL,
      body BLOB NOT NULL,
      stored_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS messages_stream_seq ON messages (stream, seq);
    CREATE TABLE IF NOT EXISTS consumers (
      stream TEXT NOT NULL,
      durable TEXT NOT NULL,
      ack_floor INTEGER NOT NULL,
      created_at INTEGER NOT NULL,
      PRIMARY KEY (stream, durable)
    );
    CREATE TABLE IF NOT EXISTS kv (
      bucket TEXT NOT NULL,
      key TEXT NOT NULL,
      value BLOB NOT NULL,
      PRIMARY KEY (bucket, key)
    );
  `);
  const row = db.prepare("SELECT value FROM bus_meta WHERE key = 'layout'").get() as { value: string } | undefined;
  const version = row ? Number(row.value) : 0;
  if (version > EMBEDDED_LAYOUT_VERSION) {
    throw new Error(
      `the bus file was written by a newer Signalbox (layout ${version}, this binary knows ${EMBEDDED_LAYOUT_VERSION})`,
    );
  }
  if (version < EMBEDDED_LAYOUT_VERSION) {
    db.prepare("INSERT OR REPLACE INTO bus_meta (key, value) VALUES ('layout', ?)").run(String(EMBEDDED_LAYOUT_VERSION));
  }
}

/** A stored message as read back from the file. */
export interface StoredRow {
  seq: number;
  subject: string;
  msg_id: string;
  headers: string;
  body: Buffer;
  stored_at: number;
}
