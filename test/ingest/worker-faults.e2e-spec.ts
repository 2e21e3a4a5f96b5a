/** @needs postgres redis-server mosquitto (test/support/services.js) */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { OwnRedis, startRedisServer } from '../support/redis-server';
import { startTcpProxy, TcpProxy } from '../support/tcp-proxy';
import { liveMismatches, missingFromHistory, waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';
import { pgAddress, viaPort } from '../support/test-services';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const m = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text);
  return m ? Number(m[1]) : NaN;
}

describe('ingest worker under Redis and PostgreSQL outages', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto;
  let redis: OwnRedis;
  let proxy: TcpProxy;
  let city: TestCity;
  let pg: Client;
  let worker: Child | null = null;
  let pub: TestPublisher | null = null;

  beforeAll(async () => {
    [db, broker, redis] = await Promise.all([
      createTestDatabase(),
      startMosquitto(),
      startRedisServer(),
    ]);
    city = await seedTestCity(db.url, { lots: 4, spacesPerLot: 50, gateways: 4 });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    const pgAt = pgAddress();
    proxy = await startTcpProxy(pgAt.port, pgAt.host);
  });

  afterEach(async () => {
    await pub?.close();
    pub = null;
    await worker?.kill('SIGKILL');
    worker = null;
  });

  afterAll(async () => {
    await proxy?.close();
    await pg?.end();
    await redis?.stop();
    await broker?.stop();
    await db?.drop();
  });

  it('survives a Redis restart mid-stream: rebuilds from PostgreSQL, loses nothing', async () => {
    await pg.query('TRUNCATE occupancy_events, live_space_record');
    const w = workerEnv(db.url, broker.url, { REDIS_URL: redis.url });
    worker = await startWorkerProcess(w.env);
    pub = await TestPublisher.connect(broker.url, city, w.root);
    const sending = pub.publish(2000, 1).then(() => pub!.publish(100, 20));
    await sleep(250);
    await redis.restart(300);
    await sending;
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal(), redis.url)).toEqual([]);
    expect(worker.output()).toMatch(/store unavailable/);
  });

  it('stops acknowledging while PostgreSQL is unreachable, stays bounded, then resumes', async () => {
    await pg.query('TRUNCATE occupancy_events, live_space_record');
    const metricsPort = await freePort();
    const w = workerEnv(viaPort(db.url, proxy.port), broker.url, {
      REDIS_URL: redis.url,
      INGEST_METRICS_PORT: String(metricsPort),
      MQTT_RECEIVE_MAXIMUM: '300',
    });
    worker = await startWorkerProcess(w.env);
    pub = await TestPublisher.connect(broker.url, city, w.root);
    await pub.publish(500, 1);
    expect(await waitForHistory(pg, 500)).toBe(500);

    proxy.cut();
    await pub.publish(3000, 1);
    await sleep(1500);
    const during = Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
    expect(during).toBe(500);
    // unacknowledged messages stay at the broker: at most receiveMaximum are held in memory
    expect(await metric(metricsPort, 'ingest_inflight_messages')).toBeLessThanOrEqual(300);
    expect(rssMb(worker.proc.pid!)).toBeLessThan(400);
    // the cut also drops the partition-ownership connection: the worker stops consuming at once
    // (another worker may own its partitions now) instead of failing writes
    expect(worker.output()).toMatch(/ownership connection lost/);

    proxy.restore();
    const total = pub.sent.length;
    expect(await waitForHistory(pg, total)).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal(), redis.url)).toEqual([]);
  });
});
