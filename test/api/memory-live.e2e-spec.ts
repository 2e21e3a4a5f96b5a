/** @needs postgres (test/support/services.js) */
import { LIVE_REDIS, LiveChangeMessage, MemoryLiveState } from '@app/live-store';
import { hashSecret } from '@app/security';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { seedTestCity } from '../ingest/support/test-city';
import { testConfig } from '../ingest/support/test-config';
import { createTestDatabase, TestDatabase } from '../support/db';

const SECRET = 'gateway-secret-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The API on an in-process live state (the one-process profile): HTTP ingest writes into the
 * given state, guidance reads it, rate limits count in memory, readiness reports `memory`. The
 * Redis URL points at a closed port: nothing may need Redis.
 */
describe('createApiApp with a MemoryLiveState', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  const live = new MemoryLiveState();
  const messages: LiveChangeMessage[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestCity(db.url, {
      lots: 1,
      spacesPerLot: 4,
      gateways: 1,
      secretHash: hashSecret(SECRET, { N: 1024, r: 8, p: 1 }),
    });
    await live.subscribeChanges((m) => messages.push(m));
    const config = testConfig(db.url, {
      REDIS_URL: 'redis://127.0.0.1:9/0',
      DATABASE_RUN_MIGRATIONS: 'false',
      RATE_LIMIT_MAX: '3',
      RATE_LIMIT_WINDOW_MS: '60000',
    });
    app = await createApiApp(config, { live });
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('ingests into the shared state, serves it, limits in memory and is ready without Redis', async () => {
    expect(app.get(LIVE_REDIS)).toBeNull();
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', memory: 'ok', replica: 'ok' },
    });

    const posted = await app.inject({
      method: 'POST',
      url: '/v1/ingest/events',
      headers: {
        'content-type': 'application/json',
        authorization: `Basic ${Buffer.from(`G0:${SECRET}`).toString('base64')}`,
      },
      payload: JSON.stringify({
        sensorId: 'S0',
        seq: 1,
        type: 'status',
        occupied: true,
        ts: new Date(Date.now() - 1000).toISOString(),
      }),
    });
    expect(posted.statusCode).toBe(200);
    expect(await live.getSpace('L0', 'P0')).toMatchObject({ state: 'occupied', seq: 1 });
    await live.flushChanges();
    expect(messages.flatMap((m) => m.lots ?? [])).toContainEqual({
      lotId: 'L0',
      zoneId: 'Z1',
      free: 0,
      occupied: 1,
      unknown: 3,
    });

    // the guidance replica follows the state's change feed
    let lot = await app.inject({ method: 'GET', url: '/v1/lots/L0' });
    for (let i = 0; i < 50 && !JSON.stringify(lot.json()).includes('"occupied":1'); i++) {
      await sleep(20);
      lot = await app.inject({ method: 'GET', url: '/v1/lots/L0', remoteAddress: '10.0.0.9' });
    }
    expect(lot.statusCode).toBe(200);
    expect(JSON.stringify(lot.json())).toContain('"occupied":1');

    // three public requests per client and window, counted in memory
    const from = (ip: string) =>
      app.inject({ method: 'GET', url: '/v1/lots/L0', remoteAddress: ip });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await from('10.0.0.1')).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    expect((await from('10.0.0.2')).statusCode).toBe(200);
  });
});
