/**
 * The running `nats` source: per event, a core NATS subscription on `subject` (a queue subscription with `queue`),
 * each message turned into Argo's event data and emitted with CloudEvent type `nats`, in arrival order.
 *
 * - Connecting follows `connectionBackoff` (Argo's default: 5 attempts, 1 s apart); after that the listener is
 *   restarted with a growing delay, for as long as the source runs (Argo restarts a failed listener a few times,
 *   then gives up). Secrets are read on each attempt, so a Secret applied after the EventSource is picked up.
 * - Once connected, the client reconnects by itself; the subscription survives reconnects.
 * - Core NATS has no acknowledgement: a message the bus does not take is kept and emitted again until it is
 *   published (Argo drops it after five attempts), while later messages wait in the client's buffer.
 * - A message that cannot be marshalled (`jsonBody` and not JSON) is dropped with an error line, as in Argo.
 */
import type { Msg, NatsConnection } from "@nats-io/transport-node";
import { errorMessage } from "../../errors.ts";
import type { Logger } from "../../host.ts";
import { durationToMs } from "../../resources/common.ts";
import { retryDelayMs, retryPlan } from "../../triggers/backoff.ts";
import type { SourceKindDefinition } from "../registry.ts";
import type { RunningSource, SourceContext } from "../types.ts";
import { openNatsConnection } from "./connect.ts";
import { decodeHeaderBlock, natsEventData } from "./data.ts";
import { DEFAULT_CONNECTION_BACKOFF, emitUntilTaken, restartDelayMs } from "./emitRetry.ts";
import type { NatsEvent } from "./schema.ts";
import { resolveClientTls, resolveNatsAuth, secretReader } from "./secrets.ts";

type StartOptions = Parameters<SourceKindDefinition<"nats">["start"]>[0];

