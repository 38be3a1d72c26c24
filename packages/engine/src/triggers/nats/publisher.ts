/**
 * Sends prepared NATS publishes: one connection per (url, credentials, TLS), shared by every nats trigger of the
 * process, opened on first use, reconnecting by itself, closed after {@link IDLE_CLOSE_MS} without use. Loaded
 * lazily by `triggers/nats.ts` (it pulls in `@nats-io/transport-node`).
 */
import { createHash } from "node:crypto";
import type { NatsConnection } from "@nats-io/transport-node";
import { errorMessage } from "../../errors.ts";
import { openNatsConnection } from "../../sources/nats/connect.ts";
import type { Clock } from "../../host.ts";
import type { AttemptResult, ExecuteContext, PreparedNatsPublish } from "../types.ts";

/** How long a publish waits for the server's round trip (it waits through a reconnect). */
const FLUSH_TIMEOUT_MS = 10_000;
/** A connection unused this long is closed. */
const IDLE_CLOSE_MS = 5 * 60_000;

interface PooledConnection {
  connection: Promise<NatsConnection>;
  lastUsed: number;
}

const pool = new Map<string, PooledConnection>();
/** The clock of the latest use, for idle times. */
let clock: Clock | undefined;
let reaper: ReturnType<typeof setInterval> | undefined;

/** Publish one message and wait until the server has processed it. */
export async function publishNats(action: PreparedNatsPublish, context: ExecuteContext): Promise<AttemptResult> {
  clock = context.clock;
  let connection: NatsConnection;
  try {
    connection = await connectionFor(action, context.clock.now());
  } catch (error) {
    return { ok: false, error: `cannot connect to NATS at ${action.url}: ${errorMessage(error)}`, retriable: true };
  }
  try {
    connection.publish(action.subject, new TextEncoder().encode(action.payload));
  } catch (error) {
    // An invalid subject or a payload over the server's max_payload: another attempt would fail the same way.
    return { ok: false, error: `NATS publish on ${action.subject} failed: ${errorMessage(error)}`, retriable: false };
  }
  try {
    await withTimeout(connection.flush(), FLUSH_TIMEOUT_MS, context.signal);
  } catch (error) {
    return {
      ok: false,
      error: `NATS publish on ${action.subject} not confirmed: ${errorMessage(error)}`,
      retriable: true,
    };
  }
  return {
    ok: true,
    retriable: false,
    responseExcerpt: `published ${action.payload.length} bytes on ${action.subject}`,
  };
}

/** Close every pooled connection (tests, shutdown). */
export async function closeNatsTriggerConnections(): Promise<void> {
  const entries = [...pool.values()];
  pool.clear();
  await Promise.allSettled(entries.map(async (entry) => (await entry.connection).close()));
}

async function connectionFor(action: PreparedNatsPublish, now: number): Promise<NatsConnection> {
  const key = createHash("sha256")
    .update(JSON.stringify([action.url, action.auth ?? null, action.tls ?? null]))
    .digest("hex");
  const existing = pool.get(key);
  if (existing) {
    existing.lastUsed = now;
    try {
      const connection = await existing.connection;
      if (!connection.isClosed()) return connection;
    } catch {
      // The last attempt to connect failed: try again below.
    }
    if (pool.get(key) === existing) pool.delete(key);
  }
  const entry: PooledConnection = {
    connection: openNatsConnection({
      url: action.url,
      auth: action.auth,
      tls: action.tls,
      name: "signalbox-nats-trigger",
    }),
    lastUsed: now,
  };
  pool.set(key, entry);
  startReaper();
  try {
    return await entry.connection;
  } catch (error) {
    if (pool.get(key) === entry) pool.delete(key);
    throw error;
  }
}

function startReaper(): void {
  if (reaper) return;
  reaper = setInterval(() => {
    if (!clock) return;
    const now = clock.now();
    for (const [key, entry] of pool) {
      if (now - entry.lastUsed < IDLE_CLOSE_MS) continue;
      pool.delete(key);
      entry.connection.then((connection) => connection.close()).catch(() => undefined);
    }
    if (pool.size === 0 && reaper) {
      clearInterval(reaper);
      reaper = undefined;
    }
  }, 60_000);
  reaper.unref();
}

function withTimeout<T>(promise: Promise<T>, ms: number, signal: AbortSignal | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    const onAbort = () => reject(new Error("aborted"));
    signal?.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        signal?.removeEventListener("abort", onAbort);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
