import { DistanceHeap } from './distance-heap';
import { METRES_PER_DEGREE, cosDeg } from './geo';

const OFFSET = 2 ** 19;
const SPAN = 2 ** 20;
/** Margin for the projection's east-west error across a city (the grid uses one reference latitude). */
const SAFETY = 0.98;

interface Query {
  lat: number;
  lon: number;
  cosLat: number;
  r: number;
}

/** Called in ascending distance; returns true when the point was taken as a result. */
export type AcceptFn = (id: number, distM: number) => boolean;

/**
 * A uniform grid over an equirectangular projection (cells of `cellM` metres at `refLat`),
 * holding integer ids with their coordinates. Searches walk rings of cells outwards and hand
 * points to the caller in ascending distance, stopping as soon as `limit` were accepted: a
 * nearby query touches only the few cells around the point, whatever the city's size.
 */
export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private lat = new Float64Array(0);
  private lon = new Float64Array(0);
  private cellOf = new Float64Array(0);
  private slot = new Int32Array(0);
  private count = 0;
  private readonly xScale: number;
  private readonly heap = new DistanceHeap();

  constructor(
    readonly cellM = 150,
    readonly refLat = 0,
  ) {
    this.xScale = (METRES_PER_DEGREE * cosDeg(refLat)) / cellM;
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
    const key = this.key(this.cx(lon), this.cy(lat));
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = []));
    this.slot[id] = cell.length;
    cell.push(id);
    this.cellOf[id] = key;
    this.lat[id] = lat;
    this.lon[id] = lon;
    this.count++;
  }

  remove(id: number): void {
    if (!this.has(id)) return;
    const key = this.cellOf[id];
    const cell = this.cells.get(key)!;
    const at = this.slot[id];
    const last = cell.pop()!;
    if (last !== id) {
      cell[at] = last;
      this.slot[last] = at;
    }
    if (cell.length === 0) this.cells.delete(key);
    this.slot[id] = -1;
    this.count--;
  }

  /**
   * Offers every indexed point within `radiusM` of (lat, lon) to `accept`, nearest first, until
   * `limit` were accepted. Not re-entrant (one shared heap), which is fine on one event loop.
   */
  search(lat: number, lon: number, radiusM: number, limit: number, accept: AcceptFn): void {
    if (limit <= 0 || this.count === 0) return;
    const heap = this.heap;
    heap.clear();
    const cx0 = this.cx(lon);
    const cy0 = this.cy(lat);
    const cosLat = cosDeg(lat);
    const ringM = this.cellM * Math.min(1, cosLat / cosDeg(this.refLat)) * SAFETY;
    const maxRing = Math.ceil(radiusM / ringM) + 1;
    const q: Query = { lat, lon, cosLat, r: radiusM };
    let accepted = 0;
    for (let k = 0; k <= maxRing; k++) {
      this.collectRing(cx0, cy0, k, q);
      const bound = k * ringM;
      while (heap.size > 0 && heap.peekDistance() <= bound) {
        const d = heap.peekDistance();
        if (accept(heap.pop(), d) && ++accepted >= limit) return;
      }
    }
    while (heap.size > 0) {
      const d = heap.peekDistance();
      if (accept(heap.pop(), d) && ++accepted >= limit) return;
    }
  }

  private collectRing(cx0: number, cy0: number, k: number, q: Query): void {
    if (k === 0) return this.collectCell(this.key(cx0, cy0), q);
    for (let dx = -k; dx <= k; dx++) {
      this.collectCell(this.key(cx0 + dx, cy0 - k), q);
      this.collectCell(this.key(cx0 + dx, cy0 + k), q);
    }
    for (let dy = -k + 1; dy <= k - 1; dy++) {
      this.collectCell(this.key(cx0 - k, cy0 + dy), q);
      this.collectCell(this.key(cx0 + k, cy0 + dy), q);
    }
  }

  /** Equirectangular at the query's latitude (one cosine per query, not per point). */
  private collectCell(key: number, q: Query): void {
    const cell = this.cells.get(key);
    if (!cell) return;
    for (let i = 0; i < cell.length; i++) {
      const id = cell[i];
      const x = (this.lon[id] - q.lon) * q.cosLat;
      const y = this.lat[id] - q.lat;
      const d = Math.sqrt(x * x + y * y) * METRES_PER_DEGREE;
      if (d <= q.r) this.heap.push(id, d);
    }
  }

  private cx(lon: number): number {
    return Math.floor(lon * this.xScale);
  }

  private cy(lat: number): number {
    return Math.floor((lat * METRES_PER_DEGREE) / this.cellM);
  }

  private key(cx: number, cy: number): number {
    return (cx + OFFSET) * SPAN + (cy + OFFSET);
  }

  private ensure(id: number): void {
    if (id < this.slot.length) return;
    const n = Math.max(id + 1, this.slot.length * 2, 1024);
    const grow = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.lat = grow(this.lat, (m) => new Float64Array(m));
    this.lon = grow(this.lon, (m) => new Float64Array(m));
    this.cellOf = grow(this.cellOf, (m) => new Float64Array(m));
    const old = this.slot.length;
    this.slot = grow(this.slot, (m) => new Int32Array(m));
    this.slot.fill(-1, old);
  }
}
