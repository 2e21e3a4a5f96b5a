import { RateLimitHit, RateLimitStore } from '../rate-limit.port';

/**
 * Fixed-window counters in process memory (one API process: the development profile), with the
 * Redis script's semantics: the first hit of a key starts a window of `windowMs`; every hit
 * counts; the key is forgotten when its window ends. Expired keys are purged as hits arrive, so
 * memory stays bounded by the clients of the last window.
 */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();
  private nextPurge = 0;

  constructor(private readonly clock: () => number = Date.now) {
    super();
  }

  async hit(key: string, windowMs: number): Promise<RateLimitHit> {
    const now = this.clock();
    if (now >= this.nextPurge) this.purge(now, windowMs);
    let w = this.windows.get(key);
    if (!w || w.endsAt <= now) {
      w = { count: 0, endsAt: now + windowMs };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { count: w.count, ttlMs: w.endsAt - now };
  }

  /** How many keys are held (expired ones may linger until the next purge). */
  get size(): number {
    return this.windows.size;
  }

  private purge(now: number, windowMs: number): void {
    for (const [k, w] of this.windows) if (w.endsAt <= now) this.windows.delete(k);
    this.nextPurge = now + Math.max(1000, windowMs);
  }
}
