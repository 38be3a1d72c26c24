/**
 * Durable pull consumers as Argo's sensors make them: `AckExplicit`, `DeliverNew` (or `DeliverAll`), a filter subject
 * per dependency. An existing consumer keeps its position; its ack wait and in-flight cap follow the subscriber.
 */
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerConfig,
  type ConsumerInfo,
  type JetStreamManager,
} from "@nats-io/jetstream";
import { nanos, type NatsConnection } from "@nats-io/transport-node";
import { BusUnavailableError, EngineError, ValidationError, errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import type { SubjectFilter, SubscribeOptions } from "../types.ts";
import { allSubjects, filterSubject, type JetStreamNames } from "./wire.ts";

/** Ack wait of a consumer created without `ackWaitMs` (nats.go's and the server's default). */
export const DEFAULT_ACK_WAIT_MS = 30_000;

/** What to create and how to read it. */
export interface ConsumerPlan {
  readonly durable: string;
  readonly config: Partial<ConsumerConfig> & { durable_name: string };
  /** Filters applied on receipt, when the server cannot filter on several subjects (before 2.10). */
  readonly clientFilters: readonly SubjectFilter[] | undefined;
}

/** Plan the consumer of a subscription. */
export function planConsumer(names: JetStreamNames, options: SubscribeOptions, nc: NatsConnection): ConsumerPlan {
  if (options.filters.length === 0)
    throw new ValidationError([{ path: "filters", message: "at least one filter is required" }]);
  const everything = options.filters.some((f) => f.eventSourceName === "*" && f.eventName === "*");
  const subjects = everything
    ? [allSubjects(names)]
    : [...new Set(options.filters.map((f) => filterSubject(names, f)))];
  const config: Partial<ConsumerConfig> & { durable_name: string } = {
    durable_name: options.durable,
    ack_policy: "explicit",
    deliver_policy: options.deliver === "all" ? "all" : "new",
    ack_wait: nanos(options.ackWaitMs ?? DEFAULT_ACK_WAIT_MS),
    ...(options.maxInFlight !== undefined ? { max_ack_pending: options.maxInFlight } : {}),
  };
  let clientFilters: readonly SubjectFilter[] | undefined;
  if (subjects.length === 1) config.filter_subject = subjects[0];
  else if (supportsFilterSubjects(nc)) config.filter_subjects = subjects;
  else {
    // nats-server 2.9 knows one filter subject only (it silently ignores `filter_subjects`): read everything,
    // ack what does not match.
    config.filter_subject = allSubjects(names);
    clientFilters = options.filters;
  }
  return { durable: options.durable, config, clientFilters };
}

function supportsFilterSubjects(nc: NatsConnection): boolean {
  const [major = 0, minor = 0] = (nc.info?.version ?? "0.0.0").split(".").map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

const filtersOf = (config: Partial<ConsumerConfig>) =>
  JSON.stringify(
    config.filter_subjects && config.filter_subjects.length > 0
      ? [...config.filter_subjects].sort()
      : config.filter_subject
        ? [config.filter_subject]
        : [],
  );

/** Where {@link ensureConsumer} works. */
export interface ConsumerTarget {
  jsm: JetStreamManager;
  stream: string;
  logger: Logger;
}

/** Create the durable consumer, or adapt an existing one without moving its position when possible. */
export async function ensureConsumer(
  { jsm, stream, logger }: ConsumerTarget,
  plan: ConsumerPlan,
): Promise<ConsumerInfo> {
  const existing = await consumerInfo(jsm, stream, plan.durable);
  if (!existing) {
    try {
      return await jsm.consumers.add(stream, plan.config);
    } catch (error) {
      // Another subscriber created it meanwhile: use theirs.
      const raced = await consumerInfo(jsm, stream, plan.durable);
      if (raced) return raced;
      throw unavailable(`cannot create consumer ${plan.durable} on ${stream}`, error);
    }
  }
  const wanted = plan.config;
  const filterChanged = filtersOf(existing.config) !== filtersOf(wanted);
  const update = {
    ...(existing.config.ack_wait !== wanted.ack_wait ? { ack_wait: wanted.ack_wait } : {}),
    ...(wanted.max_ack_pending !== undefined && existing.config.max_ack_pending !== wanted.max_ack_pending
      ? { max_ack_pending: wanted.max_ack_pending }
      : {}),
    ...(filterChanged
      ? wanted.filter_subjects
        ? { filter_subjects: wanted.filter_subjects }
        : { filter_subject: wanted.filter_subject }
      : {}),
  };
  if (Object.keys(update).length === 0) return existing;
  try {
    const updated = await jsm.consumers.update(stream, plan.durable, update);
    if (!filterChanged || filtersOf(updated.config) === filtersOf(wanted)) return updated;
  } catch (error) {
    if (!filterChanged) {
      logger.info("kept the settings of an existing consumer", { consumer: plan.durable, error: errorMessage(error) });
      return existing;
    }
  }
  // A consumer filtering other subjects would deliver the wrong events: replace it (Argo does the same when a
  // dependency changes; the new one starts per `deliver`).
  logger.warn("durable consumer filters other subjects; recreating it", {
    consumer: plan.durable,
    had: filtersOf(existing.config),
    wants: filtersOf(wanted),
  });
  await deleteConsumer(jsm, stream, plan.durable);
  return jsm.consumers.add(stream, plan.config);
}

/** Delete a durable consumer; a missing one is fine. */
export async function deleteConsumer(jsm: JetStreamManager, stream: string, durable: string): Promise<void> {
  try {
    await jsm.consumers.delete(stream, durable);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) return;
    throw unavailable(`cannot delete consumer ${durable} on ${stream}`, error);
  }
}

async function consumerInfo(jsm: JetStreamManager, stream: string, durable: string): Promise<ConsumerInfo | undefined> {
  try {
    return await jsm.consumers.info(stream, durable);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound) return undefined;
    throw unavailable(`cannot read consumer ${durable} on ${stream}`, error);
  }
}

function unavailable(what: string, error: unknown): EngineError {
  if (error instanceof EngineError) return error;
  return new BusUnavailableError(`${what}: ${errorMessage(error)}`, 1_000, { cause: error });
}
