/** Binary min-heap of integer ids keyed by a number (ties broken by id, so the order is deterministic). */
export class IdHeap {
  private ids: Int32Array;
  private keys: Float64Array;
  private size = 0;

  constructor(capacity: number) {
    this.ids = new Int32Array(Math.max(1, capacity));
    this.keys = new Float64Array(Math.max(1, capacity));
  }

  get length(): number {
    return this.size;
  }

  peekKey(): number {
    return this.size > 0 ? this.keys[0] : Infinity;
  }

  push(id: number, key: number): void {
    if (this.size === this.ids.length) this.grow();
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(key, id, this.keys[parent], this.ids[parent])) break;
      this.ids[i] = this.ids[parent];
      this.keys[i] = this.keys[parent];
      i = parent;
    }
    this.ids[i] = id;
    this.keys[i] = key;
  }

  /** Removes and returns the id with the smallest key; -1 when empty. */
  pop(): number {
    if (this.size === 0) return -1;
    const top = this.ids[0];
    const lastId = this.ids[--this.size];
    const lastKey = this.keys[this.size];
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      const c =
        r < this.size && this.less(this.keys[r], this.ids[r], this.keys[l], this.ids[l]) ? r : l;
      if (!this.less(this.keys[c], this.ids[c], lastKey, lastId)) break;
      this.ids[i] = this.ids[c];
      this.keys[i] = this.keys[c];
      i = c;
    }
    this.ids[i] = lastId;
    this.keys[i] = lastKey;
    return top;
  }

  private less(k1: number, id1: number, k2: number, id2: number): boolean {
    return k1 < k2 || (k1 === k2 && id1 < id2);
  }

  private grow(): void {
    const ids = new Int32Array(this.ids.length * 2);
    const keys = new Float64Array(this.keys.length * 2);
    ids.set(this.ids);
    keys.set(this.keys);
    this.ids = ids;
    this.keys = keys;
  }
}
