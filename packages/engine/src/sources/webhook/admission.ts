/**
 * Admission control for webhook intake: when the process is saturated, a sender is told at once to come back later
 * (503 + Retry-After) instead of waiting in a queue that grows for as long as the overload lasts. Two signals:
 * - event-loop delay: a loop that runs late means requests wait in socket buffers before we even see them;
 * - requests in flight (received, not yet answered): bounds memory and the wait for the bus.
 * Shedding starts when either is over its limit and stops as soon as both are back under it.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";

/** Limits of {@link AdmissionControl}. */
export interface AdmissionOptions {
  /** Shed while the event loop's mean delay over the last window exceeds this (ms). */
  maxLoopDelayMs?: number;
  /** Shed while this many requests are being handled (default 128: a queue beyond that only adds latency). */
  maxInFlight?: number;
  /** Length of the delay window (ms). */
  windowMs?: number;
  /**
   * A late loop sheds only while at least this many requests are in flight: a busy machine (other processes, a test
   * runner in the same process) delays the loop too, and a lone request is never the cause of an overload.
   */
  minInFlightToShedOnDelay?: number;
}

/** Decides whether to take or shed a request. One per process. */
export class AdmissionControl {
  private readonly histogram: IntervalHistogram;
  private readonly timer: NodeJS.Timeout;
  private readonly maxLoopDelayMs: number;
  private readonly maxInFlight: number;
  private readonly minInFlightToShedOnDelay: number;
  private lagging = false;
  private inFlight = 0;
  /** Requests refused so far (for metrics and tests). */
  shed = 0;

  constructor(options: AdmissionOptions = {}) {
    this.maxLoopDelayMs = options.maxLoopDelayMs ?? 60;
    this.maxInFlight = options.maxInFlight ?? 128;
    this.minInFlightToShedOnDelay = options.minInFlightToShedOnDelay ?? 16;
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.timer = setInterval(() => {
      this.lagging = this.histogram.count > 0 && this.histogram.mean / 1e6 > this.maxLoopDelayMs;
      this.histogram.reset();
    }, options.windowMs ?? 250);
    this.timer.unref();
  }

  /** Take a request (call `release` when answered), or `false` to shed it. */
  admit(): boolean {
    if ((this.lagging && this.inFlight >= this.minInFlightToShedOnDelay) || this.inFlight >= this.maxInFlight) {
      this.shed += 1;
      return false;
    }
    this.inFlight += 1;
    return true;
  }

  /** A taken request was answered. */
  release(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
  }

  /** Stop measuring. */
  close(): void {
    clearInterval(this.timer);
    this.histogram.disable();
  }
}

/** The answer to a shed request. */
export const SHED_RESPONSE = { status: 503, body: "server busy: retry later", headers: { "Retry-After": "1" } } as const;
