/**
 * The composition root: builds the engine with storage, buses, secrets and logging, and hands the server one
 * {@link AppContext}. Nothing else constructs these pieces.
 */
import { randomBytes } from "node:crypto";
import { EventEmitter } from "node:events";
import { mkdirSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import type { Logger as PinoLogger } from "pino";
import { decodeCloudEvent, Engine, systemClock, type EngineHooks, type EventBus, type Logger, type ResourceKind, type SecretResolver } from "@signalbox/engine";
import { ensureAdminToken, TokenVerifier } from "./auth.ts";
import type { Config } from "./config.ts";
import { openDatabase, type Db, type DatabaseProvider } from "./db/client.ts";
import { migrate } from "./db/migrate.ts";
import { acquireLock, type DataDirLock } from "./lock.ts";
import { engineLogger } from "./logger.ts";
import { Metrics } from "./metrics.ts";
import { LiveHub } from "./services/live.ts";
import { ReplayJobs } from "./services/replayJobs.ts";
import { BusRegistry } from "./services/buses.ts";
import { BusFactory } from "./buses.ts";
import { startLeaderElection } from "./leader.ts";
import { startDefinitionSync } from "./sync.ts";
import { loadKeyRing, type SealingKey } from "./storage/crypto.ts";
import { markInterruptedOutcomes, upsertOutcomes } from "./storage/outcomes.ts";
import { startRetention } from "./storage/retention.ts";
import { PrismaDefinitionStore, type DefinitionStore } from "./storage/definitions.ts";
import { EventStore } from "./storage/events.ts";
import { RecordWriter } from "./storage/writer.ts";

/** Version reported by `build_info` and the API. */
export const SIGNALBOX_VERSION = "0.1.0";

/** Kinds of change the console listens to. */
export type ChangeKind = "resources" | "events" | "runs";

/** Everything the API needs. */
export interface AppContext {
  config: Config;
  logger: Logger;
  db: Db;
  provider: DatabaseProvider;
  definitions: DefinitionStore;
  events: EventStore;
  writer: RecordWriter;
  engine: Engine;
  tokens: TokenVerifier;
  metrics: Metrics;
  /** Emits `change` with a {@link ChangeKind}. */
  changes: EventEmitter;
  /** Stored events and finished runs, for the live stream. */
  live: LiveHub;
  /** Bulk replays. */
  replays: ReplayJobs;
  /** Buses opened for namespaces (lag metrics). */
  buses: BusRegistry;
  /** Run retention now (it also runs periodically). */
  runRetention(): Promise<{ events: number; runs: number }>;
  /** The current key sealing Secret values. */
  sealingKey(): SealingKey;
  instanceId: string;
  adminToken: string;
  ready: boolean;
  close(): Promise<void>;
}

/** Order in which stored resources are started: values and buses before what uses them. */
const startOrder: ResourceKind[] = ["Secret", "ConfigMap", "EventBus", "EventSource", "Sensor"];

/** Build and start everything. */
export async function createApp(config: Config, pino: PinoLogger): Promise<AppContext> {
  const logger = engineLogger(pino);
  mkdirSync(config.dataDir, { recursive: true });
  const lock: DataDirLock = acquireLock(join(config.dataDir, "signalbox.lock"));
  try {
    const databaseUrl = config.databaseUrl ?? `file:${join(config.dataDir, "signalbox.db")}`;
    const applied = await migrate(databaseUrl);
    if (applied.length > 0) logger.info("database migrated", { migrations: applied });
    const { db, provider } = await openDatabase(databaseUrl);
    const keys = loadKeyRing({ secretKey: config.secretKey, secretKeyFile: config.secretKeyFile, defaultFile: join(config.dataDir, "secret.key") });
    const instanceId = `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
    await registerInstance(db, instanceId);
    const interrupted = await markInterruptedRuns(db, instanceId);
    if (interrupted > 0) logger.warn("runs cut off by a previous crash were marked interrupted", { count: interrupted });
    await markInterruptedOutcomes(db);
    const heartbeat = setInterval(() => {
      void db.instance.update({ where: { id: instanceId }, data: { heartbeatAt: new Date() } }).catch(() => undefined);
    }, 5_000);
    heartbeat.unref();

    const metrics = new Metrics(SIGNALBOX_VERSION);
    const changes = new EventEmitter();
    changes.setMaxListeners(0);
    const definitions = new PrismaDefinitionStore(db, keys);
    const events = new EventStore(db, { provider });
    const live = new LiveHub();
    const buses = new BusRegistry();
    const writer = new RecordWriter({
      db,
      provider,
      logger,
      instanceId,
      onRunFinished: (run) => {
        metrics.runFinished(run);
        live.publishRun(run);
        changes.emit("change", "runs");
      },
      onExplain: (record) => metrics.explained(record),
    });
    const secrets: SecretResolver = {
      resolve: (namespace, kind, selector) => definitions.secretValue(kind, namespace, selector.name, selector.key),
    };
    const busFactory = new BusFactory(config, logger, secrets);
    const hooks: EngineHooks = {
      recordEvents: async (observed) => {
        live.publishEvents(await events.record(observed));
        changes.emit("change", "events");
      },
      explain: (record) => writer.explain(record),
      runStarted: (run) => writer.runStarted(run),
      runFinished: (run) => writer.runFinished(run),
      emitted: (info) => metrics.emitted(info),
      sourceFiltered: (info) => {
        // Stored like any event, with the outcome `filtered` for the source itself (sensor "", trigger "").
        void (async () => {
          await events.record([{ namespace: info.namespace, body: info.body, headers: { ...info.headers, "sb-filtered": info.reason }, sequence: 0, storedAt: Date.now() }]);
          const eventId = decodeCloudEvent(info.body)?.id ?? "";
          await upsertOutcomes(db, provider, [{ namespace: info.namespace, eventId, sensor: "", trigger: "", outcome: "filtered", runId: null, at: new Date() }]);
          changes.emit("change", "events");
        })().catch((error: unknown) => logger.warn("recording a source-filtered event failed", { error: String(error) }));
      },
    };
    const engine = new Engine({
      clock: systemClock,
      logger,
      host: config.host,
      secrets,
      hooks,
      sourceState: {
        get: async (key) => (await db.sourceState.findUnique({ where: { key } }))?.value,
        put: async (key, value) => void (await db.sourceState.upsert({ where: { key }, create: { key, value }, update: { value } })),
      },
      // With a shared PostgreSQL several processes may run: start as a follower until elected (see leader.ts).
      leader: provider === "sqlite",
      openBus: buses.track(busFactory.open),
    });
    const election = startLeaderElection({ databaseUrl, logger: logger.child({ component: "leader" }), onChange: (leader) => engine.setLeader(leader) });
    const { token: adminToken } = await ensureAdminToken(db, join(config.dataDir, "admin.token"));
    const stored = await definitions.list();
    for (const kind of startOrder) {
      for (const resource of stored.filter((r) => r.kind === kind)) {
        if (resource.paused && (kind === "EventSource" || kind === "Sensor")) await engine.setPaused(kind, resource.namespace, resource.name, true);
        await engine.apply({ kind: resource.kind, namespace: resource.namespace, name: resource.name, resource: resource.manifest });
      }
    }
    // Several processes can share a PostgreSQL database: converge on definitions the others applied.
    const stopSync = provider === "postgresql" ? startDefinitionSync({ store: definitions, engine, logger, onChange: () => changes.emit("change", "resources") }) : async () => undefined;
    const retention = startRetention({
      db,
      provider,
      policy: { maxAgeMs: config.retentionMaxAge, maxBytes: config.retentionMaxBytes },
      intervalMs: config.retentionInterval,
      onResult: (result) => {
        if (result.events + result.runs > 0) logger.info("retention removed old history", { ...result });
      },
      onError: (error) => logger.error("retention failed", { error: String(error) }),
    });
    const replays = new ReplayJobs({ db, events, logger: logger.child({ component: "replay" }), instanceId, app: () => context, liveRate: () => live.liveRate() });
    const context: AppContext = {
      config,
      logger,
      db,
      provider,
      definitions,
      events,
      writer,
      engine,
      tokens: new TokenVerifier(db),
      metrics,
      changes,
      live,
      replays,
      buses,
      runRetention: () => retention.runNow(),
      sealingKey: () => keys.current,
      instanceId,
      adminToken,
      ready: true,
      close: async () => {
        context.ready = false;
        clearInterval(heartbeat);
        await replays.stop();
        await retention.stop();
        await stopSync();
        await election.stop();
        await engine.stop();
        await writer.close();
        busFactory.close();
        await db.instance.delete({ where: { id: instanceId } }).catch(() => undefined);
        await db.$disconnect();
        lock.release();
      },
    };
    replays.start();
    return context;
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function registerInstance(db: Db, id: string): Promise<void> {
  const now = new Date();
  await db.instance.create({ data: { id, host: hostname(), pid: process.pid, startedAt: now, heartbeatAt: now } });
}

/** Runs left `running` by instances that stopped heartbeating are `interrupted`: recorded, never silently lost. */
async function markInterruptedRuns(db: Db, self: string): Promise<number> {
  const stale = new Date(Date.now() - 30_000);
  const dead = await db.instance.findMany({ where: { heartbeatAt: { lt: stale }, id: { not: self } }, select: { id: true } });
  const deadIds = dead.map((instance) => instance.id);
  const live = await db.instance.findMany({ select: { id: true } });
  const liveIds = live.map((instance) => instance.id).filter((id) => !deadIds.includes(id));
  const result = await db.run.updateMany({
    where: { status: "running", instanceId: { notIn: liveIds } },
    data: { status: "interrupted", error: "the process running this trigger stopped before it finished", finishedAt: new Date() },
  });
  if (deadIds.length > 0) await db.instance.deleteMany({ where: { id: { in: deadIds } } });
  return result.count;
}
