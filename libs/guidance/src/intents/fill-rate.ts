import { METRES_PER_DEGREE, cosDeg } from '../geo/geo';
import type { SpaceTable } from '../replica/space-table';

/** Cell size (m) of the fill-rate grid. */
export const FILL_CELL_M_DEFAULT = 150;
/** Memory of the fill-rate counters (exponential decay time constant). */
export const FILL_TAU_MS_DEFAULT = 15 * 60_000;

/**
 * How fast free spaces are being taken, per grid cell: an exponentially decayed count of
 * free -> occupied transitions over the decayed free-space-time of the cell (spaces reported free
 * x seconds), i.e. a hazard rate lambda per free space per second. `chanceFree` is then the chance
 * a free space is still free after `travelMs`: exp(-lambda x travel). A cell with few
 * observations leans on the city-wide rate (one pseudo-fill at the city's rate).
 *
 * Fed by the replica on every applied change (O(1): one cell's counters, decayed lazily) and
 * read per nearby candidate (O(1): one exponential). Cells are keyed by grid coordinates, so the
 * counters survive catalog reloads and snapshots (which only recount the free spaces).
 */
export class FillRate {
  private readonly keyToCell = new Map<number, number>();
  /** Per table index: its cell (dense), -1 before `attach`. */
  private cellOfSpace = new Int32Array(0);
  private free = new Float64Array(16);
  private fills = new Float64Array(16);
  private freeTime = new Float64Array(16);
  private last = new Float64Array(16);
  private cells = 0;
  // the city-wide counters (the prior of every cell)
  private gFree = 0;
  private gFills = 0;
  private gFreeTime = 0;
  private gLast = -Infinity;
  private xScale = 0;
  private yScale = 0;

  constructor(
    readonly cellM = FILL_CELL_M_DEFAULT,
    readonly tauMs = FILL_TAU_MS_DEFAULT,
  ) {}

  /** Maps a (new) table's spaces to cells and recounts the free spaces; keeps the rates. */
  attach(t: SpaceTable, refLat: number): void {
    this.xScale = (METRES_PER_DEGREE * cosDeg(refLat)) / this.cellM;
    this.yScale = METRES_PER_DEGREE / this.cellM;
    this.cellOfSpace = new Int32Array(t.size);
    for (let i = 0; i < t.size; i++) {
      const key = Math.floor(t.lon[i] * this.xScale) * 65_536 + Math.floor(t.lat[i] * this.yScale);
      let c = this.keyToCell.get(key);
      if (c === undefined) {
        c = this.cells++;
        this.keyToCell.set(key, c);
        this.grow();
      }
      this.cellOfSpace[i] = c;
    }
    this.recount(t);
  }

  /** Recounts the free spaces of every cell (after a snapshot replaced the live state). */
  recount(t: SpaceTable): void {
    this.free.fill(0);
    this.gFree = 0;
    for (let i = 0; i < t.size && i < this.cellOfSpace.length; i++) {
      if (t.reportedFree(i)) {
        this.free[this.cellOfSpace[i]]++;
        this.gFree++;
      }
    }
  }

  /**
   * A space became reported free (`isFree`) or stopped being free (`taken`: reported occupied,
   * else unknown) at `tMs`.
   */
  change(i: number, isFree: boolean, taken: boolean, tMs: number): void {
    if (i >= this.cellOfSpace.length || !Number.isFinite(tMs)) return;
    const c = this.cellOfSpace[i];
    this.advance(c, tMs);
    const d = isFree ? 1 : -1;
    this.free[c] = Math.max(0, this.free[c] + d);
    this.gFree = Math.max(0, this.gFree + d);
    if (!isFree && taken) {
      this.fills[c] += 1;
      this.gFills += 1;
    }
  }

  /** Free spaces taken per free space per second near space `i` (at `nowMs`). */
  rate(i: number, nowMs: number): number {
    if (i >= this.cellOfSpace.length) return 0;
    const c = this.cellOfSpace[i];
    const tau = this.tauMs;
    const gw = Math.exp(-Math.max(0, nowMs - this.gLast) / tau);
    const gTime = this.gFreeTime * gw + this.gFree * tau * (1 - gw);
    const gFills = this.gFills * gw;
    if (gTime <= 0) return 0;
    const g = gFills / gTime; // per free space per ms, city-wide
    const w = Math.exp(-Math.max(0, nowMs - this.last[c]) / tau);
    const time = this.freeTime[c] * w + this.free[c] * tau * (1 - w);
    const fills = this.fills[c] * w;
    // one pseudo-fill at the city-wide rate: a quiet cell with little history is not a sure bet
    return g > 0 ? ((fills + 1) / (time + 1 / g)) * 1000 : 0;
  }

  /**
   * The chance space `i`, free for `freeForMs` now, is still free after `travelMs`. The local
   * rate is the prior of the space's own rate (a gamma of shape 1); having stayed free for a
   * while is evidence of a quieter spot: the posterior mean is `r / (1 + r x freeFor)`.
   */
  chanceFree(i: number, nowMs: number, travelMs: number, freeForMs = 0): number {
    let r = this.rate(i, nowMs);
    if (freeForMs > 0) r = r / (1 + (r * freeForMs) / 1000);
    return Math.exp((-r * Math.max(0, travelMs)) / 1000);
  }

  private advance(c: number, tMs: number): void {
    const tau = this.tauMs;
    const dt = this.last[c] === 0 ? 0 : Math.max(0, tMs - this.last[c]);
    const w = Math.exp(-dt / tau);
    this.freeTime[c] = this.freeTime[c] * w + this.free[c] * tau * (1 - w);
    this.fills[c] *= w;
    if (tMs > this.last[c]) this.last[c] = tMs;
    const gdt = Number.isFinite(this.gLast) ? Math.max(0, tMs - this.gLast) : 0;
    const gw = Math.exp(-gdt / tau);
    this.gFreeTime = this.gFreeTime * gw + this.gFree * tau * (1 - gw);
    this.gFills *= gw;
    if (tMs > this.gLast) this.gLast = tMs;
  }

  private grow(): void {
    if (this.cells <= this.free.length) return;
    const n = this.free.length * 2;
    const g = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.free = g(this.free);
    this.fills = g(this.fills);
    this.freeTime = g(this.freeTime);
    this.last = g(this.last);
  }
}
