/** @needs postgres redis-server (test/support/services.js) */
import {
  createLiveClient,
  LiveChangeMessage,
  liveKeys,
  lotSlot,
  RedisLiveStore,
  RedisLiveWriter,
  shardChannel,
} from '@app/live-store';
import type { Cluster } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { startRedisCluster, OwnRedisCluster } from '../support/redis-cluster';
import { deleteClusterPrefix } from '../support/redis-keys';
import { describeLiveStateContract } from './contract/live-state.contract';
import { describeOrderContract } from './contract/order.contract';
import { describeRebuildContract } from './contract/live-rebuild.contract';

// the live-store contract suites on a private Redis Cluster: 3 masters with a replica each
jest.setTimeout(120_000);
let cluster: OwnRedisCluster;
beforeAll(async () => {
  cluster = await startRedisCluster(3);
});
afterAll(async () => {
  await cluster?.stop();
});
const nodes = () => cluster.nodes;

describeLiveStateContract('Redis Cluster', false, nodes);
describeRebuildContract('Redis Cluster', { memory: false, cli: true, clusterNodes: nodes });

describeOrderContract('Redis Cluster (Lua scripts)', async () => {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const redis = createLiveClient(
    { url: 'redis://127.0.0.1:6379/0', keyPrefix: prefix, clusterNodes: nodes() },
    { offlineQueue: true },
  ) as Cluster;
  const reader = new RedisLiveStore(redis);
  // a mark published on the lot's shard channel after its changes arrives after them
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
      // the client prefixes the channel like a key
      await redis.spublish(shardChannel('', lotSlot(lotId)), JSON.stringify({ v: 1, mark }));
      for (let i = 0; i < 200 && !marks.has(mark); i++) await new Promise((r) => setTimeout(r, 10));
      expect(marks.has(mark)).toBe(true);
    },
    close: async () => {
      await unsubscribe();
      await deleteClusterPrefix(prefix, nodes());
      redis.disconnect();
    },
  };
});
