/** Upper edges of the expected-free buckets; the last bucket is open. */
export const EXPECTED_EDGES = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 20] as const;
/** Upper edges (minutes) of the horizon buckets; the last bucket is open. */
export const HORIZON_EDGES = [10, 20, 40, 90] as const;
/** Free spaces now: 0, 1-2, 3 or more, unknown. */
export const NOW_BUCKETS = 4;
/** Fewer observations than this in a bucket: the Poisson estimate is used instead. */
const MIN_COUNT = 30;

export interface CalibrationData {
  /** [nowBucket * horizonBuckets + horizonBucket][expectedBucket] observations. */
  readonly counts: number[][];
  /** Same layout: observations with at least one free space. */
  readonly hits: number[][];
}

function nowBucketOf(freeNow: number | null): number {
  if (freeNow === null) return 3;
  return freeNow <= 0 ? 0 : freeNow <= 2 ? 1 : 2;
}

function bucketOf(edges: readonly number[], v: number): number {
  let b = 0;
  while (b < edges.length && v > edges[b]) b++;
  return b;
}

/**
 * How often a lot had at least one free space when the statistics expected `E` free spaces at a
 * given horizon, with 0, 1-2 or more free now: learnt from the history itself, so the probability is an observed frequency.
 */
export class CalibrationTable {
  readonly counts: number[][];
  readonly hits: number[][];

  constructor(data?: CalibrationData) {
    const grid = () =>
      Array.from({ length: NOW_BUCKETS * (HORIZON_EDGES.length + 1) }, () =>
        new Array<number>(EXPECTED_EDGES.length + 1).fill(0),
      );
    this.counts = data ? data.counts.map((r) => [...r]) : grid();
    this.hits = data ? data.hits.map((r) => [...r]) : grid();
  }

  add(freeNow: number | null, horizonMin: number, expected: number, anyFree: boolean): void {
    const h = this.rowOf(freeNow, horizonMin);
    const e = bucketOf(EXPECTED_EDGES, expected);
    this.counts[h][e]++;
    if (anyFree) this.hits[h][e]++;
  }

  /** Probability of at least one free space, and how many observations back it (0: Poisson). */
  probability(
    freeNow: number | null,
    horizonMin: number,
    expected: number,
  ): { p: number; observations: number } {
    const h = this.rowOf(freeNow, horizonMin);
    const e = bucketOf(EXPECTED_EDGES, expected);
    const n = this.counts[h][e];
    if (n < MIN_COUNT) return { p: 1 - Math.exp(-expected), observations: 0 };
    return { p: (this.hits[h][e] + 0.5) / (n + 1), observations: n };
  }

  private rowOf(freeNow: number | null, horizonMin: number): number {
    return nowBucketOf(freeNow) * (HORIZON_EDGES.length + 1) + bucketOf(HORIZON_EDGES, horizonMin);
  }

  toJSON(): CalibrationData {
    return { counts: this.counts, hits: this.hits };
  }
}
