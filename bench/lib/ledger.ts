/**
 * The event ledger: which nonces the load client got a 2xx for, and which the sink received. Computed only from
 * what the client and the sink saw, never from the server's counters.
 *
 *   acknowledged = delivered + filtered (+ pending at cut-off) ; anything else acknowledged is lost
 *
 * Failed trigger runs would be a fourth column, but the benchmark's sink always answers 200, so a run can only fail
 * by never reaching the sink: it is counted as lost.
 */
import { latencyHistogram, recordNs, summarize, type LatencySummary } from "./histogram.ts";

/** Nonce of event `index` of a step: `<prefix>_<index>`; a prefix has no `_`. */
export function nonceOf(prefix: string, index: number): string {
  return `${prefix}_${index}`;
}

/** One step (one open-loop run) of the ledger. */
export class StepLedger {
  readonly acked: Uint8Array;
  readonly received: Uint16Array;
  readonly histogram = latencyHistogram();
  /** Arrivals of events the client did not get a 2xx for (a timeout that was in fact taken, or a 503 delivered). */
  unacknowledgedArrivals = 0;
  /** Arrivals of events the sensor should have filtered out. */
  filteredArrivals = 0;
  duplicates = 0;
  /** Set once the client run is over; deliveries are only awaited for acknowledged events. */
  closed = false;

  readonly prefix: string;
  readonly total: number;
  /** Whether event `index` passes the sensor's filter (and so must reach the sink). */
  readonly passes: (index: number) => boolean;
  /** Whether deliveries are expected (an ingest-only step with a paused sensor expects them once it is resumed). */
  expectsDelivery: boolean;

  constructor(input: { prefix: string; total: number; passes: (index: number) => boolean; expectsDelivery: boolean }) {
    this.prefix = input.prefix;
    this.total = input.total;
    this.passes = input.passes;
    this.expectsDelivery = input.expectsDelivery;
    this.acked = new Uint8Array(input.total);
    this.received = new Uint16Array(input.total);
  }

  arrival(index: number, t0: bigint, arrivedNs: bigint): void {
    if (index < 0 || index >= this.total) return;
    const count = this.received[index] ?? 0;
    this.received[index] = Math.min(count + 1, 65_535);
    if (count > 0) {
      this.duplicates++;
      return;
    }
    if (!this.passes(index)) this.filteredArrivals++;
    if (this.acked[index] !== 1) this.unacknowledgedArrivals++;
    recordNs(this.histogram, arrivedNs > t0 ? arrivedNs - t0 : 0n);
  }

  /** Acknowledged events that pass the filter and have not arrived yet. */
  missing(): number {
    if (!this.expectsDelivery) return 0;
    let missing = 0;
    for (let i = 0; i < this.total; i++) if (this.acked[i] === 1 && this.passes(i) && this.received[i] === 0) missing++;
    return missing;
  }

  balance(): LedgerBalance {
    let acknowledged = 0;
    let delivered = 0;
    let filtered = 0;
    let missing = 0;
    for (let i = 0; i < this.total; i++) {
      if (this.acked[i] !== 1) continue;
      acknowledged++;
      if (!this.passes(i)) filtered++;
      else if ((this.received[i] ?? 0) > 0) delivered++;
      else if (this.expectsDelivery) missing++;
    }
    return {
      acknowledged,
      delivered,
      filtered,
      missing,
      duplicates: this.duplicates,
      unacknowledgedArrivals: this.unacknowledgedArrivals,
      filteredArrivals: this.filteredArrivals,
    };
  }

  latency(): LatencySummary {
    return summarize(this.histogram);
  }
}

/** The balance of a step or of the whole run. */
export interface LedgerBalance {
  acknowledged: number;
  delivered: number;
  filtered: number;
  /** Acknowledged, passing the filter, and not (yet) at the sink: pending at a step's cut-off, lost at the run's. */
  missing: number;
  duplicates: number;
  unacknowledgedArrivals: number;
  /** Delivered although the filter should have dropped them: a correctness failure, reported with the losses. */
  filteredArrivals: number;
}

/** Add balances. */
export function addBalance(a: LedgerBalance, b: LedgerBalance): LedgerBalance {
  return {
    acknowledged: a.acknowledged + b.acknowledged,
    delivered: a.delivered + b.delivered,
    filtered: a.filtered + b.filtered,
    missing: a.missing + b.missing,
    duplicates: a.duplicates + b.duplicates,
    unacknowledgedArrivals: a.unacknowledgedArrivals + b.unacknowledgedArrivals,
    filteredArrivals: a.filteredArrivals + b.filteredArrivals,
  };
}

export const EMPTY_BALANCE: LedgerBalance = {
  acknowledged: 0,
  delivered: 0,
  filtered: 0,
  missing: 0,
  duplicates: 0,
  unacknowledgedArrivals: 0,
  filteredArrivals: 0,
};

/** Every step of a run, looked up by nonce. */
export class Ledger {
  private readonly steps = new Map<string, StepLedger>();
  /** Arrivals whose nonce belongs to no step (e.g. the B5 baseline's own traffic). */
  foreign = 0;

  open(step: StepLedger): StepLedger {
    this.steps.set(step.prefix, step);
    return step;
  }

  step(prefix: string): StepLedger | undefined {
    return this.steps.get(prefix);
  }

  arrival(nonce: string, t0: bigint, arrivedNs: bigint): void {
    const at = nonce.lastIndexOf("_");
    const step = at > 0 ? this.steps.get(nonce.slice(0, at)) : undefined;
    if (!step) {
      this.foreign++;
      return;
    }
    step.arrival(Number(nonce.slice(at + 1)), t0, arrivedNs);
  }

  /** Acknowledged events still missing, over every step. */
  missing(): number {
    let missing = 0;
    for (const step of this.steps.values()) missing += step.missing();
    return missing;
  }

  balance(): LedgerBalance {
    let total = EMPTY_BALANCE;
    for (const step of this.steps.values()) total = addBalance(total, step.balance());
    return total;
  }

  /** Prefixes of steps with events still missing. */
  incomplete(): { prefix: string; missing: number }[] {
    return [...this.steps.values()]
      .map((s) => ({ prefix: s.prefix, missing: s.missing() }))
      .filter((s) => s.missing > 0);
  }
}
