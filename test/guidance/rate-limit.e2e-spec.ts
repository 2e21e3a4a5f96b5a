/** @needs postgres redis (test/support/services.js) */
import { createLiveRedis } from '@app/live-store';
import { GuidanceHarness, TestClock } from './support/guidance-harness';

describe('per-IP rate limit on public routes (shared Redis fixed window)', () => {
  const h = new GuidanceHarness(new TestClock(Date.parse('2026-12-01T10:00:00+08:00')));

  beforeAll(() => h.start({ RATE_LIMIT_MAX: '3', RATE_LIMIT_WINDOW_MS: '60000' }));
  afterAll(() => h.stop());

  it('refuses the 4th request in the window with 429 rate_limited, probes stay exempt', async () => {
    const url = '/v1/spaces/nearby?lat=31.23&lon=121.47';
    const codes: number[] = [];
    for (let i = 0; i < 3; i++) codes.push((await h.get(url)).statusCode);
    expect(codes).toEqual([200, 200, 200]);
    const refused = await h.get('/v1/lots/L1');
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({ error: 'rate_limited', message: expect.any(String) });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect((await h.get('/v1/openapi.json')).statusCode).toBe(200);
    expect((await h.get('/health/ready')).statusCode).toBe(200);

    // the counter lives in Redis, where every API instance counts
    const redis = createLiveRedis(h.config.redis, { offlineQueue: true });
    try {
      expect(Number(await redis.get('rl:{127.0.0.1}'))).toBe(4);
      expect(await redis.pttl('rl:{127.0.0.1}')).toBeGreaterThan(50_000);
    } finally {
      await redis.quit();
    }
  });
});
