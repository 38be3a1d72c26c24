/**
 * Configuration: flags > environment > `<data-dir>/signalbox.yaml` > defaults, validated with zod at boot.
 * A bad value stops start-up naming the setting. Secrets are redacted when printed.
 */
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";

const logLevel = z.enum(["debug", "info", "warn", "error"]);
const port = z.coerce.number().int().min(0).max(65535);

const durationUnits: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
/** `90s`, `15m`, `24h`, `7d`, `500ms`, or `0` (off) → milliseconds. */
export const duration = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(String(value));
  if (!match || (match[2] === undefined && Number(match[1]) !== 0)) {
    ctx.addIssue({ code: "custom", message: "must be a duration like 90s, 15m, 24h, 7d, or 0" });
    return z.NEVER;
  }
  return Math.round(Number(match[1]) * (durationUnits[match[2] ?? "ms"] ?? 1));
});

const sizeUnits: Record<string, number> = { b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3 };
/** `1048576`, `500MB`, `1GiB`, or `0` (off) → bytes. */
export const byteSize = z.union([z.number(), z.string()]).transform((value, ctx) => {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b|b)?\s*$/i.exec(String(value));
  if (!match) {
    ctx.addIssue({ code: "custom", message: "must be a size like 1048576, 500MB or 1GiB, or 0" });
    return z.NEVER;
  }
  return Math.round(Number(match[1]) * (sizeUnits[(match[2] ?? "b").toLowerCase()] ?? 1));
});

/** The validated configuration. */
export const configSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  port: port.default(4000),
  webPort: port.default(3000),
  dataDir: z.string().min(1).default("./.signalbox"),
  databaseUrl: z.string().optional(),
  natsUrl: z.string().optional(),
  kafkaBrokers: z.string().optional(),
  auth: z.enum(["on", "off"]).default("on"),
  secretKey: z.string().optional(),
  secretKeyFile: z.string().optional(),
  logLevel: logLevel.default("info"),
  logFormat: z.enum(["json", "pretty"]).default("json"),
  /** Where the console is reachable (printed in the sign-in URL). */
  webUrl: z.string().optional(),
  /** Extra `Host` header values the API answers to (comma-separated; `*` answers any). */
  allowedHosts: z.string().optional(),
  /** Stored events older than this are deleted (with their explain records and outcomes). */
  retentionMaxAge: duration.default(7 * 86_400_000),
  /** Beyond this many stored payload bytes the oldest events are deleted. */
  retentionMaxBytes: byteSize.default(1024 ** 3),
  /** How often retention runs. */
  retentionInterval: duration.default(300_000),
});
export type Config = z.infer<typeof configSchema>;

/** Setting name → environment variable. */
export const envNames: Record<keyof Config, string> = {
  host: "SIGNALBOX_HOST",
  port: "SIGNALBOX_PORT",
  webPort: "SIGNALBOX_WEB_PORT",
  dataDir: "SIGNALBOX_DATA_DIR",
  databaseUrl: "SIGNALBOX_DATABASE_URL",
  natsUrl: "SIGNALBOX_NATS_URL",
  kafkaBrokers: "SIGNALBOX_KAFKA_BROKERS",
  auth: "SIGNALBOX_AUTH",
  secretKey: "SIGNALBOX_SECRET_KEY",
  secretKeyFile: "SIGNALBOX_SECRET_KEY_FILE",
  logLevel: "SIGNALBOX_LOG_LEVEL",
  logFormat: "SIGNALBOX_LOG_FORMAT",
  webUrl: "SIGNALBOX_WEB_URL",
  allowedHosts: "SIGNALBOX_ALLOWED_HOSTS",
  retentionMaxAge: "SIGNALBOX_RETENTION_MAX_AGE",
  retentionMaxBytes: "SIGNALBOX_RETENTION_MAX_BYTES",
  retentionInterval: "SIGNALBOX_RETENTION_INTERVAL",
};

/** Thrown when the configuration is invalid; the message names each bad setting. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Read config from flags, environment and the data dir's YAML file. */
export function loadConfig(flags: Partial<Record<keyof Config, string | number | undefined>>, env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Config {
  const fromEnv: Record<string, string> = {};
  for (const [key, name] of Object.entries(envNames)) {
    const value = env[name];
    if (value !== undefined && value !== "") fromEnv[key] = value;
  }
  const cleanFlags = Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
  const dataDir = String(cleanFlags.dataDir ?? fromEnv.dataDir ?? "./.signalbox");
  const fileValues = readConfigFile(resolve(cwd, dataDir));
  const merged = { ...fileValues, ...fromEnv, ...cleanFlags };
  const parsed = configSchema.safeParse(merged);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      const name = envNames[key as keyof Config] ?? key;
      return `${name} (${key}): ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const config = { ...parsed.data, dataDir: resolve(cwd, parsed.data.dataDir) };
  if (config.auth === "off" && !isLoopback(config.host)) {
    throw new ConfigError(`SIGNALBOX_AUTH (auth): 'off' is refused unless bound to loopback (host is ${config.host})`);
  }
  return config;
}

function readConfigFile(dataDir: string): Record<string, unknown> {
  const file = join(dataDir, "signalbox.yaml");
  if (!existsSync(file)) return {};
  let parsed: unknown;
  try {
    parsed = parseYaml(readFileSync(file, "utf8"));
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${(error as Error).message}`);
  }
  if (parsed === null || parsed === undefined) return {};
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new ConfigError(`${file}: must be a mapping of settings`);
  const unknown = Object.keys(parsed).filter((key) => !(key in envNames));
  if (unknown.length > 0) throw new ConfigError(`${file}: unknown settings ${unknown.join(", ")}`);
  return parsed as Record<string, unknown>;
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^(::ffff:)?127\.\d+\.\d+\.\d+$/.test(host);
}

/** Config with secrets replaced, for `signalbox config` and logs. */
export function redactConfig(config: Config): Record<string, unknown> {
  return {
    ...config,
    secretKey: config.secretKey ? "<redacted>" : undefined,
    databaseUrl: config.databaseUrl ? redactUrl(config.databaseUrl) : undefined,
    natsUrl: config.natsUrl ? redactUrl(config.natsUrl) : undefined,
  };
}

/** Replace the password of a URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "<redacted>";
    return parsed.toString();
  } catch {
    return url.replace(/:[^:@/]+@/, ":<redacted>@");
  }
}

/** Resolve a path against the data dir unless absolute. */
export function inDataDir(config: Config, path: string): string {
  return isAbsolute(path) ? path : join(config.dataDir, path);
}
