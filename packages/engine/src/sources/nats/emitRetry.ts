/**
 * Emitting a queue message until the bus takes it. Argo's dispatch retries five times and then gives up on the
 * message (a Kafka consumer group re-reads it later; a NATS message is lost). Signalbox keeps the message and tries
 * again with a growing delay — at least the bus's Retry-After — until it is published or dropped by the source
 * filter, or the source stops. A Kafka offset is committed only after that (at-least-once).
 */
import { errorMessage } from "../../errors.ts";
import type { Clock, Logger } from "../../host.ts";
import type { Emit, EmitResult, SourceEmission } from "../types.ts";

/** Longest wait between two attempts. */
export const MAX_EMIT_RETRY_MS = 10_000;

/** Published or filtered result, or `undefined` when the source stopped first. */
export async function emitUntilTaken(
  emit: Emit,
  emission: SourceEmission,
  options: { clock: Clock; logger: Logger; signal: AbortSignal; onWait?: () => Promise<void> },
): Promise<Extract<EmitResult, { outcome: "published" | "filtered" }> | undefined> {
  for (let attempt = 1; ; attempt++) {
    let result: EmitResult;
    try {
      result = await emit(emission);
    } catch (error) {
      result = { outcome: "failed", retryAfterMs: 1_000, reason: errorMessage(error) };
    }
    if (result.outcome === "published" || result.outcome === "filtered") return result;
    if (options.signal.aborted) return undefined;
    const delay = Math.min(MAX_EMIT_RETRY_MS, Math.max(result.retryAfterMs, 500 * 2 ** Math.min(attempt - 1, 10)));
    if (attempt === 1 || attempt % 10 === 0) {
      options.logger.warn("the bus did not take the event; retrying", {
        attempt,
        reason: result.reason,
        retryInMs: delay,
      });
    }
    await options.clock.sleep(delay, options.signal);
    if (options.signal.aborted) return undefined;
    await options.onWait?.();
  }
}

/** Argo's default connection backoff (5 attempts, 1 s apart, jitter 1) when `connectionBackoff` is not set. */
export const DEFAULT_CONNECTION_BACKOFF = { steps: 5, duration: "1s", factor: 1, jitter: 1 } as const;

/** Delay before restarting a listener that failed `failures` times in a row: 1 s doubling to 30 s, ±20 %. */
export function restartDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(30_000, 1_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
