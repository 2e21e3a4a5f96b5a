/** @needs redis (test/support/services.js) */
import { createLiveRedis, RedisIntentStore } from '@app/live-store';
import { randomBytes } from 'node:crypto';
import { deletePrefix } from '../support/redis-keys';
import { redisUrl } from '../support/test-services';
import { describeIntentStoreContract } from './contract/intent-store.contract';

describeIntentStoreContract('Redis', async () => {
  const keyPrefix = `t:${randomBytes(6).toString('hex')}:`;
  const redis = createLiveRedis({ url: redisUrl(), keyPrefix }, { offlineQueue: true });
  return {
    store: new RedisIntentStore(redis),
    close: async () => {
      await redis.quit();
      await deletePrefix(keyPrefix);
    },
  };
});

describe('Redis intent keys', () => {
  it('are hash-tagged per lot and expire with their last intent', async () => {
    const keyPrefix = `t:${randomBytes(6).toString('hex')}:`;
    const redis = createLiveRedis({ url: redisUrl(), keyPrefix }, { offlineQueue: true });
    try {
      const now = Date.now();
      await new RedisIntentStore(redis).put(
        { id: 'x', lotId: 'L1', spaceId: 'S1', etaMs: now + 60_000, expiresAtMs: now + 120_000 },
        now,
      );
      expect(await redis.hlen('{lot:L1}:i')).toBe(1);
      const ttl = await redis.pttl('{lot:L1}:i');
      expect(ttl).toBeGreaterThan(100_000);
      expect(ttl).toBeLessThanOrEqual(180_000);
    } finally {
      await redis.quit();
      await deletePrefix(keyPrefix);
    }
  });
});
