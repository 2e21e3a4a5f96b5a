import {
  LiveChangeMessage,
  liveKeys,
  LiveRedis,
  RedisLiveStore,
  RedisLiveWriter,
} from '@app/live-store';
import type { OrderHarness } from '../contract/order.contract';

/**
 * The ordering contract's harness on a Redis client (one Redis or a cluster). `publishMark`
 * publishes a text where the lot's change messages go: a mark sent after the changes arrives
 * after them (one channel, in order), which is how `drain` knows they all arrived.
 */
export async function redisOrderHarness(
  redis: LiveRedis,
  publishMark: (lotId: string, text: string) => Promise<unknown>,
  cleanup: () => Promise<void>,
): Promise<OrderHarness> {
  const reader = new RedisLiveStore(redis);
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
    drain: async (lotId) => {
      const mark = `m${next++}`;
      await publishMark(lotId, JSON.stringify({ v: 1, mark }));
      for (let i = 0; i < 200 && !marks.has(mark); i++) await new Promise((r) => setTimeout(r, 10));
      expect(marks.has(mark)).toBe(true);
    },
    close: async () => {
      await unsubscribe();
      await cleanup();
      redis.disconnect();
    },
  };
}
