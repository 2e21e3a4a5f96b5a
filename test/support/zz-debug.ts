import { createLiveClient, RedisLiveWriter } from '@app/live-store';
import { startRedisCluster } from './redis-cluster';
(async () => {
  const c = await startRedisCluster(3);
  try {
    const redis = createLiveClient({ url: 'redis://127.0.0.1:6379/0', keyPrefix: 'x:', clusterNodes: c.nodes }, { offlineQueue: true });
    const w = new RedisLiveWriter(redis);
    const lots = ['L0', 'L1', 'L2'].map((lotId) => ({ lotId, zoneId: 'Z', spaces: [{ spaceId: 'P' + lotId }] }));
    const t = Date.now();
    const step = async <T>(name: string, p: Promise<T>) => { const v = await Promise.race([p, new Promise((_, rej) => setTimeout(() => rej(new Error(name + ' timeout')), 5000))]); console.log(name, Date.now() - t, JSON.stringify(v).slice(0, 200)); return v as T; };
    await step('rebuild', w.rebuildLots(lots, 0, false));
    const item = (lotId: string) => ({ lotId, zoneId: 'Z', spaceId: 'P' + lotId, sensorId: 'S' + lotId, seq: 1, type: 'status' as const, occupied: true, ts: 1000, receivedAt: 1000, lowBatteryMv: null, staleMs: 100000 });
    const out = await step('apply', w.applyBatch([item('L0'), item('L1')]));
    await step('settle', w.settle(out.records, ['L0', 'L1']));
    redis.disconnect();
  } finally {
    await c.stop();
  }
})().catch((e) => { console.error(e); process.exit(1); });
