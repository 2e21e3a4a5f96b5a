/** A growable binary min-heap of (distance, id) pairs kept in typed arrays (no per-item objects). */
export class DistanceHeap {
  private dist = new Float64Array(256);
  private ids = new Int32Array(256);
  private n = 0;

  get size(): number {
    return this.n;
  }

  clear(): void {
    this.n = 0;
  }

  peekDistance(): number {
    return this.n > 0 ? this.dist[0] : Infinity;
  }

  push(id: number, d: number): void {
    if (this.n === this.dist.length) this.grow();
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.dist[parent] <= d) break;
      this.dist[i] = this.dist[parent];
      this.ids[i] = this.ids[parent];
      i = parent;
    }
    this.dist[i] = d;
    this.ids[i] = id;
  }

  /** Removes the nearest pair; its distance is read with peekDistance() before the call. */
  pop(): number {
    const top = this.ids[0];
    const last = --this.n;
    if (last > 0) this.siftDown(this.dist[last], this.ids[last], last);
    return top;
  }

  private siftDown(d: number, id: number, n: number): void {
    let i = 0;
    for (;;) {
      let child = 2 * i + 1;
      if (child >= n) break;
      if (child + 1 < n && this.dist[child + 1] < this.dist[child]) child++;
      if (this.dist[child] >= d) break;
      this.dist[i] = this.dist[child];
      this.ids[i] = this.ids[child];
      i = child;
    }
    this.dist[i] = d;
    this.ids[i] = id;
  }

  private grow(): void {
    const dist = new Float64Array(this.dist.length * 2);
    dist.set(this.dist);
    const ids = new Int32Array(this.ids.length * 2);
    ids.set(this.ids);
    this.dist = dist;
    this.ids = ids;
  }
}
