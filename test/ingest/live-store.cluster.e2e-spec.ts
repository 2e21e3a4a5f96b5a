/** @needs postgres redis-server (test/support/services.js) */
import {
  createLiveClient,
  lotSlot,
  RedisIntentStore,
  RedisSignLevelStore,
  shardChannel,
} from '@app/live-store';
import type { Cluster } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { startRedisCluster, OwnRedisCluster } from '../support/redis-cluster';
import { deleteClusterPrefix } from '../support/redis-keys';
import { describeLiveStateContract } from './contract/live-state.contract';
import { describeOrderContract } from './contract/order.contract';
import { describeIntentStoreContract } from '../guidance/contract/intent-store.contract';
import { describeSignLevelStoreContract } from '../guidance/contract/sign-level-store.contract';
import { describeRebuildContract } from './contract/live-rebuild.contract';
import { redisOrderHarness } from './support/redis-order-harness';

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
  return redisOrderHarness(
    redis,
    // on the lot's shard channel; the client prefixes the channel like a key
    (lotId, text) => redis.spublish(shardChannel('', lotSlot(lotId)), text),
    () => deleteClusterPrefix(prefix, nodes()),
  );
});

describeIntentStoreContract('Redis Cluster', async () => {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const redis = createLiveClient(
    { url: 'redis://127.0.0.1:6379/0', keyPrefix: prefix, clusterNodes: nodes() },
    { offlineQueue: true },
  );
  return {
    store: new RedisIntentStore(redis),
    close: async () => {
      await redis.quit();
      await deleteClusterPrefix(prefix, nodes());
    },
  };
});

describeSignLevelStoreContract('Redis Cluster', async () => {
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const redis = createLiveClient(
    { url: 'redis://127.0.0.1:6379/0', keyPrefix: prefix, clusterNodes: nodes() },
    { offlineQueue: true },
  );
  return {
    store: new RedisSignLevelStore(redis),
    close: async () => {
      await redis.quit();
      await deleteClusterPrefix(prefix, nodes());
    },
  };
});
