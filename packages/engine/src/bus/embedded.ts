/**
 * The embedded bus: a durable log in a SQLite file of its own (WAL mode), for one process with zero setup.
 *
 * - `publish` resolves after the message is committed (group commit), so a 2xx built on it is honest.
 * - Each durable consumer keeps its position in the same file and gets every message at least once.
 * - Several streams (one per namespace/EventBus) share one {@link EmbeddedLog}.
 *
 * @example
 * const log = openEmbeddedLog({ file: ".signalbox/bus.db", clock: systemClock, logger });
 * const bus = createEmbeddedBus({ log, stream: "default/default" });
 * await bus.publish({ id, eventSourceName: "webhook", eventName: "example", body, headers: {} });
 */
import { BusUnavailableError } from "../errors.ts";
import type { Clock } from "../host.ts";
import { EmbeddedConsumer } from "./embedded/consumer.ts";
import { EmbeddedLog, subjectOf, type EmbeddedLogOptions } from "./embedded/log.ts";
import type {
  BusHealth,
  BusMessage,
  EventBus,
  KeyValueStore,
  PublishResult,
  SubscribeOptions,
  Subscription,
} from "./types.ts";

export { EmbeddedLog, type EmbeddedLogOptions } from "./embedded/log.ts";

/** Open (or create) the bus file. Close it with `log.close()` after every bus on it is closed. */
export function openEmbeddedLog(options: EmbeddedLogOptions): EmbeddedLog {
  return new EmbeddedLog(options);
}

/** Options of one stream on an embedded log. */
export interface EmbeddedBusOptions {
  log: EmbeddedLog;
  /** Stream name; Signalbox uses `<namespace>/<eventBusName>`. */
  stream: string;
  clock: Clock;
}

/** Create the {@link EventBus} of one stream. */
export function createEmbeddedBus(options: EmbeddedBusOptions): EventBus {
  return new EmbeddedBus(options);
}

class EmbeddedBus implements EventBus {
  readonly kind = "embedded" as const;
  private readonly log: EmbeddedLog;
  private readonly stream: string;
  private readonly clock: Clock;
  private readonly consumers = new Map<string, EmbeddedConsumer>();
  /** Subjects each durable subscribed with in this process (empty: every subject), for {@link lag}. */
  private readonly subjectsOf = new Map<string, string[]>();
  private isClosed = false;
  private resolveClosed!: () => void;
  readonly closed: Promise<void> = new Promise((resolve) => (this.resolveClosed = resolve));

  constructor(options: EmbeddedBusOptions) {
    this.log = options.log;
    this.stream = options.stream;
    this.clock = options.clock;
  }

  publish(message: BusMessage): Promise<PublishResult> {
    if (this.isClosed) return Promise.reject(new BusUnavailableError("the bus is closed"));
    return this.log.append(this.stream, message);
  }

  async subscribe(options: SubscribeOptions): Promise<Subscription> {
    if (this.isClosed) throw new BusUnavailableError("the bus is closed");
    const existing = this.consumers.get(options.durable);
    // One live subscription per durable name in this process: a second one would split deliveries unpredictably.
    if (existing) await existing.close();
    const consumer = new EmbeddedConsumer({
      log: this.log,
      stream: this.stream,
      clock: this.clock,
      options,
      onClose: () => {
        if (this.consumers.get(options.durable) === consumer) this.consumers.delete(options.durable);
      },
    });
    this.consumers.set(options.durable, consumer);
    const everything = options.filters.some((f) => f.eventSourceName === "*" && f.eventName === "*");
    this.subjectsOf.set(options.durable, everything ? [] : options.filters.map((f) => subjectOf(f.eventSourceName, f.eventName)));
    return consumer;
  }

  async deleteConsumer(durable: string): Promise<void> {
    await this.consumers.get(durable)?.close();
    this.subjectsOf.delete(durable);
    await this.log.write(() => {
      this.log.db.prepare("DELETE FROM consumers WHERE stream = ? AND durable = ?").run(this.stream, durable);
    });
  }

  async openKeyValue(bucket: string): Promise<KeyValueStore> {
    const log = this.log;
    const name = `${this.stream}/${bucket}`;
    const getStmt = log.db.prepare("SELECT value FROM kv WHERE bucket = ? AND key = ?");
    return {
      get: async (key) => {
        const row = getStmt.get(name, key) as { value: Buffer } | undefined;
        return row ? new Uint8Array(row.value) : undefined;
      },
      put: (key, value) =>
        log.write(() => {
          log.db.prepare("INSERT OR REPLACE INTO kv (bucket, key, value) VALUES (?, ?, ?)").run(name, key, value);
        }),
      delete: (key) =>
        log.write(() => {
          log.db.prepare("DELETE FROM kv WHERE bucket = ? AND key = ?").run(name, key);
        }),
      keys: async (prefix = "") => {
        const rows = log.db
          .prepare("SELECT key FROM kv WHERE bucket = ? AND substr(key, 1, ?) = ? ORDER BY key")
          .all(name, prefix.length, prefix) as { key: string }[];
        return rows.map((row) => row.key);
      },
    };
  }

  /** Messages above the durable's ack floor that match the subjects it subscribed with. */
  async lag(durable: string): Promise<number | undefined> {
    if (this.isClosed || this.log.closed) return undefined;
    const row = this.log.db.prepare("SELECT ack_floor FROM consumers WHERE stream = ? AND durable = ?").get(this.stream, durable) as
      | { ack_floor: number }
      | undefined;
    if (!row) return undefined;
    const subjects = this.subjectsOf.get(durable) ?? [];
    const marks = subjects.map(() => "?").join(",");
    const sql = `SELECT COUNT(*) AS n FROM messages WHERE stream = ? AND seq > ?${subjects.length > 0 ? ` AND subject IN (${marks})` : ""}`;
    const count = this.log.db.prepare(sql).get(this.stream, row.ack_floor, ...subjects) as { n: number };
    return count.n;
  }

  health(): BusHealth {
    return this.log.closed ? { connected: false, detail: "closed" } : { connected: true };
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await Promise.all([...this.consumers.values()].map((consumer) => consumer.close()));
    this.resolveClosed();
  }
}