/** Start every event; resolves once each has subscribed or failed its first connection attempt. */
export async function startNatsSource({ context, events, services }: StartOptions): Promise<RunningSource> {
  const controller = new AbortController();
  const runners = Object.entries(events).map(
    ([eventName, config]) =>
      new NatsEventRunner({
        context,
        eventName,
        config,
        read: secretReader(services.secrets, context.namespace),
        signal: controller.signal,
        logger: context.logger.child({ eventName, sourceType: "nats" }),
      }),
  );
  await Promise.all(runners.map((runner) => runner.firstAttempt));
  return {
    async stop() {
      controller.abort();
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}

interface RunnerOptions {
  context: SourceContext;
  eventName: string;
  config: NatsEvent;
  read: ReturnType<typeof secretReader>;
  signal: AbortSignal;
  logger: Logger;
}

class NatsEventRunner {
  /** Settles after the first connection attempt (subscribed, or failed). */
  readonly firstAttempt: Promise<void>;
  private settleFirst: () => void = () => undefined;
  private connection: NatsConnection | undefined;
  private readonly done: Promise<void>;

  constructor(private readonly options: RunnerOptions) {
    this.firstAttempt = new Promise<void>((resolve) => (this.settleFirst = resolve));
    this.done = this.loop().catch((error: unknown) => {
      this.options.logger.error("nats listener stopped on an unexpected error", { error: errorMessage(error) });
    });
  }

  async stop(): Promise<void> {
    await this.connection?.close().catch(() => undefined);
    await this.done;
  }

  private async loop(): Promise<void> {
    const { config, logger, signal } = this.options;
    const { clock } = this.options.context;
    let failures = 0;
    while (!signal.aborted) {
      let connection: NatsConnection | undefined;
      try {
        connection = await this.connect();
        if (!connection) break;
        this.connection = connection;
        const subscription = connection.subscribe(
          config.subject,
          config.queue !== undefined ? { queue: config.queue } : {},
        );
        await connection.flush();
        logger.info("subscribed to NATS", {
          subject: config.subject,
          ...(config.queue !== undefined ? { queue: config.queue } : {}),
        });
        this.settleFirst();
        failures = 0;
        for await (const message of subscription) {
          await this.handle(message);
          if (signal.aborted) break;
        }
        if (signal.aborted) break;
        const closed = await connection.closed();
        failures++;
        logger.warn("NATS connection closed; reconnecting", closed ? { error: errorMessage(closed) } : {});
      } catch (error) {
        failures++;
        logger.error("NATS listener failed; restarting", { error: errorMessage(error), url: config.url });
      } finally {
        this.settleFirst();
        if (connection && !connection.isClosed()) await connection.close().catch(() => undefined);
      }
      if (signal.aborted) break;
      await clock.sleep(restartDelayMs(failures), signal);
    }
  }

  /** Connect with `connectionBackoff`; `undefined` when stopped, throws after the last attempt. */
  private async connect(): Promise<NatsConnection | undefined> {
    const { config, logger, signal, read } = this.options;
    const plan = retryPlan(config.connectionBackoff ?? DEFAULT_CONNECTION_BACKOFF);
    let lastError: unknown;
    for (let attempt = 1; attempt <= plan.steps; attempt++) {
      if (attempt > 1) {
        await this.options.context.clock.sleep(retryDelayMs(plan, attempt - 1), signal);
      }
      if (signal.aborted) return undefined;
      try {
        const auth = await resolveNatsAuth(config.auth, read);
        const tls = await resolveClientTls(config.tls, read);
        return await openNatsConnection({
          url: config.url,
          auth,
          tls,
          name: `signalbox ${this.options.context.namespace}/${this.options.context.eventSourceName}/${this.options.eventName}`,
          timeoutMs: Math.min(5_000, Math.max(1_000, durationToMs(config.connectionBackoff?.duration, 5_000))),
        });
      } catch (error) {
        lastError = error;
        logger.warn("cannot connect to NATS", { url: config.url, attempt, error: errorMessage(error) });
        this.settleFirst();
      }
    }
    throw lastError instanceof Error ? lastError : new Error(errorMessage(lastError));
  }

  private async handle(message: Msg): Promise<void> {
    const { config, context, eventName, logger, signal } = this.options;
    const headerBlock = rawHeaderBlock(message);
    const built = natsEventData(
      { subject: message.subject, data: message.data, ...(headerBlock ? { headerBlock } : {}) },
      {
        ...(config.jsonBody !== undefined ? { jsonBody: config.jsonBody } : {}),
        ...(config.metadata ? { metadata: config.metadata } : {}),
      },
    );
    if (!built.ok) {
      logger.error("dropping a NATS message", { subject: message.subject, reason: built.reason });
      return;
    }
    const traceparent = headerBlock ? traceparentOf(headerBlock) : undefined;
    await emitUntilTaken(
      context.emit,
      { eventName, type: "nats", data: built.data, ...(traceparent ? { headers: { traceparent } } : {}) },
      { clock: context.clock, logger, signal },
    );
  }
}

/** A message's W3C `traceparent` header, carried to the bus so the triggers continue the trace (as for webhooks). */
function traceparentOf(block: Uint8Array): string | undefined {
  for (const [name, values] of decodeHeaderBlock(block) ?? []) {
    if (name.toLowerCase() === "traceparent") return Buffer.from(values.at(-1) ?? "", "latin1").toString("utf8");
  }
  return undefined;
}

/**
 * The raw header block of a received message, as nats.go decodes it (see `data.ts`). nats.js keeps it in its
 * message object (`_rdata` up to `_msg.hdr`); when that changes, the block is rebuilt from the parsed headers.
 */
export function rawHeaderBlock(message: Msg): Uint8Array | undefined {
  if ("_msg" in message && "_rdata" in message) {
    const arg = message._msg;
    const raw = message._rdata;
    if (
      typeof arg === "object" &&
      arg !== null &&
      "hdr" in arg &&
      typeof arg.hdr === "number" &&
      raw instanceof Uint8Array
    ) {
      return arg.hdr > 0 ? raw.subarray(0, arg.hdr) : undefined;
    }
  }
  if (!message.headers) return undefined;
  let block = "NATS/1.0\r\n";
  for (const [name, values] of message.headers) for (const value of values) block += `${name}: ${value}\r\n`;
  return new TextEncoder().encode(`${block}\r\n`);
}
