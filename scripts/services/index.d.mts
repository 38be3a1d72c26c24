// Types of scripts/services/index.mjs (the project's test services API).
export type ServiceName =
  | "nats"
  | "postgres"
  | "kafka"
  | "chromium"
  | "mosquitto"
  | "redis"
  | "rabbitmq";

export interface ServiceInfo {
  name: ServiceName;
  /** nats://…, postgresql://…, kafka: "127.0.0.1:<port>", chromium: the executable path, mqtt://…, redis://…, amqp://… */
  url: string;
  port: number | null;
  /** The real server process (null for chromium, or after `down`). */
  pid: number | null;
  dataDir: string | null;
  logFile: string | null;
  version: string;
  startedAt?: string;
  /** Service-specific extras: monitorPort (nats), controllerPort (kafka), distPort/epmdPort (rabbitmq), bin, libs. */
  [extra: string]: unknown;
}

export const SERVICE_NAMES: ServiceName[];
/** The service modules (install, start, ready, url, …), by name. */
export const SERVICES: Record<ServiceName, { name: ServiceName; envVar: string; [key: string]: unknown }>;

export class ServicesError extends Error {
  failed: ServiceName[];
  results: Partial<Record<ServiceName, ServiceInfo>>;
}

/** Installs (if missing) and starts each service in parallel; idempotent (running and healthy → no-op). */
export function up<N extends ServiceName>(
  names: N | readonly N[],
): Promise<Record<N, ServiceInfo>>;
/** Stops cleanly (all started services when none named); ports and data are kept. */
export function down(
  names?: ServiceName | readonly ServiceName[],
): Promise<ServiceName[]>;
/** SIGKILL to the real server process (crash tests). */
export function kill(name: ServiceName): Promise<ServiceInfo>;
/** Starts again on the same port(s) and data dir. */
export function restart(name: ServiceName): Promise<ServiceInfo>;
/** Stops and deletes data, ports and logs. */
export function clean(
  names?: ServiceName | readonly ServiceName[],
): Promise<ServiceName[]>;
/** Saved info plus whether its process is alive; null if never started. */
export function info(
  name: ServiceName,
): (ServiceInfo & { running: boolean }) | null;
export function status(): Promise<
  Array<{
    name: ServiceName;
    state: "running" | "unhealthy" | "stopped" | "installed" | "absent";
    url: string | null;
    pid: number | null;
    version?: string;
  }>
>;
/** { SIGNALBOX_TEST_…: url } for the running services among `names` (all when none named). */
export function envVars(
  names?: ServiceName | readonly ServiceName[],
): Record<string, string>;
