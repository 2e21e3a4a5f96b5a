import { METRES_PER_DEGREE, cosDeg } from './geo';
import { GridCell } from './grid-cell';
import { NearestCandidates } from './nearest-candidates';

/** Cell coordinates are folded to 15 bits each so a cell key is a small integer (a V8 Smi). */
const BITS = 15;
const MASK = (1 << BITS) - 1;
/** Below half the folding period no two cells of one walk share a key. */
const MAX_RINGS = (1 << (BITS - 1)) - 1;
/** Float slack for the ring and cell bounds (far below a millimetre). */
const REL_EPS = 1e-9;
const ABS_EPS = 1e-6;

/** Called in ascending distance; returns true when the point was taken as a result. */
export type AcceptFn = (id: number, distM: number) => boolean;

/**
 * A uniform grid over an equirectangular projection (cells of `cellM` metres at `refLat`),
 * holding integer ids with their coordinates. Searches walk rings of cells outwards and hand
 * points to the caller in ascending distance (equirectangular at the query's latitude, as
 * `distanceM`), stopping as soon as `limit` were accepted: a point is handed over once no
 * unvisited cell can hold a nearer one, and cells wholly beyond the radius are not read.
 */
export class GridIndex {
  private readonly cells = new Map<number, GridCell>();
  private cellOf: (GridCell | undefined)[] = [];
  private slot = new Int32Array(0);
  private count = 0;
  private readonly xScale: number;
  private readonly yScale: number;
  private readonly pending = new NearestCandidates();
  // the running search (one at a time on the event loop), kept in fields to avoid a closure
  private qLat = 0;
  private qLon = 0;
  private qCos = 0;
  private qGx = 0;
  private qGy = 0;
  private mx = 0;
  private r2 = 0;

  constructor(
    readonly cellM = 150,
    readonly refLat = 0,
  ) {
    this.xScale = (METRES_PER_DEGREE * cosDeg(refLat)) / cellM;
    this.yScale = METRES_PER_DEGREE / cellM;
  }

  get size(): number {
    return this.count;
  }

  has(id: number): boolean {
    return id < this.slot.length && this.slot[id] >= 0;
  }

