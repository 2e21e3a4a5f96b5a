import { SLOT_MS } from './day-kind';
import { gridFloor, LotHistory } from './lot-history';

/**
 * Turns a time-ordered stream of recorded sensor readings (space, instant, occupied) into a
 * `LotHistory`: the state of every lot is sampled at each grid instant. A space counts as known
 * from its first reading on.
 */
export class HistoryRecorder {
  readonly history: LotHistory;
  private readonly state: Int8Array;
  private readonly free: Int32Array;
  private readonly known: Int32Array;
  private next = 0;

  constructor(
    lotIds: readonly string[],
    capacity: readonly number[],
    /** Lot index of every space (-1: not in a lot of the history). */
    private readonly spaceLot: Int32Array,
    startMs: number,
    endMs: number,
  ) {
    this.history = new LotHistory(lotIds, capacity, gridFloor(startMs + SLOT_MS - 1), endMs);
    this.state = new Int8Array(spaceLot.length).fill(-1);
    this.free = new Int32Array(lotIds.length);
    this.known = new Int32Array(lotIds.length);
  }

  /** A reading; readings must come in time order. */
  observe(space: number, ms: number, occupied: boolean): void {
    this.flushBefore(ms);
    const lot = this.spaceLot[space];
    if (lot < 0) return;
    const before = this.state[space];
    const after = occupied ? 1 : 0;
    if (before === after) return;
    if (before === -1) this.known[lot]++;
    else if (before === 0) this.free[lot]--;
    if (after === 0) this.free[lot]++;
    this.state[space] = after;
  }

  /** Samples every remaining grid instant. */
  finish(): LotHistory {
    this.flushBefore(Number.POSITIVE_INFINITY);
    return this.history;
  }

  private flushBefore(ms: number): void {
    const h = this.history;
    while (this.next < h.instants && h.instantMs(this.next) <= ms) {
      for (let lot = 0; lot < this.free.length; lot++) {
        if (this.known[lot] > 0) h.set(lot, this.next, this.free[lot], this.known[lot]);
      }
      this.next++;
    }
  }
}
