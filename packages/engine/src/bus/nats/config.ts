/**
 * Argo's EventBus settings for JetStream, parsed without side effects: the `streamConfig` YAML merged over the
 * controller defaults (§2.2) and the `accessSecret` YAML (`username: …\npassword: …`, §1.3).
 *
 * Like Argo (viper, weakly typed), numbers may be written as strings and durations as Go durations (`168h`, `300s`)
 * or bare integers of nanoseconds; unknown keys are ignored (and listed in `ignoredKeys` so a host can warn).
 * Unlike Argo, WorkQueue retention is refused here: with it every second consumer of a subject fails (#3377).
 */
import { parse as parseYaml } from "yaml";
import { ValidationError, type FieldIssue } from "../../errors.ts";
import { parseGoDuration } from "../../resources/common.ts";

/** The stream settings an EventBus controls, in JetStream's own vocabulary. */
export interface StreamSettings {
  /** Messages kept; -1 unlimited. */
  readonly maxMsgs: number;
  /** Age limit in ms; 0 unlimited. */
  readonly maxAgeMs: number;
  /** Bytes kept; -1 unlimited. */
  readonly maxBytes: number;
  /** Requested replicas; capped at the server's cluster size when the stream is created. */
  readonly replicas: number;
  /** Dedup window of `Nats-Msg-Id`, ms. */
  readonly duplicatesMs: number;
  /** Argo's `retention` 0 → `limits`, 1 → `interest` (2, WorkQueue, is refused). */
  readonly retention: "limits" | "interest";
  /** Argo's `discard` 0 → `old`, 1 → `new`. */
  readonly discard: "old" | "new";
  /** Keys of the YAML that are not stream settings (Argo ignores them too). */
  readonly ignoredKeys: readonly string[];
}

/** Argo's controller defaults (`maxMsgs 50000, maxAge 168h, maxBytes -1, replicas 3, duplicates 300s, 0, 0`). */
export const STREAM_DEFAULTS: StreamSettings = Object.freeze({
  maxMsgs: 50_000,
  maxAgeMs: 168 * 3_600_000,
  maxBytes: -1,
  replicas: 3,
  duplicatesMs: 300_000,
  retention: "limits",
  discard: "old",
  ignoredKeys: [],
});

const KNOWN_KEYS = ["maxMsgs", "maxAge", "maxBytes", "replicas", "duplicates", "retention", "discard"] as const;

/**
 * Parse an EventBus `streamConfig` YAML string and merge it over {@link STREAM_DEFAULTS}.
 * Throws {@link ValidationError} (paths `streamConfig.<key>`) listing every bad value, including WorkQueue retention.
 *
 * @example
 * parseStreamConfig("maxMsgs: 1000\nduplicates: 2m\n") // → { ...STREAM_DEFAULTS, maxMsgs: 1000, duplicatesMs: 120000 }
 */
