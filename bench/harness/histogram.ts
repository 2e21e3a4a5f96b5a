import * as hdr from 'hdr-histogram-js';

/** Latency histogram in microseconds (HdrHistogram, 3 significant digits). */
export class LatencyHistogram {
  private readonly h = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 120_000_000,
    numberOfSignificantValueDigits: 3,
  });

  recordMicros(us: number): void {
    this.h.recordValue(Math.max(1, Math.round(us)));
  }

  recordSince(startNs: bigint): void {
    this.recordMicros(Number(process.hrtime.bigint() - startNs) / 1000);
  }

  get count(): number {
    return this.h.totalCount;
  }

  /** Percentile in milliseconds. */
  pMs(p: number): number {
    return this.h.getValueAtPercentile(p) / 1000;
  }

  summary(): { count: number; p50Ms: number; p90Ms: number; p99Ms: number; maxMs: number } {
    return {
      count: this.count,
      p50Ms: this.pMs(50),
      p90Ms: this.pMs(90),
      p99Ms: this.pMs(99),
      maxMs: this.h.maxValue / 1000,
    };
  }
}
