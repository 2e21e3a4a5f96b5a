import { RedisLiveStore, createLiveRedis } from '@app/live-store';
import { Client } from 'pg';
import { redisUrl as testRedisUrl } from '../../support/test-services';
import { Published } from './publisher';
import { TestCity } from './test-city';

/** Polls until history holds `expected` rows (or the timeout), returns the final count. */
export async function waitForHistory(pg: Client, expected: number, timeoutMs = 30000) {
  const until = Date.now() + timeoutMs;
  let n = 0;
  while (Date.now() < until) {
    n = Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
    if (n >= expected) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return n;
}

/** Every published uplink is in history exactly once. */
export async function missingFromHistory(pg: Client, sent: Published[]): Promise<number> {
  const res = await pg.query<{ sensor_id: string; seq: string; n: string }>(
    'SELECT sensor_id, seq, count(*) AS n FROM occupancy_events GROUP BY sensor_id, seq',
  );
  const got = new Map(res.rows.map((r) => [`${r.sensor_id}|${r.seq}`, Number(r.n)]));
  return sent.filter((p) => got.get(`${p.sensorId}|${p.seq}`) !== 1).length;
}

/** Spaces whose live state differs from what their sensor said last. */
export async function liveMismatches(
  prefix: string,
  city: TestCity,
  last: Map<string, Published>,
  redisUrl = testRedisUrl(),
): Promise<string[]> {
  const redis = createLiveRedis({ url: redisUrl, keyPrefix: prefix }, { offlineQueue: true });
  try {
    const store = new RedisLiveStore(redis);
    const spaces = new Map((await store.snapshotSpaces(city.lots)).map((s) => [s.spaceId, s]));
    const bad: string[] = [];
    for (const s of city.sensors) {
      const want = last.get(s.sensorId);
      if (!want) continue;
      const got = spaces.get(s.spaceId);
      const state = want.occupied ? 'occupied' : 'free';
      if (!got || got.seq !== want.seq || got.state !== state) {
        bad.push(`${s.sensorId}: want ${want.seq}/${state} got ${got?.seq}/${got?.state}`);
      }
    }
    const counts = await store.lotCounts(city.lots);
    for (const c of counts) {
      const inLot = [...spaces.values()].filter((x) => x.lotId === c.lotId);
      if (c.free !== inLot.filter((x) => x.state === 'free').length)
        bad.push(`${c.lotId} free count`);
      if (c.occupied !== inLot.filter((x) => x.state === 'occupied').length) {
        bad.push(`${c.lotId} occupied count`);
      }
    }
    return bad;
  } finally {
    redis.disconnect();
  }
}