export function parseStreamConfig(yaml: string | undefined): StreamSettings {
  if (yaml === undefined || yaml.trim() === "") return STREAM_DEFAULTS;
  let document: unknown;
  try {
    document = parseYaml(yaml);
  } catch (error) {
    throw new ValidationError([{ path: "streamConfig", message: `not valid YAML: ${(error as Error).message}` }]);
  }
  if (document === null || document === undefined) return STREAM_DEFAULTS;
  if (typeof document !== "object" || Array.isArray(document)) {
    throw new ValidationError([{ path: "streamConfig", message: "must be a YAML mapping" }]);
  }
  const raw = new Map(Object.entries(document));
  const issues: FieldIssue[] = [];
  const issue = (key: string, message: string) => issues.push({ path: `streamConfig.${key}`, message });
  // viper matches keys case-insensitively; so do we.
  const lookup = (key: string): unknown => {
    for (const [name, value] of raw) if (name.toLowerCase() === key.toLowerCase()) return value;
    return undefined;
  };

  const integer = (key: string, min: number, fallback: number): number => {
    const value = lookup(key);
    if (value === undefined || value === null) return fallback;
    const n = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
    if (typeof n !== "number" || !Number.isSafeInteger(n) || n < min) {
      issue(key, `must be an integer ≥ ${min}, got ${JSON.stringify(value)}`);
      return fallback;
    }
    return n;
  };
  const duration = (key: string, fallback: number): number => {
    const value = lookup(key);
    if (value === undefined || value === null) return fallback;
    // A bare integer is a Go time.Duration: nanoseconds.
    if (typeof value === "number" || (typeof value === "string" && /^\d+$/.test(value.trim()))) {
      const ns = Number(value);
      if (Number.isFinite(ns) && ns >= 0) return ns / 1e6;
    } else if (typeof value === "string") {
      const ms = parseGoDuration(value);
      if (ms !== undefined) return ms;
    }
    issue(key, `must be a duration such as 168h or 300s, got ${JSON.stringify(value)}`);
    return fallback;
  };
  const choice = <TValue extends string>(key: string, byIndex: readonly TValue[], fallback: TValue): TValue => {
    const value = lookup(key);
    if (value === undefined || value === null) return fallback;
    const text = typeof value === "string" || typeof value === "number" ? String(value).trim().toLowerCase() : "";
    const picked = byIndex[/^\d+$/.test(text) ? Number(text) : byIndex.indexOf(text as TValue)];
    if (picked === undefined) {
      issue(
        key,
        `must be one of ${byIndex.map((name, i) => `${i} (${name})`).join(", ")}, got ${JSON.stringify(value)}`,
      );
      return fallback;
    }
    return picked;
  };

  const retention = choice("retention", ["limits", "interest", "workqueue"] as const, STREAM_DEFAULTS.retention);
  if (retention === "workqueue") {
    issue(
      "retention",
      "WorkQueue retention (2) is not supported: it breaks every sensor but one per subject (Argo issue #3377); use 0 (Limits) or 1 (Interest)",
    );
  }
  const discard = choice("discard", ["old", "new"] as const, STREAM_DEFAULTS.discard);
  const settings: StreamSettings = {
    maxMsgs: integer("maxMsgs", -1, STREAM_DEFAULTS.maxMsgs),
    maxAgeMs: duration("maxAge", STREAM_DEFAULTS.maxAgeMs),
    maxBytes: integer("maxBytes", -1, STREAM_DEFAULTS.maxBytes),
    replicas: integer("replicas", 1, STREAM_DEFAULTS.replicas),
    duplicatesMs: duration("duplicates", STREAM_DEFAULTS.duplicatesMs),
    retention: retention === "workqueue" ? STREAM_DEFAULTS.retention : retention,
    discard,
    ignoredKeys: [...raw.keys()].filter(
      (key) => !KNOWN_KEYS.some((known) => known.toLowerCase() === key.toLowerCase()),
    ),
  };
  if (issues.length > 0) throw new ValidationError(issues);
  return settings;
}

/** Credentials of an EventBus `accessSecret`. */
export interface AccessCredentials {
  readonly user: string;
  readonly pass: string;
}

/**
 * Parse the value of Argo's access secret (`eventbus-<bus>-js-client-auth`, key `client-auth`), a YAML document
 * `username: …\npassword: …`. Throws {@link ValidationError} when either is missing.
 */
export function parseAccessSecret(yaml: string): AccessCredentials {
  let document: unknown;
  try {
    document = parseYaml(yaml);
  } catch (error) {
    throw new ValidationError([{ path: "accessSecret", message: `not valid YAML: ${(error as Error).message}` }]);
  }
  const record =
    document !== null && typeof document === "object" ? new Map(Object.entries(document)) : new Map<string, unknown>();
  const text = (value: unknown) =>
    typeof value === "string" ? value : typeof value === "number" ? String(value) : undefined;
  const user = text(record.get("username"));
  const pass = text(record.get("password"));
  const issues: FieldIssue[] = [];
  if (!user) issues.push({ path: "accessSecret.username", message: "is required" });
  if (pass === undefined) issues.push({ path: "accessSecret.password", message: "is required" });
  if (issues.length > 0 || !user || pass === undefined) throw new ValidationError(issues);
  return { user, pass };
}
