/**
 * Ingest benchmark: MQTT QoS 1 -> worker (child process) -> Redis live state + PostgreSQL history.
 *   npx ts-node -T -r tsconfig-paths/register bench/ingest/ingest-bench.ts [--sensors 135000]
 *     [--events 200000] [--per 50] [--fresh-rate 5000] [--fresh-seconds 10]
 * Uses its own Mosquitto (free port), a throwaway database and a unique Redis prefix.
 */
import { createIngestRuntime } from '../../apps/ingest/src/wiring';
import { createLiveRedis, RedisLiveStore } from '@app/live-store';
import mqtt from 'mqtt';
import { Client } from 'pg';
import { createTestDatabase } from '../../test/support/db';
import { startMosquitto } from '../../test/support/mosquitto';
import { startRedisServer } from '../../test/support/redis-server';
import { seedTestCity, TestCity } from '../../test/ingest/support/test-city';
import { deletePrefix, testConfig } from '../../test/ingest/support/test-config';
import { workerEnv } from '../../test/ingest/support/worker-env';
import { startWorkerProcess } from '../../test/ingest/support/worker-process';

function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (a: number[], p: number) =>
  a.length ? a[Math.min(a.length - 1, Math.floor((a.length * p) / 100))] : NaN;

async function historyCount(pg: Client): Promise<number> {
  return Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
}

async function throughput(
  client: mqtt.MqttClient,
  pg: Client,
  city: TestCity,
  root: string,
  events: number,
  per: number,
  seqs: Map<string, number>,
  tail: () => string,
) {
  const byGw = new Map<string, string[]>();
  for (const s of city.sensors)
    byGw.set(s.gatewayId, [...(byGw.get(s.gatewayId) ?? []), s.sensorId]);
  const gws = [...byGw.keys()];
  const cursor = new Map<string, number>();
  const start0 = await historyCount(pg);
  const messages = Math.ceil(events / per);
  const t0 = Date.now();
  const inflight = new Set<Promise<unknown>>();
  for (let i = 0; i < messages; i++) {
    const gw = gws[i % gws.length];
    const own = byGw.get(gw)!;
    const body = [];
    for (let j = 0; j < per; j++) {
      const c = cursor.get(gw) ?? 0;
      cursor.set(gw, c + 1);
      const sensorId = own[c % own.length];
      const seq = (seqs.get(sensorId) ?? 0) + 1;
      seqs.set(sensorId, seq);
      body.push({
        sensorId,
        seq,
        type: 'heartbeat',
        occupied: seq % 2 === 0,
        ts: Date.now() - 1000,
      });
    }
    const payload = JSON.stringify(per === 1 ? body[0] : { events: body });
    const p = client.publishAsync(`${root}parking/v1/gateways/${gw}/events`, payload, { qos: 1 });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
    if (inflight.size >= 1000) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  const published = Date.now();
  const target = start0 + messages * per;
  for (let i = 0; (await historyCount(pg)) < target; i++) {
    if (i > 0 && i % 200 === 0)
      process.stderr.write(`waiting: ${await historyCount(pg)}/${target}\n${tail()}\n`);
    await sleep(50);
  }
  const t1 = Date.now();
  return {
    events: messages * per,
    per,
    publishS: (published - t0) / 1000,
    totalS: (t1 - t0) / 1000,
    eventsPerS: Math.round((messages * per) / ((t1 - t0) / 1000)),
  };
}

async function freshness(
  client: mqtt.MqttClient,
  city: TestCity,
  root: string,
  prefix: string,
  redisUrl: string,
  rate: number,
  seconds: number,
  seqs: Map<string, number>,
) {
  const redis = createLiveRedis({ url: redisUrl, keyPrefix: prefix }, { offlineQueue: true });
  const store = new RedisLiveStore(redis);
  const sentAt = new Map<string, number>();
  const lat: number[] = [];
  const spaceOf = new Map(city.sensors.map((s) => [s.spaceId, s.sensorId]));
  let messages = 0;
  const stop = await store.subscribeChanges((m) => {
    messages++;
    const now = performance.now();
    for (const c of m.changes ?? []) {
      const k = `${spaceOf.get(c.spaceId)}|${c.seq}`;
      const t = sentAt.get(k);
      if (t !== undefined) {
        lat.push(now - t);
        sentAt.delete(k);
      }
    }
  });
  const total = rate * seconds;
  const tick = 5;
  let i = 0;
  const t0 = performance.now();
  while (i < total) {
    const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * rate));
    for (; i < due && i < total; i++) {
      const s = city.sensors[i % city.sensors.length];
      const seq = (seqs.get(s.sensorId) ?? 0) + 1;
      seqs.set(s.sensorId, seq);
      const payload = JSON.stringify({
        sensorId: s.sensorId,
        seq,
        type: 'status',
        occupied: seq % 2 === 1,
        ts: Date.now(),
      });
      sentAt.set(`${s.sensorId}|${seq}`, performance.now());
      client
        .publishAsync(`${root}parking/v1/gateways/${s.gatewayId}/events`, payload, { qos: 1 })
        .catch(() => undefined);
    }
    await sleep(tick);
  }
  await sleep(1000);
  await stop();
  redis.disconnect();
  lat.sort((a, b) => a - b);
  return {
    rate,
    samples: lat.length,
    changeMessages: messages,
    missing: sentAt.size,
    p50Ms: +pct(lat, 50).toFixed(2),
    p99Ms: +pct(lat, 99).toFixed(2),
    maxMs: +(lat[lat.length - 1] ?? NaN).toFixed(2),
  };
}

