/**
 * Retry timing and rate limiting of triggers (§5.7, §6.4).
 */
import { durationToMs, type Backoff } from "../resources/common.ts";

/** Resolved Argo `Backoff`: `steps` = total attempts. */
export interface RetryPlan {
  steps: number;
  durationMs: number;
  factor: number;
  jitter: number;
}

/** Argo's defaults: 1 attempt, 1 s, factor 1, jitter 1 (when a strategy is given without them). */
export function retryPlan(backoff: Backoff | undefined): RetryPlan {
  if (!backoff) return { steps: 1, durationMs: 1000, factor: 1, jitter: 1 };
  return {
    steps: Math.max(1, backoff.steps ?? 1),
    durationMs: durationToMs(backoff.duration, 1000),
    factor: backoff.factor !== undefined ? Number(backoff.factor) || 1 : 1,
    jitter: backoff.jitter !== undefined ? Number(backoff.jitter) : 1,
  };
}

/** Sleep before attempt `n` (n ≥ 1 is the first retry): duration·factorⁿ⁻¹ plus up to jitter·that. */
export function retryDelayMs(plan: RetryPlan, retry: number, random: () => number = Math.random): number {
  const base = plan.durationMs * plan.factor ** Math.max(0, retry - 1);
  return base + (plan.jitter > 0 ? random() * plan.jitter * base : 0);
}

/** A token bucket that blocks until a slot is free: `requestsPerUnit` per Second/Minute/Hour. */
export class RateLimiter {
  private tokens: number;
  private updatedAt: number;
  private readonly capacity: number;
  private readonly perMs: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    requestsPerUnit: number,
    unit: "Second" | "Minute" | "Hour" = "Second",
    private readonly now: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {
    const unitMs = unit === "Hour" ? 3_600_000 : unit === "Minute" ? 60_000 : 1000;
    this.capacity = requestsPerUnit;
    this.perMs = requestsPerUnit / unitMs;
    this.tokens = requestsPerUnit;
    this.updatedAt = now();
  }

  /** Wait for a slot; calls are served in order. */
  take(): Promise<void> {
    const next = this.queue.then(() => this.takeOne());
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async takeOne(): Promise<void> {
    for (;;) {
      const now = this.now();
      this.tokens = Math.min(this.capacity, this.tokens + (now - this.updatedAt) * this.perMs);
      this.updatedAt = now;
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.sleep(Math.ceil((1 - this.tokens) / this.perMs));
    }
  }
}
