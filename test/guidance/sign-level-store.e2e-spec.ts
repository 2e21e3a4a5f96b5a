/** @needs redis (test/support/services.js) */
import { createLiveRedis, RedisSignLevelStore, SIGN_LEVEL_TTL_MS } from '@app/live-store';
import { randomBytes } from 'node:crypto';
import { deletePrefix } from '../support/redis-keys';
import { redisUrl } from '../support/test-services';
import { describeSignLevelStoreContract } from './contract/sign-level-store.contract';

describeSignLevelStoreContract('Redis', async () => {
  const keyPrefix = `t:${randomBytes(6).toString('hex')}:`;
  const redis = createLiveRedis({ url: redisUrl(), keyPrefix }, { offlineQueue: true });
  return {
    store: new RedisSignLevelStore(redis),
    close: async () => {
      await redis.quit();
      await deletePrefix(keyPrefix);
    },
  };
});

describe('Redis sign level keys', () => {
  it('are one hash per sign, hash-tagged by sign, and expire when the sign is no longer asked for', async () => {
    const keyPrefix = `t:${randomBytes(6).toString('hex')}:`;
    const redis = createLiveRedis({ url: redisUrl(), keyPrefix }, { offlineQueue: true });
    try {
      const store = new RedisSignLevelStore(redis);
      await store.replace('G7', [null, null], ['full', 'open']);
      expect(await redis.hgetall('{sign:G7}:lv')).toEqual({ '0': 'full', '1': 'open' });
      await redis.pexpire('{sign:G7}:lv', 60_000);
      // a read renews the lifetime
      await store.read('G7', 2);
      expect(await redis.pttl('{sign:G7}:lv')).toBeGreaterThan(SIGN_LEVEL_TTL_MS - 60_000);
    } finally {
      await redis.quit();
      await deletePrefix(keyPrefix);
    }
  });
});
