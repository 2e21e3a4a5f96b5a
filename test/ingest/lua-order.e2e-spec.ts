/** @needs redis (test/support/services.js) */
import {
  createLiveRedis,
  LiveChangeMessage,
  liveKeys,
  RedisLiveStore,
  RedisLiveWriter,
} from '@app/live-store';
import { randomBytes } from 'node:crypto';
import { describeOrderContract } from './contract/order.contract';
import { deletePrefix } from './support/test-config';
import { redisUrl } from '../support/test-services';

describeOrderContract('Redis (Lua scripts)', async () => {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const redis = createLiveRedis({ url: redisUrl(), keyPrefix: prefix }, { offlineQueue: true });
  const reader = new RedisLiveStore(redis);
  // a mark published after the changes arrives after them (one channel, in order)
  const marks = new Set<string>();
  let next = 0;
  const unsubscribe = await reader.subscribeChanges((m: LiveChangeMessage & { mark?: string }) => {
    if (m.mark) marks.add(m.mark);
  });
  return {
    writer: new RedisLiveWriter(redis),
    reader,
    packed: (lotId, spaceId) => redis.hget(liveKeys.records(lotId), spaceId),
    putPacked: async (lotId, spaceId, packed) => {
      await redis.hset(liveKeys.records(lotId), spaceId, packed);
    },
    drain: async () => {
      const mark = `m${next++}`;
      await redis.publish(`${prefix}live:changes`, JSON.stringify({ v: 1, mark }));
      for (let i = 0; i < 200 && !marks.has(mark); i++) await new Promise((r) => setTimeout(r, 10));
      expect(marks.has(mark)).toBe(true);
    },
    close: async () => {
      await unsubscribe();
      await deletePrefix(prefix);
      redis.disconnect();
    },
  };
});
