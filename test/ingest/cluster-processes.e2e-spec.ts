/** @needs postgres mosquitto redis-server (test/support/services.js) */
import { createLiveClient, RedisLiveStore } from '@app/live-store';
import { Client } from 'pg';
import { Child, getJson, pollUntil } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { OwnRedisCluster, startRedisCluster } from '../support/redis-cluster';
import { startTsApp } from '../support/ts-app';
import { waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { waitForBalance } from './support/worker-health';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';

jest.setTimeout(600_000);
const RATE_LIMIT = 200;
const SIGN = { fullAt: 3, fullClearAt: 8, almostFullAt: 12, almostFullClearAt: 15 };

/**
 * Two ingest workers and two API instances, separate processes on one Redis Cluster: every API
 * instance sees every change (its replica follows the sharded change stream), and the rate
 * limit is one budget per client across the instances (counters in the cluster), and so is a
 * sign's hysteresis (levels in the cluster): a panel polling both instances never flaps.
 */
describe('Redis Cluster: two ingest workers and two API instances as processes', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto;
  let cluster: OwnRedisCluster;
  let city: TestCity;
  let pg: Client;
  const procs: Child[] = [];
  let pub: TestPublisher | null = null;

  beforeAll(async () => {
    [db, broker, cluster] = await Promise.all([
      createTestDatabase(),
      startMosquitto(),
      startRedisCluster(3),
    ]);
    city = await seedTestCity(db.url, { lots: 4, spacesPerLot: 25, gateways: 4, sign: SIGN });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await pub?.close();
    for (const p of procs) await p.kill('SIGKILL');
    await pg?.end();
    await broker?.stop();
    await cluster?.stop();
    await db?.drop();
  });

  it('shows every change on every API instance and shares the sign levels and the rate limit', async () => {
    const w = workerEnv(db.url, broker.url, {
      INGEST_PARTITIONS: '4',
      INGEST_TAKEOVER_MS: '300',
      REDIS_CLUSTER_NODES: cluster.nodes.join(','),
    });
    const workerPorts = [await freePort(), await freePort()];
    for (const port of workerPorts) {
      procs.push(
        await startWorkerProcess({ ...w.env, INGEST_METRICS_PORT: String(port) }, 240_000),
      );
    }
    await waitForBalance(workerPorts, 2);
    const apiPorts = [await freePort(), await freePort()];
    for (const port of apiPorts) {
      const api = startTsApp('apps/api/src/main.ts', {
        ...w.env,
        LOG_LEVEL: 'warn',
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        RATE_LIMIT_ENABLED: 'true',
        RATE_LIMIT_MAX: String(RATE_LIMIT),
        RATE_LIMIT_WINDOW_MS: '600000',
      });
      procs.push(api);
      await pollUntil(
        api,
        `API on ${port} ready`,
        async () =>
          (await getJson(`http://127.0.0.1:${port}/health/ready`)).status === 200
            ? true
            : undefined,
        180_000,
      );
    }

    pub = await TestPublisher.connect(broker.url, city, w.root);
    await pub.publish(400, 1);
    await pub.publish(50, 10);
    expect(await waitForHistory(pg, pub.sent.length)).toBe(pub.sent.length);

    // the ground truth per lot, from the live store itself and from the published events
    const redis = createLiveClient(
      { url: 'redis://127.0.0.1:6379/0', keyPrefix: w.prefix, clusterNodes: cluster.nodes },
      { offlineQueue: true },
    );
    const live = await new RedisLiveStore(redis)
      .lotCounts(city.lots)
      .finally(() => redis.disconnect());
    const final = pub.expectedFinal();
    const lotOf = new Map(city.sensors.map((s) => [s.sensorId, s.lotId]));
    for (const lot of city.lots) {
      const occupied = [...final].filter(([s, e]) => lotOf.get(s) === lot && e.occupied).length;
      expect(live.find((c) => c.lotId === lot)?.occupied).toBe(occupied);
    }
    const occupiedOn = async (port: number) => {
      const out: number[] = [];
      for (const lot of city.lots) {
        const { status, body } = await getJson(`http://127.0.0.1:${port}/v1/lots/${lot}`);
        expect(status).toBe(200);
        out.push((body as { occupied: number }).occupied);
      }
      return out;
    };
    const want = city.lots.map((l) => live.find((c) => c.lotId === l)?.occupied);
    let requests = 0;
    for (const port of apiPorts) {
      let got: number[] = [];
      for (let i = 0; i < 50; i++) {
        got = await occupiedOn(port);
        requests += city.lots.length;
        if (JSON.stringify(got) === JSON.stringify(want)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(got).toEqual(want);
    }

    // the sign over lot L0: full on A at 2 free; then 6 free (inside the full band's hysteresis,
    // below almostFullAt): B, which never showed the sign, must still show FULL, as A does
    const freeOn = async (port: number, want: number) => {
      for (let i = 0; i < 50; i++) {
        requests++;
        const { body } = await getJson(`http://127.0.0.1:${port}/v1/lots/L0`);
        if ((body as { free: number }).free === want) return;
        await new Promise((r) => setTimeout(r, 200));
      }
      throw new Error(`lot L0 never showed ${want} free on ${port}`);
    };
    const signOn = async (port: number) => {
      requests++;
      const { status, body } = await getJson(`http://127.0.0.1:${port}/v1/signs/SIGN0`);
      expect(status).toBe(200);
      return (body as { entries: { level: string; text: string }[] }).entries[0];
    };
    await pub.setLot('L0', 2);
    await freeOn(apiPorts[0], 2);
    expect(await signOn(apiPorts[0])).toMatchObject({ level: 'full', text: 'P0 FULL' });
    await pub.setLot('L0', 6);
    await freeOn(apiPorts[1], 6);
    expect(await signOn(apiPorts[1])).toMatchObject({ level: 'full', text: 'P0 FULL' });
    await freeOn(apiPorts[0], 6);
    expect(await signOn(apiPorts[0])).toMatchObject({ level: 'full' });
    // above fullClearAt: almost full on either instance, then open above almostFullClearAt
    await pub.setLot('L0', 10);
    await freeOn(apiPorts[1], 10);
    expect(await signOn(apiPorts[1])).toMatchObject({ level: 'almost_full', text: 'P0 10' });
    await pub.setLot('L0', 14);
    await freeOn(apiPorts[0], 14);
    expect(await signOn(apiPorts[0])).toMatchObject({ level: 'almost_full' });

    // one budget for both instances: alternate until refused; the refusal comes once the
    // budget is spent in total, not per instance
    expect(requests).toBeLessThan(RATE_LIMIT);
    let refusedAt = 0;
    for (let n = requests; n < RATE_LIMIT * 2 && refusedAt === 0; n++) {
      const port = apiPorts[n % 2];
      const res = await fetch(`http://127.0.0.1:${port}/v1/lots/${city.lots[0]}`);
      await res.text();
      if (res.status === 429) refusedAt = n + 1;
    }
    expect(refusedAt).toBe(RATE_LIMIT + 1);
  });
});
