/**
 * Nearby search benchmark: `npm run bench:guidance [-- --queries 200000] [-- --http]`.
 * Part 1: the in-memory search over 135,000 spaces (grid index + freshness + rule book), one live
 * change applied per 5 queries (1,000 events/s at 5,000 req/s). Part 2 (--http): the real API
 * (throwaway PostgreSQL database with the city imported, Redis live store, ingest changes at
 * 1,000 events/s through the live-store write API) under autocannon at 2,000 and 5,000 req/s
 * from a separate process. Prints JSON lines.
 */
import { ChildProcess, execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ConfigModule, loadConfig } from '@app/config';
import { LiveReplica, NearbySearch } from '@app/guidance';
import { createLiveRedis, LiveSpace, RedisLiveWriter } from '@app/live-store';
import { openDatabase, PersistenceModule, PgCityStore } from '@app/persistence';
import { AccessGuard } from '../../apps/api/src/common/access.guard';
import { HttpExceptionFilter } from '../../apps/api/src/common/http-exception.filter';
import { GuidanceApiModule } from '../../apps/api/src/guidance/guidance-api.module';
import { createTestDatabase } from '../../test/support/db';
import { deletePrefix } from '../../test/support/redis-keys';
import { LatencyHistogram } from '../harness/histogram';
import { benchCity, liveStates, randomPoint, rng } from './bench-city';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
};
const TS_NODE = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
const out = (o: object) => process.stdout.write(JSON.stringify(o) + '\n');

function searchBench(): void {
  const now = Date.now();
  const r = rng(42);
  const t0 = process.hrtime.bigint();
  const { city, catalog } = benchCity();
  const replica = new LiveReplica({ cellM: 150 });
  replica.setCatalog(catalog);
  const states = liveStates(city, now, r);
  replica.loadSnapshot(states);
  const loadMs = Number(process.hrtime.bigint() - t0) / 1e6;
  const search = new NearbySearch(replica);
  const queries = arg('queries', 200_000);
  const hist = new LatencyHistogram();
  let found = 0;
  let ver = 2;
  for (let i = 0; i < queries; i++) {
    if (i % 5 === 0) {
      const s = states[Math.floor(r() * states.length)];
      replica.apply({ ...s, occupied: r() < 0.5, lastSeenMs: now, ver: ver++ });
    }
    const p = randomPoint(r);
    const withStay = r() < 0.2;
    const start = process.hrtime.bigint();
    const res = search.search(
      {
        ...p,
        radiusM: 500,
        limit: 20,
        type: null,
        atMs: withStay ? now + 1_800_000 : now,
        stayMin: withStay ? 60 : null,
      },
      now,
    );
    hist.recordSince(start);
    found += res.items.length;
  }
  out({
    part: 'search-function',
    spaces: replica.spaces.size,
    freeIndexed: replica.freeIndex.size,
    buildMs: Math.round(loadMs),
    avgItems: +(found / queries).toFixed(1),
    ...hist.summary(),
  });
}

async function httpBench(): Promise<void> {
  const { city } = benchCity();
  const db = await createTestDatabase();
  const prefix = `bench:${randomBytes(4).toString('hex')}:`;
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATABASE_RUN_MIGRATIONS: 'false',
    REDIS_KEY_PREFIX: prefix,
    RATE_LIMIT_MAX: '1000000',
    RATE_LIMIT_ENABLED: process.argv.includes('--no-rate-limit') ? 'false' : 'true',
    LOG_LEVEL: 'warn',
  });
  const redis = createLiveRedis(config.redis, { offlineQueue: true, name: 'bench' });
  let app: NestFastifyApplication | undefined;
  let ingest: ChildProcess | undefined;
  try {
    const ds = await openDatabase(config);
    await new PgCityStore(ds).replaceCity(city);
    await ds.destroy();
    const now = Date.now();
    const r = rng(1);
    const bySpace = new Map(liveStates(city, now, r).map((s) => [s.spaceId, s]));
    const writer = new RedisLiveWriter(redis);
    const record = (spaceId: string, lotId: string): LiveSpace | undefined => {
      const s = bySpace.get(spaceId);
      if (!s) return undefined;
      return {
        spaceId,
        lotId,
        state: s.occupied ? 'occupied' : 'free',
        since: s.sinceMs!,
        lastSeen: s.lastSeenMs!,
        seq: 1,
        bootTs: 0,
        lastTs: s.lastSeenMs!,
        occupied: !!s.occupied,
        batteryMv: null,
        batteryLow: false,
        sensorId: `n-${spaceId.slice(2)}`,
        ver: 1,
        lost: 0,
        staleMs: 660_000,
      };
    };
    const spacesOf = new Map<string, typeof city.spaces>();
    for (const s of city.spaces) spacesOf.set(s.lotId, [...(spacesOf.get(s.lotId) ?? []), s]);
    await writer.rebuildLots(
      city.lots.map((l) => ({
        lotId: l.id,
        zoneId: l.zoneId,
        spaces: (spacesOf.get(l.id) ?? []).map((s) => ({
          spaceId: s.id,
          lon: s.lon,
          lat: s.lat,
          record: record(s.id, l.id),
        })),
      })),
      now,
      true,
    );

    @Module({
      imports: [ConfigModule.forRoot(config), PersistenceModule, GuidanceApiModule],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    })
    class BenchModule {}
    app = await NestFactory.create<NestFastifyApplication>(BenchModule, new FastifyAdapter(), {
      logger: ['error', 'warn'],
    });
    app.useGlobalFilters(new HttpExceptionFilter());
    await app.listen(0, '127.0.0.1');
    const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    out({
      part: 'http-setup',
      spaces: app.get(LiveReplica).spaces.size,
      setupMs: Date.now() - now,
    });

    // server cost per request without network or load generator (app.inject, one at a time)
    const ri = rng(3);
    const injectHist = new LatencyHistogram();
    for (let i = 0; i < arg('inject', 20_000); i++) {
      const p = randomPoint(ri);
      const start = process.hrtime.bigint();
      const res = await app.inject({
        method: 'GET',
        url: `/v1/spaces/nearby?lat=${p.lat.toFixed(6)}&lon=${p.lon.toFixed(6)}`,
      });
      injectHist.recordSince(start);
      if (res.statusCode !== 200) throw new Error(`inject: ${res.statusCode} ${res.body}`);
    }
    out({ part: 'http-inject', ...injectHist.summary() });

    // ingest at 1,000 events/s through the live-store write path, from its own process
    ingest = spawn(
      process.execPath,
      [...TS_NODE, join(__dirname, 'nearby-ingest.ts'), config.redis.url, prefix],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    await new Promise((r) => setTimeout(r, 4000));

    const seconds = arg('seconds', 10);
    for (const rate of [2000, 5000]) {
      const { stdout: res } = await promisify(execFile)(
        process.execPath,
        [
          ...TS_NODE,
          join(__dirname, 'nearby-load.ts'),
          `${url}`,
          String(rate),
          String(seconds),
          '100',
        ],
        { maxBuffer: 1 << 20 },
      );
      out({
        part: 'http',
        applied: app.get(LiveReplica).applied,
        ...JSON.parse(res.trim().split('\n').pop()!),
      });
    }
  } finally {
    ingest?.kill('SIGTERM');
    await app?.close();
    await deletePrefix(prefix, config.redis.url);
    await redis.quit();
    await db.drop();
  }
}

async function main(): Promise<void> {
  searchBench();
  if (process.argv.includes('--http')) await httpBench();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
