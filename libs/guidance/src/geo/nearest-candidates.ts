/**
 * The points a search has read but not yet handed over, with their distances. A search reads
 * many more points than it hands over (the cells around the 20 nearest hold ~150), so instead of
 * ordering every point on arrival (a heap push each) the nearest few are picked when needed: one
 * pass with a small bounded max-heap, mostly a single comparison per point.
 */
export class NearestCandidates {
  private ids = new Int32Array(256);
  private dist = new Float64Array(256);
  private n = 0;
  private heapPos = new Int32Array(32);
  private heapD = new Float64Array(32);
  /** The last `take`, nearest first. */
  outIds = new Int32Array(32);
  outD = new Float64Array(32);

  clear(): void {
    this.n = 0;
  }

  add(id: number, d: number): void {
    if (this.n === this.ids.length) this.grow();
    this.ids[this.n] = id;
    this.dist[this.n++] = d;
  }

  /**
   * Moves the `k` nearest candidates within `bound` (fewer if there are fewer) into outIds/outD,
   * nearest first, and returns how many. Taken candidates are never taken again.
   */
  take(k: number, bound: number): number {
    if (k > this.heapPos.length) this.growOut(k);
    const dist = this.dist;
    const hp = this.heapPos;
    const hd = this.heapD;
    let m = 0;
    for (let j = 0; j < this.n; j++) {
      const d = dist[j];
      if (!(d <= bound)) continue; // NaN marks a taken candidate
      if (m < k) {
        let i = m++;
        while (i > 0) {
          const parent = (i - 1) >> 1;
          if (hd[parent] >= d) break;
          hd[i] = hd[parent];
          hp[i] = hp[parent];
          i = parent;
        }
        hd[i] = d;
        hp[i] = j;
      } else if (d < hd[0]) {
        this.siftDown(d, j, m);
      }
    }
    for (let size = m; size > 0; size--) {
      const pos = hp[0];
      this.outIds[size - 1] = this.ids[pos];
      this.outD[size - 1] = hd[0];
      dist[pos] = NaN;
      if (size > 1) this.siftDown(hd[size - 1], hp[size - 1], size - 1);
    }
    return m;
  }

  /** Puts (d, pos) at the root of the max-heap of `size` and sifts it down. */
  private siftDown(d: number, pos: number, size: number): void {
    const hp = this.heapPos;
    const hd = this.heapD;
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= size) break;
      if (child + 1 < size && hd[child + 1] > hd[child]) child++;
      if (hd[child] <= d) break;
      hd[i] = hd[child];
      hp[i] = hp[child];
      i = child;
    }
    hd[i] = d;
    hp[i] = pos;
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    const dist = new Float64Array(this.dist.length * 2);
    dist.set(this.dist);
    this.ids = ids;
    this.dist = dist;
  }

  private growOut(k: number): void {
    this.heapPos = new Int32Array(k);
    this.heapD = new Float64Array(k);
    this.outIds = new Int32Array(k);
    this.outD = new Float64Array(k);
  }
}