  insert(id: number, lat: number, lon: number): void {
    this.ensure(id);
    if (this.slot[id] >= 0) this.remove(id);
    const key = this.key(Math.floor(lon * this.xScale), Math.floor(lat * this.yScale));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = new GridCell()));
    this.slot[id] = cell.add(id, lat, lon);
    this.cellOf[id] = cell;
    this.count++;
  }

  remove(id: number): void {
    if (!this.has(id)) return;
    const cell = this.cellOf[id]!;
    const moved = cell.removeAt(this.slot[id]);
    if (moved >= 0) this.slot[moved] = this.slot[id];
    this.slot[id] = -1;
    this.cellOf[id] = undefined;
    this.count--;
  }

  /**
   * Offers every indexed point within `radiusM` of (lat, lon) to `accept`, nearest first, until
   * `limit` were accepted. Not re-entrant (one shared buffer), which is fine on one event loop.
   */
  search(lat: number, lon: number, radiusM: number, limit: number, accept: AcceptFn): void {
    if (limit <= 0 || this.count === 0 || !(radiusM >= 0)) return;
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
    this.pending.clear();
    this.qLat = lat;
    this.qLon = lon;
    this.qCos = cosDeg(lat);
    this.qGx = lon * this.xScale;
    this.qGy = lat * this.yScale;
    this.mx = (this.qCos * METRES_PER_DEGREE) / this.xScale;
    const reach = radiusM * (1 + REL_EPS) + ABS_EPS;
    this.r2 = reach * reach;
    const cx0 = Math.floor(this.qGx);
    const cy0 = Math.floor(this.qGy);
    if (radiusM / Math.min(this.mx, this.cellM) > MAX_RINGS - 1) {
      for (const cell of this.cells.values()) this.collect(cell, radiusM);
      this.drain(Infinity, limit, 0, accept);
      return;
    }
    let accepted = 0;
    for (let k = 0; k <= MAX_RINGS; k++) {
      this.collectRing(cx0, cy0, k, radiusM);
      const bound = this.boxDistance(cx0, cy0, k);
      accepted = this.drain(bound >= radiusM ? Infinity : bound, limit, accepted, accept);
      if (accepted >= limit || bound >= radiusM) return;
    }
  }

  /** Hands over pending points up to `bound`; returns the running count of accepted points. */
  private drain(bound: number, limit: number, accepted: number, accept: AcceptFn): number {
    const pending = this.pending;
    while (accepted < limit) {
      // a few more than still needed: refused points then rarely cost another pass over all
      const want = limit - accepted + ((limit - accepted) >> 1) + 4;
      const got = pending.take(want, bound);
      for (let j = 0; j < got; j++) {
        if (accept(pending.outIds[j], pending.outD[j]) && ++accepted >= limit) return accepted;
      }
      if (got < want) break;
    }
    return accepted;
  }

  /** A lower bound of the distance from the query to any point outside rings 0..k. */
  private boxDistance(cx0: number, cy0: number, k: number): number {
    const gx = this.qGx;
    const gy = this.qGy;
    const dx = Math.min(gx - (cx0 - k), cx0 + k + 1 - gx) * this.mx;
    const dy = Math.min(gy - (cy0 - k), cy0 + k + 1 - gy) * this.cellM;
    return Math.min(dx, dy) * (1 - REL_EPS) - ABS_EPS;
  }

  private collectRing(cx0: number, cy0: number, k: number, r: number): void {
    if (k === 0) return this.collectKey(this.key(cx0, cy0), r);
    this.collectRow(cx0, cy0 - k, k, cy0, r);
    this.collectRow(cx0, cy0 + k, k, cy0, r);
    this.collectColumn(cx0 - k, cy0, k, cx0, r);
    this.collectColumn(cx0 + k, cy0, k, cx0, r);
  }

  /** Row cy of ring k (its corners included), skipping cells wholly beyond the radius. */
  private collectRow(cx0: number, cy: number, k: number, cy0: number, r: number): void {
    const dy = this.gapY(cy, cy0);
    if (dy * dy > this.r2) return;
    for (let cx = cx0 - k; cx <= cx0 + k; cx++) {
      const dx = this.gapX(cx, cx0);
      if (dx * dx + dy * dy <= this.r2) this.collectKey(this.key(cx, cy), r);
    }
  }

  /** Column cx of ring k without its corners (the rows hold them). */
  private collectColumn(cx: number, cy0: number, k: number, cx0: number, r: number): void {
    const dx = this.gapX(cx, cx0);
    if (dx * dx > this.r2) return;
    for (let cy = cy0 - k + 1; cy <= cy0 + k - 1; cy++) {
      const dy = this.gapY(cy, cy0);
      if (dx * dx + dy * dy <= this.r2) this.collectKey(this.key(cx, cy), r);
    }
  }

  /** Metres from the query to the nearest x of column cx (0 inside it). */
  private gapX(cx: number, cx0: number): number {
    if (cx > cx0) return (cx - this.qGx) * this.mx;
    if (cx < cx0) return (this.qGx - cx - 1) * this.mx;
    return 0;
  }

  private gapY(cy: number, cy0: number): number {
    if (cy > cy0) return (cy - this.qGy) * this.cellM;
    if (cy < cy0) return (this.qGy - cy - 1) * this.cellM;
    return 0;
  }

  private collectKey(key: number, r: number): void {
    const cell = this.cells.get(key);
    if (cell) this.collect(cell, r);
  }

  /** Equirectangular at the query's latitude (one cosine per query, not per point). */
  private collect(cell: GridCell, r: number): void {
    const { lat, lon, ids } = cell;
    const qLat = this.qLat;
    const qLon = this.qLon;
    const qCos = this.qCos;
    for (let i = 0; i < cell.n; i++) {
      const x = (lon[i] - qLon) * qCos;
      const y = lat[i] - qLat;
      const d = Math.sqrt(x * x + y * y) * METRES_PER_DEGREE;
      if (d <= r) this.pending.add(ids[i], d);
    }
  }

  private key(cx: number, cy: number): number {
    return ((cx & MASK) << BITS) | (cy & MASK);
  }

  private ensure(id: number): void {
    if (id < this.slot.length) return;
    const n = Math.max(id + 1, this.slot.length * 2, 1024);
    const slot = new Int32Array(n).fill(-1);
    slot.set(this.slot);
    this.slot = slot;
    this.cellOf.length = n;
  }
}
