/**
 * A real Signalbox app for tests — storage, engine, buses, API — on SQLite in a temporary data dir, or on a fresh
 * PostgreSQL database when given its URL. Nothing is mocked. Close it with `await using` or `close()`.
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import type { FastifyInstance } from "fastify";
import { configSchema, type Config } from "../config.ts";
import { createApp, type AppContext } from "../engine.ts";
import { buildHttpServer } from "../http.ts";
import { createLogger } from "../logger.ts";

/** A running test app. */
export interface TestApp extends AsyncDisposable {
  app: AppContext;
  dataDir: string;
  close(): Promise<void>;
}

/** Create a fresh PostgreSQL database under an admin URL; returns its URL. */
export async function freshPostgresDatabase(adminUrl: string): Promise<string> {
  const name = `sb_test_${randomBytes(5).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  await client.query(`CREATE DATABASE ${name}`);
  await client.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Start an app. */
export async function startTestApp(options: { databaseUrl?: string | undefined; config?: Record<string, unknown>; dataDir?: string } = {}): Promise<TestApp> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), "sb-app-"));
  const config: Config = configSchema.parse({ dataDir, port: 0, logLevel: "error", ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}), ...options.config });
  const app = await createApp(config, createLogger({ level: "silent", format: "json" }));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return { app, dataDir, close, [Symbol.asyncDispose]: close };
}

/** The app's HTTP server listening on a free loopback port. */
export async function listen(app: AppContext): Promise<{ server: FastifyInstance; url: string }> {
  const server = await buildHttpServer(app);
  await server.listen({ host: "127.0.0.1", port: 0 });
  const address = server.server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${address.port}` };
}
