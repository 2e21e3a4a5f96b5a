/**
 * Per-client pending events while its connection cannot take more: a newer event for the same
 * key replaces the older one (a slow client gets the latest state, not the history), and the
 * number of keys is capped so a slow client can never make memory grow without bound.
 */
export class CoalescingBuffer<T> {
  private readonly pending = new Map<string, T>();

  constructor(readonly maxKeys: number) {}

  get size(): number {
    return this.pending.size;
  }

  /** False when the buffer is full (the caller disconnects the client). */
  put(key: string, value: T): boolean {
    if (this.pending.has(key)) this.pending.delete(key);
    else if (this.pending.size >= this.maxKeys) return false;
    this.pending.set(key, value);
    return true;
  }

  /** Removes and returns the oldest pending event, if any. */
  shift(): T | undefined {
    const first = this.pending.entries().next();
    if (first.done) return undefined;
    this.pending.delete(first.value[0]);
    return first.value[1];
  }
}