async function main(): Promise<void> {
  const sensors = arg('sensors', 135_000);
  const events = arg('events', 200_000);
  const per = arg('per', 50);
  const freshRate = arg('fresh-rate', 5000);
  const freshSeconds = arg('fresh-seconds', 10);
  const [db, broker, redis] = await Promise.all([
    createTestDatabase(),
    startMosquitto(),
    startRedisServer(),
  ]);
  const perLot = 100;
  const city = await seedTestCity(db.url, {
    lots: Math.ceil(sensors / perLot),
    spacesPerLot: perLot,
    gateways: 50,
  });
  const w = workerEnv(db.url, broker.url, {
    DATABASE_POOL_SIZE: '8',
    REDIS_URL: redis.url,
    INGEST_CONCURRENCY: String(arg('concurrency', 2)),
  });
  const pg = new Client({ connectionString: db.url });
  await pg.connect();
  const worker = await startWorkerProcess({ ...w.env, LOG_LEVEL: 'info' });
  const client = await mqtt.connectAsync(broker.url, {
    protocolVersion: 5,
    clientId: `bench-${w.id}`,
  });
  const seqs = new Map<string, number>();
  const tail = () => worker.output().slice(-1500);
  const results: Record<string, unknown> = {};
  const record = (k: string, v: unknown) => {
    results[k] = v;
    process.stdout.write(`${k}: ${JSON.stringify(v)}\n`);
  };
  record('sensors', city.sensors.length);
  try {
    record('warmup', await throughput(client, pg, city, w.root, 20_000, 50, seqs, tail));
    record('batched', await throughput(client, pg, city, w.root, events, per, seqs, tail));
    record(
      'single',
      await throughput(client, pg, city, w.root, Math.round(events / 2), 1, seqs, tail),
    );
    record(
      'freshness',
      await freshness(client, city, w.root, w.prefix, redis.url, freshRate, freshSeconds, seqs),
    );
    await worker.kill('SIGTERM');
    // rebuild after Redis loss
    const config = testConfig(db.url);
    const rt = await createIngestRuntime(
      { ...config, redis: { ...config.redis, url: redis.url, keyPrefix: w.prefix } },
      { listen: false },
    );
    await deletePrefix(w.prefix, redis.url);
    const t0 = Date.now();
    const lots = await rt.rebuilder.rebuild(false);
    record('rebuild', { lots, spaces: city.sensors.length, ms: Date.now() - t0 });
    const raw = createLiveRedis({ url: redis.url, keyPrefix: '' }, { offlineQueue: true });
    const p = raw.pipeline();
    for (const lot of city.lots) {
      for (const k of ['s', 'c', 'g', 'm'])
        p.call('MEMORY', 'USAGE', `${w.prefix}{lot:${lot}}:${k}`);
    }
    p.call('MEMORY', 'USAGE', `${w.prefix}{ingest}:deadlines`);
    const bytes = ((await p.exec()) ?? []).reduce((a, [, v]) => a + Number(v ?? 0), 0);
    raw.disconnect();
    record('redisMemory', {
      bytes,
      mbPer100kSpaces: +(((bytes / city.sensors.length) * 100_000) / 1e6).toFixed(1),
    });
    await rt.close();
  } finally {
    await worker.kill('SIGKILL');
    await client.endAsync();
    await pg.end();
    await redis.stop();
    await broker.stop();
    await db.drop();
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
