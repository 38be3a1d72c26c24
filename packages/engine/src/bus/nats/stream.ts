/**
 * The bus stream: created with the merged settings when missing, left exactly as it is when it exists (Argo:
 * "whichever client starts first creates it"), and never created with WorkQueue retention.
 */
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
} from "@nats-io/jetstream";
import { nanos, type NatsConnection } from "@nats-io/transport-node";
import { BusUnavailableError, errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import type { StreamSettings } from "./config.ts";
import { allSubjects, type JetStreamNames } from "./wire.ts";

/** Reported when the requested replicas exceed what the server can hold (a single server holds 1). */
export interface ReplicasCapped {
  readonly stream: string;
  readonly requested: number;
  readonly used: number;
  readonly reason: string;
}

/** The outcome of {@link ensureStream}. */
export interface StreamReady {
  readonly info: StreamInfo;
  readonly created: boolean;
  /** Replicas to use for the KV buckets of this bus too. */
  readonly replicas: number;
  /** Settings in which an existing stream differs from the wanted ones (it is left unchanged). */
  readonly differences: readonly string[];
}

/** JetStream's code for "replicas > 1 not supported in non-clustered mode". */
const REPLICAS_UNSUPPORTED = 10074;

/** The JetStream config of the bus stream for the given settings. */
export function streamConfigFor(
  names: JetStreamNames,
  settings: StreamSettings,
  replicas: number,
): Partial<StreamConfig> & { name: string } {
  return {
    name: names.streamName,
    subjects: [allSubjects(names)],
    storage: "file",
    retention: settings.retention,
    discard: settings.discard,
    max_msgs: settings.maxMsgs,
    max_bytes: settings.maxBytes,
    max_age: nanos(settings.maxAgeMs),
    duplicate_window: nanos(settings.duplicatesMs),
    num_replicas: replicas,
  };
}

/** Options of {@link ensureStream}. */
export interface EnsureStreamOptions {
  nc: NatsConnection;
  jsm: JetStreamManager;
  names: JetStreamNames;
  settings: StreamSettings;
  logger: Logger;
  onReplicasCapped?: (info: ReplicasCapped) => void;
}

/** Create the stream if it does not exist; otherwise only look at it. */
export async function ensureStream(options: EnsureStreamOptions): Promise<StreamReady> {
  const { jsm, names, settings, logger } = options;
  // A server without a cluster announces no `cluster` in INFO and refuses replicas > 1 (error 10074).
  const clustered = Boolean(options.nc.info?.cluster);
  let replicas = settings.replicas;
  const cap = (reason: string) => {
    if (replicas <= 1) return;
    const capped: ReplicasCapped = { stream: names.streamName, requested: settings.replicas, used: 1, reason };
    replicas = 1;
    logger.info("JetStream replicas capped", { ...capped });
    options.onReplicasCapped?.(capped);
  };
  if (!clustered) cap("the NATS server is not clustered, so it holds one replica");
  const [major = 0, minor = 0] = (options.nc.info?.version ?? "0.0").split(".").map(Number);
  if (settings.discard === "new" && settings.maxBytes > 0 && major === 2 && minor < 10) {
    // Seen on 2.9.10: a file stream over maxBytes with DiscardNew still acks new messages and drops old ones.
    logger.warn(
      "this nats-server ignores DiscardNew for maxBytes on file streams: old events are dropped, not refused; bound the stream with maxMsgs",
      {
        version: options.nc.info?.version,
      },
    );
  }

  const existing = await streamInfo(jsm, names.streamName);
  if (existing) return existingStream(existing, options, replicas);
  try {
    return {
      info: await jsm.streams.add(streamConfigFor(names, settings, replicas)),
      created: true,
      replicas,
      differences: [],
    };
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === REPLICAS_UNSUPPORTED && replicas > 1) {
      cap(error.message);
      return {
        info: await jsm.streams.add(streamConfigFor(names, settings, replicas)),
        created: true,
        replicas,
        differences: [],
      };
    }
    // Another client created it in the meantime: theirs stands.
    const raced = await streamInfo(jsm, names.streamName);
    if (raced) return existingStream(raced, options, replicas);
    throw new BusUnavailableError(`cannot create JetStream stream ${names.streamName}: ${errorMessage(error)}`, 5_000, {
      cause: error,
    });
  }
}

async function streamInfo(jsm: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await jsm.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) return undefined;
    throw new BusUnavailableError(`cannot read JetStream stream ${name}: ${errorMessage(error)}`, 5_000, {
      cause: error,
    });
  }
}

function existingStream(info: StreamInfo, options: EnsureStreamOptions, replicas: number): StreamReady {
  const wanted = streamConfigFor(options.names, options.settings, replicas);
  const actual = info.config;
  const differences: string[] = [];
  const compare = (key: keyof StreamConfig, label: string) => {
    const a = JSON.stringify(actual[key]);
    const w = JSON.stringify(wanted[key]);
    if (a !== w) differences.push(`${label}: ${a} (wanted ${w})`);
  };
  compare("subjects", "subjects");
  compare("storage", "storage");
  compare("retention", "retention");
  compare("discard", "discard");
  compare("max_msgs", "maxMsgs");
  compare("max_bytes", "maxBytes");
  compare("max_age", "maxAge");
  compare("duplicate_window", "duplicates");
  compare("num_replicas", "replicas");
  if (differences.length > 0) {
    options.logger.info("JetStream stream exists with other settings; left unchanged", {
      stream: info.config.name,
      differences,
    });
  }
  if (actual.retention === "workqueue") {
    options.logger.warn(
      "JetStream stream has WorkQueue retention: only one consumer per subject can exist (Argo issue #3377)",
      {
        stream: info.config.name,
      },
    );
  }
  return { info, created: false, replicas: Math.min(replicas, actual.num_replicas || 1), differences };
}
