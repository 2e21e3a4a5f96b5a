/** @needs postgres redis (test/support/services.js) */
import { loadConfig } from '@app/config';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { createApiApp } from '../../apps/api/src/bootstrap';
import { createTestDatabase, TestDatabase } from '../support/db';
import { serviceEnv, redisUrl } from '../support/test-services';

/** The whole API as main.ts builds it: guidance wired in, OpenAPI over every controller. */
describe('API bootstrap with the guidance module', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  const prefix = `t:${randomBytes(6).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApiApp(
      loadConfig({
        ...serviceEnv(),
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        DATABASE_RUN_MIGRATIONS: 'false',
        REDIS_KEY_PREFIX: prefix,
      }),
    );
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    const redis = new Redis(redisUrl());
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
  });

  it('serves the OpenAPI document, liveness and readiness', async () => {
    const doc = await app.inject({ method: 'GET', url: '/v1/openapi.json' });
    expect(doc.statusCode).toBe(200);
    expect(
      doc.json().paths['/v1/spaces/nearby'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['lat', 'lon', 'radius', 'limit', 'type', 'at', 'stay']));
    expect((await app.inject({ method: 'GET', url: '/health/live' })).statusCode).toBe(200);
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.json()).toEqual({
      status: 'ok',
      checks: { postgres: 'ok', redis: 'ok', replica: 'ok' },
    });
    const empty = await app.inject({ method: 'GET', url: '/v1/spaces/nearby?lat=31.2&lon=121.4' });
    expect(empty.json()).toEqual({ asOf: expect.any(String), items: [] });
  });
});
