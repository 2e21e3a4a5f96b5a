import type { FillRate } from './fill-rate';
import type { IntentBook } from './intent-book';
import { INTENT_PENALTY_M_DEFAULT } from './intent-ranking';

/** Ranked distance added to a space sure to be taken before the driver arrives. */
export const ARRIVAL_PENALTY_M_DEFAULT = 600;

export interface ArrivalRankingOptions {
  /** K: a space ranks as if `K x (1 - chance it is still free on arrival)` farther; 0 = off. */
  penaltyM: number;
  /** Added to a space another open intent targets (GUIDANCE_INTENT_PENALTY_M). */
  intentPenaltyM: number;
  /** Count the open intents (false: the turnover estimate alone; the simulator's ablation). */
  useIntents: boolean;
}

export const DEFAULT_ARRIVAL_RANKING_OPTIONS: ArrivalRankingOptions = {
  penaltyM: ARRIVAL_PENALTY_M_DEFAULT,
  intentPenaltyM: INTENT_PENALTY_M_DEFAULT,
  useIntents: true,
};

/**
 * Arrival-aware ranking of a nearby search whose query carries the driver's `eta`, while the
 * city has open intents (so a city without intents, or a query without `eta`, is answered as
 * before). Each candidate ranks by `distance + K x (1 - p)` (+ the intent penalty when another
 * driver declared it), where `p` is the chance it is still free when this driver arrives:
 * `exp(-lambda x travel)` with lambda the local fill rate (`FillRate`, lowered for a space that
 * has stayed free a while), and 0 when another driver declared it (whoever arrives first). Drivers are thus sent to spaces the rest of the city
 * is not about to take, rather than to the hotspot's nearest free space.
 *
 * Exact and O(candidates): the grid walk offers spaces by ascending true distance; a bounded,
 * sorted buffer keeps the `limit` best ranked ones, and the walk stops once the true distance
 * reaches the worst kept ranked distance (ranked >= true distance for every space).
 */
export class ArrivalRanking {
  private idx = new Int32Array(0);
  private eff = new Float64Array(0);
  private dist = new Float64Array(0);
  private n = 0;
  private limit = 0;
  private nowMs = 0;
  private travelMs = 0;

  constructor(
    readonly book: IntentBook,
    readonly fill: FillRate,
    readonly options: ArrivalRankingOptions = DEFAULT_ARRIVAL_RANKING_OPTIONS,
  ) {}

  /** Starts a search; false (rank as before) without `eta`, without intents or when off. */
  begin(limit: number, etaMs: number | undefined, nowMs: number): boolean {
    if (etaMs === undefined || this.options.penaltyM <= 0) return false;
    this.book.prune(nowMs);
    if (this.book.size === 0) return false;
    if (this.idx.length < limit) {
      this.idx = new Int32Array(limit);
      this.eff = new Float64Array(limit);
      this.dist = new Float64Array(limit);
    }
    this.n = 0;
    this.limit = limit;
    this.nowMs = nowMs;
    this.travelMs = Math.max(0, etaMs - nowMs);
    return true;
  }

  /** The ranked distance of a candidate at true distance `d`. */
  ranked(spaceId: string, i: number, d: number, freeSinceMs = NaN): number {
    const o = this.options;
    const age = freeSinceMs <= this.nowMs ? this.nowMs - freeSinceMs : 0;
    let p = this.fill.chanceFree(i, this.nowMs, this.travelMs, age);
    let extra = 0;
    if (o.useIntents) {
      const first = this.book.firstArrival(spaceId);
      if (first !== undefined) {
        extra = o.intentPenaltyM;
        // declared by another driver: count it as taken, whoever arrives first (arriving
        // earlier would take it from a driver already on the way, whose answer then fails)
        p = 0;
      }
    }
    return d + o.penaltyM * (1 - p) + extra;
  }

  /** Offers a candidate (ascending `d`); true when no later candidate can make the answer. */
  offer(spaceId: string, i: number, d: number, freeSinceMs = NaN): boolean {
    const n = this.n;
    const full = n === this.limit;
    if (full && d >= this.eff[n - 1]) return true;
    const e = this.ranked(spaceId, i, d, freeSinceMs);
    if (full && e >= this.eff[n - 1]) return false;
    // insertion into the sorted buffer (ties keep the nearer, offered first)
    let j = full ? n - 1 : n;
    while (j > 0 && this.eff[j - 1] > e) {
      this.idx[j] = this.idx[j - 1];
      this.eff[j] = this.eff[j - 1];
      this.dist[j] = this.dist[j - 1];
      j--;
    }
    this.idx[j] = i;
    this.eff[j] = e;
    this.dist[j] = d;
    if (!full) this.n++;
    return false;
  }

  /** Writes the kept spaces (best ranked first, true distances) into idx/dist; returns how many. */
  finish(idx: Int32Array, dist: Float64Array): number {
    idx.set(this.idx.subarray(0, this.n));
    dist.set(this.dist.subarray(0, this.n));
    return this.n;
  }
}
