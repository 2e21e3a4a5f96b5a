import type { ModuleMetadata } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, loadConfig } from '@app/config';
import { CityFile, cityFileSchema } from '@app/domain';
import { Clock, LiveReplica } from '@app/guidance';
import { ApplyItem, createLiveRedis, RedisLiveWriter } from '@app/live-store';
import { PersistenceModule, PgCityStore } from '@app/persistence';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { GuidanceApiModule } from '../../../apps/api/src/guidance/guidance-api.module';
import { attachOpenApi } from '../../../apps/api/src/openapi/openapi.setup';
import { createTestDatabase, TestDatabase } from '../../support/db';
import { createNestTestApp } from '../../support/nest-test-app';
import { GUIDANCE_CITY } from './guidance-city';
import { serviceEnv } from '../../support/test-services';

export class TestClock extends Clock {
  constructor(public t: number) {
    super();
  }
  now(): number {
    return this.t;
  }
}

export const ADMIN_TOKEN = 'guidance-admin-token-0123456789abcdef';

/**
 * A guidance API on a throwaway database and a private Redis key prefix, with a settable clock.
 * Live state goes in through the live-store lib's write API (the ingest's code path).
 */
export class GuidanceHarness {
  app!: NestFastifyApplication;
  config!: AppConfig;
  writer!: RedisLiveWriter;
  city!: CityFile;
  private db!: TestDatabase;
  private redis!: Redis;
  private seqs = new Map<string, number>();

  constructor(readonly clock: TestClock) {}

  /** `imports`: further API modules to mount next to guidance (e.g. the publications). */
  async start(
    env: Record<string, string> = {},
    imports: ModuleMetadata['imports'] = [],
  ): Promise<this> {
    this.db = await createTestDatabase();
    const prefix = `t:${randomBytes(6).toString('hex')}:`;
    this.config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: this.db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_KEY_PREFIX: prefix,
      ADMIN_TOKEN,
      RATE_LIMIT_MAX: '100000',
      ...env,
    });
    this.city = cityFileSchema.parse(GUIDANCE_CITY);
    this.redis = createLiveRedis(this.config.redis, { offlineQueue: true, name: 'guidance-test' });
    this.writer = new RedisLiveWriter(this.redis);
    await this.writer.rebuildLots(
      this.city.lots.map((l) => ({
        lotId: l.id,
        zoneId: l.zoneId,
        spaces: this.city.spaces
          .filter((s) => s.lotId === l.id)
          .map((s) => ({ spaceId: s.id, lon: s.lon, lat: s.lat })),
      })),
      this.clock.now(),
      true,
    );
    this.app = await createNestTestApp({
      config: this.config,
      imports: [PersistenceModule, GuidanceApiModule, ...imports],
      overrides: [{ provide: Clock, useValue: this.clock }],
      beforeInit: async (app) => {
        await new PgCityStore(app.get(DataSource)).replaceCity(this.city);
        attachOpenApi(app);
      },
    });
    return this;
  }

  get replica(): LiveReplica {
    return this.app.get(LiveReplica);
  }

  /** Applies sensor events (occupied or free) received `ageMs` before the test clock's now. */
  async sense(states: Record<string, boolean>, ageMs = 5000): Promise<void> {
    const now = this.clock.now();
    const items: ApplyItem[] = Object.entries(states).map(([spaceId, occupied]) => {
      const s = this.city.spaces.find((x) => x.id === spaceId)!;
      const lot = this.city.lots.find((l) => l.id === s.lotId)!;
      const seq = (this.seqs.get(spaceId) ?? 0) + 1;
      this.seqs.set(spaceId, seq);
      return {
        lotId: lot.id,
        zoneId: lot.zoneId,
        spaceId,
        sensorId: `sn-${spaceId}`,
        seq,
        type: 'status',
        occupied,
        ts: now - ageMs + seq,
        receivedAt: now - ageMs,
        lowBatteryMv: 3000,
        staleMs: 660_000,
      };
    });
    const out = await this.writer.applyBatch(items);
    if (out.notLoaded.length) throw new Error(`lots not loaded: ${out.notLoaded.join(',')}`);
    await this.writer.settle(out.records, []); // stale deadlines, as ingest does after recording
    const want = new Map(Object.entries(states));
    await eventually(() => {
      for (const [id, occ] of want) {
        const i = this.replica.spaces.index.get(id)!;
        const live = this.replica.spaces.read(i);
        if (live.occupied !== occ || live.lastSeenMs !== now - ageMs) return false;
      }
      return true;
    });
  }

  get(url: string, token?: string) {
    return this.app.inject({
      method: 'GET',
      url,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });
  }

  async stop(): Promise<void> {
    await this.app?.close();
    if (this.redis) {
      const raw = this.redis.duplicate({ keyPrefix: '' });
      const prefix = this.config.redis.keyPrefix;
      const all = await raw.keys(`${prefix}*`);
      if (all.length) await raw.del(...all);
      await raw.quit();
      await this.redis.quit();
    }
    await this.db?.drop();
  }
}

export async function eventually(check: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
