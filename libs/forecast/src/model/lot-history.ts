import { SLOT_MS } from './day-kind';

/** Marks an instant without a usable reading of a lot (no fresh sensor, or outside the history). */
export const NO_SAMPLE = -1;

/**
 * Recorded occupancy of lots sampled on the 15-minute grid: for each lot and grid instant, how
 * many of its sensed spaces were free and how many had a fresh reading. Filled from
 * `occupancy_events` (PostgreSQL adapter) or from a simulated event stream (backtest); the
 * statistics and the predictor see nothing else.
 */
export class LotHistory {
  readonly instants: number;
  /** [lot * instants + i]: free spaces, or NO_SAMPLE. */
  readonly free: Int32Array;
  /** [lot * instants + i]: spaces with a fresh reading. */
  readonly known: Int32Array;
  private readonly index: Map<string, number>;

  constructor(
    readonly lotIds: readonly string[],
    /** Sensed spaces per lot. */
    readonly capacity: readonly number[],
    /** First grid instant (epoch ms, a multiple of 15 minutes). */
    readonly startMs: number,
    endMs: number,
  ) {
    this.instants = Math.max(0, Math.ceil((endMs - startMs) / SLOT_MS));
    this.free = new Int32Array(lotIds.length * this.instants).fill(NO_SAMPLE);
    this.known = new Int32Array(lotIds.length * this.instants);
    this.index = new Map(lotIds.map((id, i) => [id, i]));
  }

  lotIndex(lotId: string): number | undefined {
    return this.index.get(lotId);
  }

  instantMs(i: number): number {
    return this.startMs + i * SLOT_MS;
  }

  /** Index of the grid instant at or before `ms`. */
  instantAt(ms: number): number {
    return Math.floor((ms - this.startMs) / SLOT_MS);
  }

  set(lot: number, i: number, free: number, known: number): void {
    this.free[lot * this.instants + i] = free;
    this.known[lot * this.instants + i] = known;
  }

  /** A copy of the grid instants in [fromMs, toMs). */
  slice(fromMs: number, toMs: number): LotHistory {
    const first = Math.max(0, Math.ceil((fromMs - this.startMs) / SLOT_MS));
    const out = new LotHistory(this.lotIds, this.capacity, this.instantMs(first), toMs);
    for (let lot = 0; lot < this.lotIds.length; lot++) {
      for (let i = 0; i < out.instants; i++) {
        out.set(lot, i, this.freeAt(lot, first + i), this.knownAt(lot, first + i));
      }
    }
    return out;
  }

  freeAt(lot: number, i: number): number {
    if (i < 0 || i >= this.instants) return NO_SAMPLE;
    return this.free[lot * this.instants + i];
  }

  knownAt(lot: number, i: number): number {
    if (i < 0 || i >= this.instants) return 0;
    return this.known[lot * this.instants + i];
  }
}

/** Grid instant at or before `ms`. */
export function gridFloor(ms: number): number {
  return Math.floor(ms / SLOT_MS) * SLOT_MS;
}
