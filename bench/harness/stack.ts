import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import mqtt, { MqttClient } from 'mqtt';
import { Client } from 'pg';
import { loadConfig } from '@app/config';
import { CityFile } from '@app/domain';
import { createLiveRedis, LiveSpace, RedisLiveStore } from '@app/live-store';
import { openDatabase, PgCityStore } from '@app/persistence';
import { generateCity } from '../../sensors-sim/src';
import { Child, startChild } from '../../test/support/child-process';
import { createTestDatabase, TestDatabase } from '../../test/support/db';
import { freePort } from '../../test/support/free-port';
import { OwnRedis, startRedisServer } from '../../test/support/redis-server';
import { BenchBroker } from './broker';
import { appArgs, repoRoot, runNodeScript } from './child';
import { CpuMeter, withChildren } from './cpu-meter';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function waitUntil(
  what: string,
  ok: () => Promise<boolean>,
  timeoutMs: number,
  pollMs = 50,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timeout after ${timeoutMs} ms: ${what}`);
    await sleep(pollMs);
  }
}

export interface PublishResult {
  messages: number;
  events: number;
  seconds: number;
}

export interface PublishOptions {
  mode: 'events' | 'sweep';
  batch: number;
  messages?: number;
  rate?: number;
  inflight?: number;
  /**
   * Added to the phase's seq base. The publisher's `occupied` alternates with the seq's parity,
   * so after the start-up sweep (one event per sensor) 1 makes the phase's first event of each
   * sensor a change of its space; 0 (default) repeats the sweep's state.
   */
  seqOffset?: number;
}

/**
 * The system under test, started once per run and shared by the scenarios: a throwaway database
 * with the synthetic city imported, a private redis-server (clean INFO memory), a private broker
 * sized like docker/mosquitto, and the compiled ingest worker and API as their own processes.
 */
export class BenchStack {
  readonly prefix = 'b:';
  readonly root = 'bench/';
  private seqPhase = 0;
  /** How long the stack took to come up (ms): city import, both apps ready, start-up sweep. */
  readonly timings = { importMs: 0, startMs: 0, sweepMs: 0 };
  private constructor(
    readonly spaces: number,
    readonly city: CityFile,
    readonly db: TestDatabase,
    readonly redis: OwnRedis,
    readonly broker: BenchBroker,
    readonly pg: Client,
    private readonly mqtt: MqttClient,
    readonly store: RedisLiveStore,
    private readonly liveRedis: Redis,
    readonly planFile: string,
    private readonly dir: string,
    readonly redisBaselineBytes: number,
    public ingest: Child,
    readonly api: Child,
    readonly apiUrl: string,
    readonly appEnv: Record<string, string>,
    private readonly redisPid: number,
  ) {}

  /** Measures the CPU of the stack's processes (and PostgreSQL) over an interval. */
  cpuMeter(extra: Record<string, number[]> = {}): CpuMeter {
    return new CpuMeter(() => ({
      ingest: [this.ingest.proc.pid ?? 0],
      api: withChildren(this.api.proc.pid ?? 0),
      redis: [this.redisPid],
      broker: [this.broker.pid ?? 0],
      ...extra,
    }));
  }

  static async start(spaces: number, log: (l: string) => void): Promise<BenchStack> {
    const t00 = Date.now();
    const city = generateCity({ spaces, seed: 'bench' }).city;
    log(`simulated city generated in ${Date.now() - t00} ms`);
    const [db, redis, broker] = await Promise.all([
      createTestDatabase(),
      startRedisServer(),
      (async () => {
        const b = new BenchBroker(await freePort());
        await b.start();
        return b;
      })(),
    ]);
    const t0 = Date.now();
    const ds = await openDatabase(
      loadConfig({ DATABASE_URL: db.url, DATABASE_RUN_MIGRATIONS: 'false', LOG_LEVEL: 'warn' }),
    );
    await new PgCityStore(ds).replaceCity(city);
    await ds.destroy();
    const importMs = Date.now() - t0;
    log(
      `city imported: ${city.spaces.length} spaces, ${city.lots.length} lots in ${Date.now() - t0} ms`,
    );
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    const baseline = await usedMemory(redis.url);
    const redisPid = await serverPid(redis.url);
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    const planFile = join(dir, 'plan.json');
    const gateways: Record<string, string[]> = {};
    for (const s of city.sensors) (gateways[s.gatewayIds[0]] ??= []).push(s.id);
    writeFileSync(planFile, JSON.stringify({ gateways }));
    const id = randomBytes(3).toString('hex');
    const appEnv: Record<string, string> = {
      NODE_ENV: 'production',
      JWT_SECRET: randomBytes(24).toString('hex'),
      ADMIN_TOKEN: randomBytes(16).toString('hex'),
      DATABASE_URL: db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_URL: redis.url,
      REDIS_KEY_PREFIX: 'b:',
      MQTT_URL: broker.url,
      MQTT_TOPIC_ROOT: 'bench/',
      MQTT_CLIENT_ID: `bench-ingest-${id}`,
      INGEST_METRICS_PORT: '0',
      RATE_LIMIT_ENABLED: 'false',
      // one API process per core, as a 2-core deployment would run it (BENCH_APP_ENV overrides)
      HTTP_WORKERS: '2',
      LOG_LEVEL: 'info',
      // experiments: BENCH_APP_ENV='INGEST_CONCURRENCY=4,DATABASE_POOL_SIZE=12'
      ...Object.fromEntries(
        (process.env.BENCH_APP_ENV ?? '')
          .split(',')
          .filter((kv) => kv.includes('='))
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    };
    const ingest = startIngest(appEnv);
    const port = await freePort();
    const api = startChild(process.execPath, appArgs('apps/api/src/main.js', cpuProfDir('api')), {
      cwd: repoRoot,
      env: {
        ...process.env,
        ...appEnv,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(port),
        LOG_LEVEL: 'warn',
      },
    });
    const apiUrl = `http://127.0.0.1:${port}`;
    // start-up loads the whole city (about 0.5 ms a space on this machine)
    const bootMs = Math.max(120_000, spaces * 0.6);
    await ingest.waitFor(/ingest consuming/, bootMs);
    // (the API runs at LOG_LEVEL=warn, which hides its "api listening" line: poll readiness)
    await waitUntil(
      'API ready',
      async () => {
        if (api.proc.exitCode !== null) {
          throw new Error(`API exited (${api.proc.exitCode}): ${api.output().slice(-2000)}`);
        }
        return (await fetch(`${apiUrl}/health/ready`).catch(() => null))?.status === 200;
      },
      bootMs,
      200,
    );
    const startMs = Date.now() - t0 - importMs;
    log(`ingest worker and API up (${Date.now() - t0} ms after import start)`);
    const liveRedis = createLiveRedis({ url: redis.url, keyPrefix: 'b:' }, { offlineQueue: true });
    const store = new RedisLiveStore(liveRedis);
    const stack = new BenchStack(
      spaces,
      city,
      db,
      redis,
      broker,
      pg,
      await mqtt.connectAsync(broker.url, { clean: true }),
      store,
      liveRedis,
      planFile,
      dir,
      baseline,
      ingest,
      api,
      apiUrl,
      appEnv,
      redisPid,
    );
    const t1 = Date.now();
    await stack.publishAndRecord({ mode: 'sweep', batch: 50 });
    log(`every sensor reported once (${spaces} events) in ${Date.now() - t1} ms`);
    Object.assign(stack.timings, { importMs, startMs, sweepMs: Date.now() - t1 });
    return stack;
  }

  /** Bounding box of the city's spaces (load generators draw search points in it). */
  get extent(): Extent {
    return extentOf(this.city);
  }

  /** Seqs of each publishing phase start above the previous phase's (RFC 1982 order holds). */
  nextSeqBase(): number {
    this.seqPhase++;
    return this.seqPhase * 1_000_000;
  }

  publish(o: PublishOptions): Promise<PublishResult> {
    const args = [
      '--url',
      this.broker.url,
      '--topic-root',
      this.root,
      '--mode',
      o.mode,
      '--plan',
      this.planFile,
      '--batch',
      String(o.batch),
      '--seq-base',
      String(this.nextSeqBase() + (o.seqOffset ?? 0)),
      '--inflight',
      String(o.inflight ?? 1000),
    ];
    if (o.messages) args.push('--messages', String(o.messages));
    if (o.rate) args.push('--rate', String(o.rate));
    return runNodeScript<PublishResult>('bench/harness/mqtt-publisher', args);
  }

  async historyCount(): Promise<number> {
    // planner statistics are useless mid-run; count(*) over an index-only scan stays ~100 ms
    const r = await this.pg.query<{ n: string }>('SELECT count(*) AS n FROM occupancy_events');
    return Number(r.rows[0].n);
  }

  /**
   * Publishes, then waits until every event is in the history; returns seconds from start.
   * Polling count(*) would load PostgreSQL while it is measured, so a sentinel event published
   * after the load (one subscriber: delivered last) is awaited by primary key first.
   */
  async publishAndRecord(
    o: PublishOptions,
    timeoutMs = 180_000,
  ): Promise<{ pub: PublishResult; seconds: number; rows: number; cpu: string }> {
    const before = await this.historyCount();
    const meter = this.cpuMeter().start();
    const t0 = Date.now();
    const pub = await this.publish(o);
    const sensor = this.city.sensors[0];
    const sentinel = {
      sensorId: sensor.id,
      seq: this.seqPhase * 1_000_000 + 900_000,
      ts: Date.now(),
    };
    await this.mqtt.publishAsync(
      `${this.root}parking/v1/gateways/${sensor.gatewayIds[0]}/events`,
      JSON.stringify({ ...sentinel, type: 'heartbeat', occupied: false }),
      { qos: 1 },
    );
    await waitUntil(
      'sentinel event in the history',
      async () =>
        (
          await this.pg.query(
            'SELECT 1 FROM occupancy_events WHERE sensor_id = $1 AND ts = $2 AND seq = $3',
            [sentinel.sensorId, new Date(sentinel.ts), sentinel.seq],
          )
        ).rowCount === 1,
      timeoutMs,
      10,
    );
    const seconds = (Date.now() - t0) / 1000;
    const cpu = meter.stop();
    let rows = 0;
    await waitUntil(
      `history rows (${rows}/${pub.events})`,
      async () => (rows = (await this.historyCount()) - before - 1) >= pub.events,
      10_000,
      100,
    );
    return { pub, seconds, rows, cpu };
  }

  snapshot(): Promise<LiveSpace[]> {
    return this.store.snapshotSpaces(this.city.lots.map((l) => l.id));
  }

  /** Simulates losing Redis: empties the run's private server (never the shared one). */
  async flushRedis(): Promise<void> {
    await this.liveRedis.flushall();
  }

  async redisUsedMemory(): Promise<number> {
    return usedMemory(this.redis.url);
  }

  /** Restarts the ingest worker (after a forced rebuild etc.). */
  async restartIngest(): Promise<void> {
    await this.ingest.kill('SIGTERM');
    this.ingest = startIngest(this.appEnv);
    await this.ingest.waitFor(/ingest consuming/, 120_000);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([this.api.kill('SIGTERM'), this.ingest.kill('SIGTERM')]);
    const logDir = process.env.BENCH_APP_LOG;
    if (logDir) {
      mkdirSync(logDir, { recursive: true });
      writeFileSync(join(logDir, 'ingest.log'), this.ingest.output());
      writeFileSync(join(logDir, 'api.log'), this.api.output());
    }
    await this.pg.end().catch(() => undefined);
    await this.mqtt.endAsync().catch(() => undefined);
    this.liveRedis.disconnect();
    await this.redis.stop();
    this.broker.stop();
    await this.db.drop();
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function cpuProfDir(app: string): string | undefined {
  const dir = process.env.BENCH_CPU_PROF;
  return dir ? join(dir, app) : undefined;
}

function startIngest(env: Record<string, string>): Child {
  return startChild(process.execPath, appArgs('apps/ingest/src/main.js', cpuProfDir('ingest')), {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
}

async function serverPid(url: string): Promise<number> {
  const r = createLiveRedis({ url, keyPrefix: '' }, { offlineQueue: true });
  try {
    return Number(/process_id:(\d+)/.exec(await r.info('server'))?.[1] ?? 0);
  } finally {
    r.disconnect();
  }
}

async function usedMemory(url: string): Promise<number> {
  const r = createLiveRedis({ url, keyPrefix: '' }, { offlineQueue: true });
  try {
    const info = await r.info('memory');
    return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? NaN);
  } finally {
    r.disconnect();
  }
}

export interface Extent {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

export function extentOf(city: CityFile): Extent {
  const e = { minLat: Infinity, maxLat: -Infinity, minLon: Infinity, maxLon: -Infinity };
  for (const s of city.spaces) {
    e.minLat = Math.min(e.minLat, s.lat);
    e.maxLat = Math.max(e.maxLat, s.lat);
    e.minLon = Math.min(e.minLon, s.lon);
    e.maxLon = Math.max(e.maxLon, s.lon);
  }
  return e;
}

export function pointIn(e: Extent, r: () => number): { lat: number; lon: number } {
  return {
    lat: e.minLat + r() * (e.maxLat - e.minLat),
    lon: e.minLon + r() * (e.maxLon - e.minLon),
  };
}

let current: Promise<BenchStack> | undefined;

/** The run's stack, started on first use. */
export function useStack(spaces: number, log: (l: string) => void): Promise<BenchStack> {
  current ??= BenchStack.start(spaces, log);
  return current;
}

export async function stopStack(): Promise<void> {
  const s = await current?.catch(() => undefined);
  current = undefined;
  await s?.stop();
}
