import { AuthService, JwtTokens } from '@app/auth';
import { loadConfig } from '@app/config';
import { CityFile, cityFileSchema, Role } from '@app/domain';
import { ApplyItem, createLiveRedis, RedisLiveWriter } from '@app/live-store';
import {
  dataSourceOptions,
  PgCityStore,
  PgSessionRepository,
  PgUserRepository,
  PgViolationRepository,
} from '@app/persistence';
import type { ViolationKind } from '@app/domain';
import Redis from 'ioredis';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mqtt, { MqttClient } from 'mqtt';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { startWorker, type RunningWorker } from '../../../apps/ingest/src/worker/start-worker';
import { Child, getJson, pollUntil, startChild } from '../../support/child-process';
import { createTestDatabase, TestDatabase } from '../../support/db';
import { freePort } from '../../support/free-port';
import { serviceEnv } from '../../support/test-services';
import { startTsApp } from '../../support/ts-app';

const ROOT = join(__dirname, '..', '..', '..');
export const PASSWORD = 'dashboard test password';

/** Newest modification time under a folder (to tell whether a build is older than its sources). */
function newest(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * The built dashboard: dist/dashboard when it is newer than apps/dashboard, else a fresh
 * `vite build` into a temp dir (removed by `cleanup`).
 */
export async function buildDashboard(): Promise<{ dir: string; cleanup: () => void }> {
  const dist = join(ROOT, 'dist', 'dashboard');
  const src = join(ROOT, 'apps', 'dashboard');
  if (
    existsSync(join(dist, 'index.html')) &&
    statSync(join(dist, 'index.html')).mtimeMs > newest(src)
  ) {
    return { dir: dist, cleanup: () => undefined };
  }
  const dir = mkdtempSync(join(tmpdir(), 'dashboard-build-'));
  const vite = startChild(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      join(src, 'vite.config.mts'),
      '--outDir',
      dir,
      '--emptyOutDir',
    ],
    { cwd: ROOT },
  );
  const code = await vite.exited;
  if (code !== 0) throw new Error(`vite build failed (${code}):\n${vite.output().slice(-3000)}`);
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The real API process (apps/api/src/main.ts as deployed, a child process) on a free loopback
 * port, on a throwaway database holding the sample city and a private Redis key prefix, and the
 * real ingest worker (in process) consuming a private topic root of the test broker. Live state
 * goes in over MQTT (`publish`) or through the live-store writer (`sense`, many spaces at once),
 * violations through the enforcer's PostgreSQL adapters.
 */
export class DashboardHarness {
  api!: Child;
  city!: CityFile;
  writer!: RedisLiveWriter;
  ds!: DataSource;
  base = '';
  private db!: TestDatabase;
  private redis!: Redis;
  private prefix = `t:${randomBytes(6).toString('hex')}:`;
  private secret = randomBytes(24).toString('hex');
  private seq = 0;
  private worker?: RunningWorker;
  private mqtt?: MqttClient;
  private root = `t${randomBytes(4).toString('hex')}/`;

  async start(dashboardDir: string): Promise<this> {
    this.db = await createTestDatabase();
    this.city = cityFileSchema.parse(
      JSON.parse(readFileSync(join(ROOT, 'data', 'sample-city.json'), 'utf8')),
    );
    this.ds = new DataSource(
      dataSourceOptions({ db: { url: this.db.url, poolSize: 4, runMigrations: false } }),
    );
    await this.ds.initialize();
    await new PgCityStore(this.ds).replaceCity(this.city);
    const config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: this.db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      DATABASE_POOL_SIZE: '4',
      REDIS_KEY_PREFIX: this.prefix,
      MQTT_TOPIC_ROOT: this.root,
      MQTT_CLIENT_ID: `ingest-${this.root.slice(0, -1)}`,
      INGEST_METRICS_PORT: '0',
      LOG_LEVEL: 'silent',
    });
    this.redis = createLiveRedis(config.redis, { offlineQueue: true, name: 'dashboard-test' });
    this.writer = new RedisLiveWriter(this.redis);
    await this.writer.rebuildLots(
      this.city.lots.map((l) => ({
        lotId: l.id,
        zoneId: l.zoneId,
        spaces: this.city.spaces
          .filter((s) => s.lotId === l.id)
          .map((s) => ({ spaceId: s.id, lon: s.lon, lat: s.lat })),
      })),
      Date.now(),
      true,
    );
    // the worker rebuilds the live state from PostgreSQL when it takes its partitions: before any
    // test writes state
    this.worker = await startWorker(config, pino({ level: 'silent' }));
    this.mqtt = await mqtt.connectAsync(config.mqtt.url, {
      clientId: `dashboard-test-${this.root.slice(0, -1)}`,
      protocolVersion: 5,
    });
    const port = await freePort();
    this.base = `http://127.0.0.1:${port}`;
    this.api = startTsApp('apps/api/src/main.ts', {
      DATABASE_URL: this.db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_KEY_PREFIX: this.prefix,
      JWT_SECRET: this.secret,
      RATE_LIMIT_MAX: '100000',
      HTTP_PORT: String(port),
      DASHBOARD_DIR: dashboardDir,
    });
    await pollUntil(
      this.api,
      'the API ready',
      async () => {
        const r = await getJson(`${this.base}/health/ready`);
        return r.status === 200 ? true : undefined;
      },
      150_000, // ts-node compiling the API on a shared, busy machine
    );
    return this;
  }

  async user(username: string, role: Role, zones?: string[]): Promise<void> {
    const auth = new AuthService(
      new PgUserRepository(this.ds),
      new JwtTokens({ jwtSecret: this.secret, jwtTtlSeconds: 900 }),
    );
    await auth.createUser({ username, password: PASSWORD, role, zones });
  }

  /** Fresh sensor readings for spaces (now), as the ingest applies them. */
  async sense(states: Record<string, boolean>): Promise<void> {
    const now = Date.now();
    const items: ApplyItem[] = Object.entries(states).map(([spaceId, occupied]) => {
      const s = this.city.spaces.find((x) => x.id === spaceId)!;
      const lot = this.city.lots.find((l) => l.id === s.lotId)!;
      return {
        lotId: lot.id,
        zoneId: lot.zoneId,
        spaceId,
        sensorId: `sn-${spaceId}`,
        seq: ++this.seq,
        type: 'status',
        occupied,
        ts: now - 1000,
        receivedAt: now,
        batteryMv: 3600,
        lowBatteryMv: 3000,
        staleMs: 3_600_000,
      };
    });
    const out = await this.writer.applyBatch(items);
    if (out.notLoaded.length) throw new Error(`lots not loaded: ${out.notLoaded.join(',')}`);
    await this.writer.settle(out.records, []);
  }

  /**
   * Sensor readings of spaces as their gateway publishes them (MQTT QoS 1, one message per
   * gateway, the sample city's sensor binding); resolves on the PUBACKs.
   */
  async publish(states: Record<string, boolean>): Promise<void> {
    const now = Date.now();
    const byGateway = new Map<string, unknown[]>();
    for (const [spaceId, occupied] of Object.entries(states)) {
      const sensor = this.city.sensors.find((x) => x.spaceId === spaceId);
      if (!sensor) throw new Error(`no sensor on ${spaceId}`);
      const gw = sensor.gatewayIds[0];
      const events = byGateway.get(gw) ?? [];
      events.push({
        sensorId: sensor.id,
        seq: ++this.seq,
        type: 'status',
        occupied,
        ts: now - 500,
      });
      byGateway.set(gw, events);
    }
    await Promise.all(
      [...byGateway].map(([gw, events]) =>
        this.mqtt!.publishAsync(
          `${this.root}parking/v1/gateways/${gw}/events`,
          JSON.stringify({ events }),
          { qos: 1 },
        ),
      ),
    );
  }

  spacesOf(lotId: string): string[] {
    return this.city.spaces.filter((s) => s.lotId === lotId).map((s) => s.id);
  }

  /** A violation as the enforcer records it (session, then finding), through the same adapters. */
  async violation(
    spaceId: string,
    kind: ViolationKind,
    sinceMinAgo: number,
    exemptionId: string | null = null,
  ): Promise<string> {
    const ds = this.ds;
    const sessions = new PgSessionRepository(ds);
    const violations = new PgViolationRepository(ds);
    const since = Date.now() - sinceMinAgo * 60_000;
    const session = await sessions.open(spaceId, since - 60 * 60_000, false);
    const place = await violations.placeOf(spaceId);
    await violations.record(session, place!, [
      {
        kind,
        ruleId: 'rule-test',
        since,
        overstayS: sinceMinAgo * 60,
        exemptionId,
        explanation: `test ${kind} on ${spaceId}`,
      },
    ]);
    const rows: Array<{ id: string }> = await ds.query(
      'SELECT id FROM violations WHERE session_id = $1',
      [session.id],
    );
    return rows[0].id;
  }

  async stop(): Promise<void> {
    await this.api?.kill('SIGTERM');
    await this.mqtt?.endAsync().catch(() => undefined);
    await this.worker?.stop(5000).catch(() => undefined);
    if (this.ds?.isInitialized) await this.ds.destroy();
    if (this.redis) {
      const raw = this.redis.duplicate({ keyPrefix: '' });
      const all = await raw.keys(`${this.prefix}*`);
      if (all.length) await raw.del(...all);
      await raw.quit();
      await this.redis.quit();
    }
    await this.db?.drop();
  }
}
