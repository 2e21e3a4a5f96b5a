interface Entry {
  key: string;
  at: number;
}

/** setTimeout's ceiling is ~24.8 days; a far deadline is re-armed when the timer fires. */
const MAX_DELAY_MS = 6 * 3600 * 1000;

/**
 * One timer for every deadline: a binary min-heap keyed on time, one live deadline per key
 * (rescheduling a key supersedes its older entry, which is skipped when popped).
 */
export class DeadlineScheduler {
  private readonly heap: Entry[] = [];
  private readonly live = new Map<string, number>();
  private timer: NodeJS.Timeout | null = null;
  private armedFor = Infinity;
  private stopped = false;

  constructor(
    private readonly onDue: (key: string, at: number) => void,
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.live.size;
  }

  deadlineOf(key: string): number | undefined {
    return this.live.get(key);
  }

  schedule(key: string, at: number): void {
    if (this.stopped) return;
    this.live.set(key, at);
    this.push({ key, at });
    if (at < this.armedFor) this.arm();
  }

  cancel(key: string): void {
    this.live.delete(key);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.live.clear();
    this.heap.length = 0;
  }

  /** Fires every deadline that is due; the timer calls it, tests may too. */
  runDue(): void {
    const now = this.now();
    while (this.heap.length > 0 && this.heap[0].at <= now) {
      const e = this.pop()!;
      if (this.live.get(e.key) !== e.at) continue;
      this.live.delete(e.key);
      this.onDue(e.key, e.at);
    }
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.armedFor = Infinity;
    while (this.heap.length > 0 && this.live.get(this.heap[0].key) !== this.heap[0].at) this.pop();
    if (this.stopped || this.heap.length === 0) return;
    const at = this.heap[0].at;
    const delay = Math.min(Math.max(0, at - this.now()), MAX_DELAY_MS);
    this.armedFor = at;
    this.timer = setTimeout(() => this.runDue(), delay);
    this.timer.unref();
  }

  private push(e: Entry): void {
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p].at <= h[i].at) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }

  private pop(): Entry | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && h[l].at < h[m].at) m = l;
        if (r < h.length && h[r].at < h[m].at) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}
