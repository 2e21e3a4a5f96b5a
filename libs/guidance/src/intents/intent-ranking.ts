import type { IntentBook } from './intent-book';

/** How far (m) a space targeted by an earlier arrival is pushed back in a nearby answer. */
export const INTENT_PENALTY_M_DEFAULT = 150;

/**
 * Spreads demand in a nearby search: a free space that an open intent will reach before this
 * driver is ranked as if it were `penaltyM` farther away, so an untargeted space at a similar
 * distance comes first (it is still answered when nothing better is near: intents are soft).
 * The search hands targeted spaces here instead of accepting them, then `merge` interleaves them
 * with the accepted ones. Only the `limit` nearest targeted spaces can ever make the answer.
 */
export class IntentRanking {
  private idx = new Int32Array(0);
  private dist = new Float64Array(0);
  private n = 0;
  private outIdx = new Int32Array(0);
  private outDist = new Float64Array(0);
  private driverEtaMs = Infinity;

  constructor(
    readonly book: IntentBook,
    readonly penaltyM = INTENT_PENALTY_M_DEFAULT,
  ) {}

  /** Starts a search; false (nothing to do) when no intent is open. */
  begin(limit: number, driverEtaMs: number | undefined, nowMs: number): boolean {
    this.book.prune(nowMs);
    if (this.book.size === 0) return false;
    if (this.idx.length < limit) {
      this.idx = new Int32Array(limit);
      this.dist = new Float64Array(limit);
      this.outIdx = new Int32Array(limit);
      this.outDist = new Float64Array(limit);
    }
    this.n = 0;
    this.driverEtaMs = driverEtaMs ?? Infinity;
    return true;
  }

  /** True when the space is targeted by an arrival before this driver's (and is held back). */
  holdBack(spaceId: string, i: number, d: number, limit: number): boolean {
    const first = this.book.firstArrival(spaceId);
    if (first === undefined || first > this.driverEtaMs) return false;
    if (this.n < limit) {
      this.idx[this.n] = i;
      this.dist[this.n++] = d;
    }
    return true;
  }

  /**
   * Merges the accepted spaces (nearest first) with the held-back ones by ranked distance, in
   * place, keeping at most `limit`; returns how many.
   */
  merge(idx: Int32Array, dist: Float64Array, found: number, limit: number): number {
    if (this.n === 0) return found;
    const p = this.penaltyM;
    let a = 0;
    let b = 0;
    let m = 0;
    while (m < limit && (a < found || b < this.n)) {
      if (b >= this.n || (a < found && dist[a] <= this.dist[b] + p)) {
        this.outIdx[m] = idx[a];
        this.outDist[m++] = dist[a++];
      } else {
        this.outIdx[m] = this.idx[b];
        this.outDist[m++] = this.dist[b++];
      }
    }
    idx.set(this.outIdx.subarray(0, m));
    dist.set(this.outDist.subarray(0, m));
    return m;
  }
}
