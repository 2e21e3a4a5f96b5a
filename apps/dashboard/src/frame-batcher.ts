/**
 * Coalesces updates by key and applies them once per animation frame: with 1,000 lot changes/s
 * the page does one pass per frame over the latest value of each changed key, not 1,000 repaints.
 */
export class FrameBatcher<K, V> {
  private pending = new Map<K, V>();
  private scheduled = false;

  constructor(
    private readonly apply: (batch: Map<K, V>) => void,
    private readonly schedule: (cb: () => void) => unknown = (cb) => requestAnimationFrame(cb),
  ) {}

  put(key: K, value: V): void {
    this.pending.set(key, value);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  flush(): void {
    this.scheduled = false;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.apply(batch);
  }

  get size(): number {
    return this.pending.size;
  }
}
