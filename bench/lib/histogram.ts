/**
 * Latency histograms (HDR, microsecond resolution, 3 significant digits) and their summaries in milliseconds.
 *
 * Latencies are always measured from the *scheduled* send time of an open-loop request, so a request that waited
 * behind a slow one is charged its full wait: coordinated omission is corrected at the source and no synthetic
 * back-filling (`recordValueWithExpectedInterval`) is needed.
 */
import * as hdr from "hdr-histogram-js";

export type Histogram = ReturnType<typeof hdr.build>;

/** A fresh histogram of microseconds, up to 10 minutes. */
export function latencyHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
}

/** Percentiles in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

const ms = (us: number) => Math.round(us) / 1000;

/** Summarise a histogram of microseconds. */
export function summarize(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return { count: 0, p50: 0, p90: 0, p99: 0, p999: 0, max: 0, mean: 0 };
  return {
    count: histogram.totalCount,
    p50: ms(histogram.getValueAtPercentile(50)),
    p90: ms(histogram.getValueAtPercentile(90)),
    p99: ms(histogram.getValueAtPercentile(99)),
    p999: ms(histogram.getValueAtPercentile(99.9)),
    max: ms(histogram.maxValue),
    mean: ms(histogram.mean),
  };
}

/** Record a latency given in nanoseconds (as from `process.hrtime.bigint()` differences). */
export function recordNs(histogram: Histogram, ns: bigint | number): void {
  const us = Math.max(1, Math.round(Number(ns) / 1000));
  histogram.recordValue(Math.min(us, 600_000_000));
}
