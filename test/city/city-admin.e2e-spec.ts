/** @needs postgres (test/support/services.js) */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { loadConfig } from '@app/config';
import { PersistenceModule } from '@app/persistence';
import { AdminModule } from '../../apps/api/src/admin/admin.module';
import { createTestDatabase, TestDatabase } from '../support/db';
import { createNestTestApp } from '../support/nest-test-app';
import { serviceEnv } from '../support/test-services';

const SAMPLE = readFileSync(join(__dirname, '..', '..', 'data', 'sample-city.json'), 'utf8');

describe('POST/GET /v1/admin/city', () => {
  const adminToken = 'admin-token-for-tests-0123456789';
  let db: TestDatabase;
  let app: NestFastifyApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    const config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: db.url,
      ADMIN_TOKEN: adminToken,
    });
    app = await createNestTestApp({
      config,
      imports: [PersistenceModule, AdminModule],
      fastify: { bodyLimit: 64 * 1024 * 1024 },
      logger: ['error'],
    });
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const post = (body: string, token?: string) =>
    app.inject({
      method: 'POST',
      url: '/v1/admin/city',
      payload: body,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
    });

  it('401 without a token, 403 with a wrong one', async () => {
    const res = await post(SAMPLE);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ error: 'unauthorized' });
    expect((await post(SAMPLE, 'x'.repeat(32))).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/admin/city' })).statusCode).toBe(401);
  });

  it('422 naming each fault by JSON path', async () => {
    const bad = JSON.parse(SAMPLE);
    bad.spaces[7].lotId = 'lot-missing';
    bad.lots[0].capacity = -1;
    const res = await post(JSON.stringify(bad), adminToken);
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(body).toMatchObject({ error: 'validation_failed', message: expect.any(String) });
    expect(body.details.errors).toEqual(
      expect.arrayContaining([
        { path: '$.spaces[7].lotId', message: 'unknown lot "lot-missing"' },
        expect.objectContaining({ path: '$.lots[0].capacity' }),
      ]),
    );
  });

  it('400 on a body that is not JSON', async () => {
    const res = await post('{"version": 1,', adminToken);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ error: 'bad_request' });
  });

  it('200 with counts on the sample, then exports it', async () => {
    const res = await post(SAMPLE, adminToken);
    expect(res.statusCode).toBe(200);
    expect(res.json().tables.spaces).toEqual({
      inserted: 301,
      updated: 0,
      deleted: 0,
      unchanged: 0,
    });
    const again = await post(SAMPLE, adminToken);
    expect(again.json()).toMatchObject({ unchanged: true });
    const exp = await app.inject({
      method: 'GET',
      url: '/v1/admin/city',
      headers: { authorization: `Bearer ${adminToken}` },
    });
    expect(exp.statusCode).toBe(200);
    expect(exp.json().spaces).toHaveLength(301);
    expect(exp.json().city.name).toBe(JSON.parse(SAMPLE).city.name);
  });
});
