/**
 * Leader election between Signalbox processes that share a PostgreSQL database: the leader holds a session-level
 * advisory lock on a dedicated connection. If the leader dies, its connection drops, the lock is released, and a
 * follower takes over at its next attempt (every `retryMs`, default 2 s — well within the 15 s failover target).
 * With SQLite there is only ever one process (the data-dir lock), so it is always the leader.
 */
import pg from "pg";
import { errorMessage, type Logger } from "@signalbox/engine";
import { providerOf } from "./db/client.ts";

/** Arbitrary constant key of the leadership lock (another Signalbox DB on the same server uses its own database). */
const LEADER_LOCK_KEY = 727_275;

/** A running election. */
export interface LeaderElection {
  isLeader(): boolean;
  stop(): Promise<void>;
}

/** Start electing; `onChange` is called whenever leadership is gained or lost. */
export function startLeaderElection(options: {
  databaseUrl: string;
  logger: Logger;
  onChange: (leader: boolean) => Promise<void>;
  retryMs?: number;
}): LeaderElection {
  if (providerOf(options.databaseUrl) !== "postgresql") {
    return { isLeader: () => true, stop: async () => undefined };
  }
  const retryMs = options.retryMs ?? 2_000;
  let leader = false;
  let stopped = false;
  let client: pg.Client | undefined;
  let timer: NodeJS.Timeout | undefined;
  let chain: Promise<void> = Promise.resolve();

  const setLeader = (next: boolean) => {
    if (next === leader) return;
    leader = next;
    chain = chain.then(() => options.onChange(next)).catch((error: unknown) => options.logger.error("leadership change failed", { error: errorMessage(error) }));
  };

  const dropClient = async () => {
    const old = client;
    client = undefined;
    await old?.end().catch(() => undefined);
  };

  const attempt = async () => {
    if (stopped) return;
    try {
      if (!client) {
        const next = new pg.Client({ connectionString: options.databaseUrl, application_name: "signalbox-leader" });
        next.on("error", (error) => {
          options.logger.warn("leader election connection lost", { error: errorMessage(error) });
          setLeader(false);
          void dropClient();
        });
        await next.connect();
        client = next;
      }
      if (leader) {
        // Still holding the lock as long as the session lives: a cheap round trip proves it.
        await client.query("SELECT 1");
      } else {
        const result = await client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1) AS locked", [LEADER_LOCK_KEY]);
        if (result.rows[0]?.locked) setLeader(true);
      }
    } catch (error) {
      options.logger.warn("leader election attempt failed", { error: errorMessage(error) });
      setLeader(false);
      await dropClient();
    } finally {
      if (!stopped) timer = setTimeout(() => void attempt(), retryMs);
    }
  };
  void attempt();

  return {
    isLeader: () => leader,
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await chain;
      await dropClient();
    },
  };
}
