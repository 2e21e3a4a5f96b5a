import { MemoryRateLimitStore } from './memory-rate-limit-store';

describe('MemoryRateLimitStore (fixed window, as the Redis script)', () => {
  it('counts per key within a window that starts with the first hit, then starts anew', async () => {
    let now = 1_000_000;
    const s = new MemoryRateLimitStore(() => now);
    expect(await s.hit('a', 60_000)).toEqual({ count: 1, ttlMs: 60_000 });
    now += 10_000;
    expect(await s.hit('a', 60_000)).toEqual({ count: 2, ttlMs: 50_000 });
    expect(await s.hit('b', 60_000)).toEqual({ count: 1, ttlMs: 60_000 });
    now += 50_000;
    expect(await s.hit('a', 60_000)).toEqual({ count: 1, ttlMs: 60_000 });
  });

  it('forgets expired keys as hits arrive', async () => {
    let now = 0;
    const s = new MemoryRateLimitStore(() => now);
    for (let i = 0; i < 100; i++) await s.hit(`ip${i}`, 1000);
    expect(s.size).toBe(100);
    now += 5000;
    await s.hit('late', 1000);
    expect(s.size).toBe(1);
  });
});
