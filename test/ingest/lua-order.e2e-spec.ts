/** @needs redis (test/support/services.js) */
import { createLiveRedis } from '@app/live-store';
import { randomBytes } from 'node:crypto';
import { describeOrderContract } from './contract/order.contract';
import { redisOrderHarness } from './support/redis-order-harness';
import { deletePrefix } from './support/test-config';
import { redisUrl } from '../support/test-services';

describeOrderContract('Redis (Lua scripts)', async () => {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const redis = createLiveRedis({ url: redisUrl(), keyPrefix: prefix }, { offlineQueue: true });
  return redisOrderHarness(
    redis,
    (_lotId, text) => redis.publish(`${prefix}live:changes`, text),
    () => deletePrefix(prefix),
  );
});
