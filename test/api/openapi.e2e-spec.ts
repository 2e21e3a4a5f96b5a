/** @needs postgres redis (test/support/services.js) */
import { readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { z } from 'zod';
import { loadConfig } from '@app/config';
import { deletePrefix } from '../support/redis-keys';
import { serviceEnv } from '../support/test-services';
import { hashSecret } from '@app/security';
import { createApiApp } from '../../apps/api/src/bootstrap';
import * as guidance from '../../apps/api/src/openapi/schemas/guidance.schemas';
import * as staff from '../../apps/api/src/openapi/schemas/staff.schemas';
import { errorSchema } from '../../apps/api/src/openapi/schemas/registry';
import { createTestDatabase, TestDatabase } from '../support/db';
import {
  documentProblems,
  generateClientTypes,
  operations,
  typeCheckClients,
} from '../support/openapi-check';

/*
 * The client programs, loaded at run time: they import the generated types, which exist only
 * once the test has generated them, so the repository's typecheck does not follow them (they are
 * type-checked below, against the generated types).
 */
interface DriverApp {
  suggestSpace(base: string, where: { lat: number; lon: number }, stay: number): Promise<unknown>;
  lotBadges(base: string, lat: number, lon: number): Promise<string[]>;
}
interface PoliceClient {
  login(body: { username: string; password: string }): Promise<unknown>;
  openCases(zone: string): Promise<unknown[]>;
  review(id: string, comment: string): Promise<string>;
}
const load = (name: string): unknown => require(join(__dirname, 'openapi-client', name)); // eslint-disable-line @typescript-eslint/no-require-imports
const { suggestSpace, lotBadges } = load('driver-app') as DriverApp;
const police = load('police-app') as { PoliceClient: new (base: string) => PoliceClient };

const ADMIN_TOKEN = 'openapi-admin-token-0123456789abcdef';
const GATEWAY_SECRET = 'gw-01-secret-for-the-openapi-test';

/** The body matches the documented schema and has no undocumented field (zod strips those). */
function described(schema: z.ZodType, body: unknown): void {
  const r = schema.safeParse(body);
  if (!r.success) throw new Error(`${JSON.stringify(r.error.issues)}\n${JSON.stringify(body)}`);
  expect(r.data).toEqual(body);
}

async function until<T>(fn: () => Promise<T | undefined>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The OpenAPI document the API serves can generate a typed client: structural checks,
 * openapi-typescript on /v1/openapi.json, the driver and police programs type-checked against
 * it and run against the API, and real answers checked against the documented schemas.
 */
describe('OpenAPI document, typed client and /docs', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let base: string;
  let doc: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  const prefix = `t:${randomBytes(6).toString('hex')}:`;
  const admin = { authorization: `Bearer ${ADMIN_TOKEN}` };

  beforeAll(async () => {
    db = await createTestDatabase();
    app = await createApiApp(
      loadConfig({
        ...serviceEnv(),
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        DATABASE_RUN_MIGRATIONS: 'false',
        REDIS_KEY_PREFIX: prefix,
        ADMIN_TOKEN,
        JWT_SECRET: 'j'.repeat(40),
        RATE_LIMIT_MAX: '100000',
      }),
    );
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
    doc = (await app.inject({ method: 'GET', url: '/v1/openapi.json' })).json();
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await deletePrefix(prefix);
  });

  it('is a complete OpenAPI 3.1 document', () => {
    expect(documentProblems(doc)).toEqual([]);
    expect(operations(doc).length).toBeGreaterThanOrEqual(29);
    const nearby = doc.paths['/v1/spaces/nearby'].get;
    const p = Object.fromEntries(nearby.parameters.map((x: { name: string }) => [x.name, x]));
    expect(p.limit).toMatchObject({
      required: false,
      schema: { type: 'integer', minimum: 1, maximum: 200, default: 20 },
    });
    expect(p.radius.schema).toMatchObject({ type: 'number', exclusiveMinimum: 0, maximum: 5000 });
    expect(p.lat).toMatchObject({ required: true, schema: { minimum: -90, maximum: 90 } });
    expect(nearby.security).toEqual([]);
    expect(Object.keys(nearby.responses)).toEqual(['200', '400', '429', '500']);
    const transition = doc.paths['/v1/police/violations/{id}/transitions'].post;
    expect(transition.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(transition.responses)).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '500',
    ]);
    expect(doc.paths['/v1/ingest/events'].post.security).toEqual([
      { gatewayBasic: [] },
      { gatewayId: [], gatewaySecret: [] },
    ]);
    const stream = doc.paths['/v1/streams/lots'].get.responses['200'].content['text/event-stream'];
    expect(
      stream.schema.items.oneOf.map(
        (e: { properties: { event: { const: string } } }) => e.properties.event.const,
      ),
    ).toEqual(['lot', 'overflow', 'shutdown']);
    expect(doc.components.schemas.NearbySpaces.examples).toHaveLength(1);
  });

  it('says security exactly where the guards ask for credentials', async () => {
    for (const { path, method, op } of operations(doc)) {
      const streams = Object.values<{ content?: object }>(op.responses).some(
        (r) => r.content && 'text/event-stream' in r.content,
      );
      if (streams) continue; // an open stream would not end; their access is checked above
      const url = path.replace(/\{[^}]+\}/g, 'x');
      const r = await app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        payload: method === 'post' ? {} : undefined,
      });
      const refused = r.statusCode === 401;
      expect([method, path, refused]).toEqual([method, path, op.security.length > 0]);
    }
  });

  it('generates a typed client the driver and police programs type-check against', async () => {
    const types = await generateClientTypes(doc);
    try {
      expect(readFileSync(types, 'utf8')).toContain('"/v1/police/violations/{id}/transitions"');
      expect(typeCheckClients(types)).toEqual([]);
    } finally {
      rmSync(dirname(types), { recursive: true, force: true });
    }
  });

  it('answers what it documents (driver side)', async () => {
    const city = JSON.parse(readFileSync(join(__dirname, '../../data/sample-city.json'), 'utf8'));
    city.gateways[0].secretHash = hashSecret(GATEWAY_SECRET);
    const imported = await app.inject({
      method: 'POST',
      url: '/v1/admin/city',
      headers: admin,
      payload: city,
    });
    expect(imported.statusCode).toBe(200);
    described(staff.cityImportSchema, imported.json());

    const lot = await until(async () => {
      const r = await app.inject({ method: 'GET', url: '/v1/lots/lot-core-yan-an-rd' });
      return r.statusCode === 200 ? r.json() : undefined;
    });
    described(guidance.lotSchema, lot);

    const basic = `Basic ${Buffer.from(`gw-01:${GATEWAY_SECRET}`).toString('base64')}`;
    const events = [1, 2, 3].map((n) => ({
      sensorId: `sn-000${n}`,
      seq: 1,
      type: 'startup',
      occupied: false,
      ts: Date.now(),
    }));
    const ingest = await app.inject({
      method: 'POST',
      url: '/v1/ingest/events',
      headers: { authorization: basic, 'content-type': 'application/json' },
      payload: { events },
    });
    expect(ingest.statusCode).toBe(200);
    described(staff.ingestResultSchema, ingest.json());
    const refused = await app.inject({
      method: 'POST',
      url: '/v1/ingest/events',
      headers: { authorization: basic, 'content-type': 'application/json' },
      payload: { events: [] },
    });
    expect(refused.statusCode).toBe(422);
    described(errorSchema, refused.json());

    const nearbyUrl = '/v1/spaces/nearby?lat=30.2751&lon=120.1561&radius=300';
    const nearby = await until(async () => {
      const r = (await app.inject({ method: 'GET', url: nearbyUrl })).json();
      return r.items.length > 0 ? r : undefined;
    });
    described(guidance.nearbySpacesSchema, nearby);
    described(
      guidance.nearbyLotsSchema,
      (await app.inject({ method: 'GET', url: '/v1/lots/nearby?lat=30.2751&lon=120.1561' })).json(),
    );
    described(
      guidance.spaceSchema,
      (await app.inject({ method: 'GET', url: '/v1/spaces/sp-core-yan-an-rd-001' })).json(),
    );
    described(
      guidance.spaceRulesSchema,
      (
        await app.inject({ method: 'GET', url: '/v1/spaces/sp-core-yan-an-rd-001/rules?stay=60' })
      ).json(),
    );
    described(
      guidance.signSchema,
      (await app.inject({ method: 'GET', url: '/v1/signs/sign-core-north' })).json(),
    );
    described(
      guidance.healthSchema,
      (await app.inject({ method: 'GET', url: '/health/live' })).json(),
    );
    described(
      guidance.readinessSchema,
      (await app.inject({ method: 'GET', url: '/health/ready' })).json(),
    );
    const bad = await app.inject({
      method: 'GET',
      url: '/v1/spaces/nearby?lat=30&lon=120&limit=2.5',
    });
    expect(bad.statusCode).toBe(400);
    described(errorSchema, bad.json());

    const suggestion = await suggestSpace(base, { lat: 30.2751, lon: 120.1561 }, 60);
    expect(suggestion).toMatchObject({
      spaceId: expect.stringMatching(/^sp-core-yan-an-rd-00[123]$/),
      lotName: 'Yan-an Road kerbside',
    });
    expect(await lotBadges(base, 30.2751, 120.1561)).toContain('Yan-an Road kerbside --');

    // SSE: the first `lot` event of a lot stream is the documented LotEvent
    const ctrl = new AbortController();
    const res = await fetch(`${base}/v1/streams/lots?lotId=lot-core-yan-an-rd`, {
      signal: ctrl.signal,
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    let text = '';
    while (!/event: lot\ndata: .*\n\n/.test(text)) {
      const chunk = await reader.read();
      if (chunk.done) throw new Error(`stream ended early: ${text}`);
      text += new TextDecoder().decode(chunk.value);
    }
    ctrl.abort();
    described(guidance.lotEventSchema, JSON.parse(/event: lot\ndata: (.*)\n\n/.exec(text)![1]));
  });

  it('answers what it documents (staff side)', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/v1/auth/users',
      headers: admin,
      payload: {
        username: 'li',
        password: 'officer-password-1',
        role: 'police',
        zones: ['zone-core'],
      },
    });
    expect(created.statusCode).toBe(201);
    described(staff.createdUserSchema, created.json());
    described(
      staff.userListSchema,
      (await app.inject({ method: 'GET', url: '/v1/auth/users', headers: admin })).json(),
    );

    const officerApp = new police.PoliceClient(base);
    expect(await officerApp.login({ username: 'li', password: 'officer-password-1' })).toEqual({
      username: 'li',
      role: 'police',
      zones: ['zone-core'],
    });
    expect(await officerApp.openCases('zone-core')).toEqual([]);
    await expect(officerApp.review('no-such-case', 'checked on site')).rejects.toMatchObject({
      status: 404,
      code: 'not_found',
    });

    const login = await app.inject({
      method: 'POST',
      url: '/v1/auth/login',
      payload: { username: 'li', password: 'officer-password-1' },
    });
    described(staff.loginAnswerSchema, login.json());
    const officer = { authorization: `Bearer ${login.json().accessToken}` };
    const get = async (url: string) =>
      (await app.inject({ method: 'GET', url, headers: officer })).json();
    described(staff.meSchema, await get('/v1/auth/me'));
    described(
      staff.violationListSchema,
      await get('/v1/police/violations?zone=zone-core&limit=10'),
    );
    described(staff.zoneListSchema, await get('/v1/police/zones'));
    described(staff.zoneOverviewSchema, await get('/v1/police/zones/zone-core/overview'));
    described(staff.occupancySeriesSchema, await get('/v1/police/zones/zone-core/occupancy'));
    described(
      staff.occupancySeriesSchema,
      await get('/v1/police/lots/lot-core-yan-an-rd/occupancy'),
    );
    described(staff.sessionStatsSchema, await get('/v1/police/zones/zone-core/sessions/stats'));
    described(
      staff.sessionStatsSchema,
      await get('/v1/police/lots/lot-core-yan-an-rd/sessions/stats'),
    );
    described(staff.sensorHealthSchema, await get('/v1/police/sensors?zone=zone-core'));
    const denied = await app.inject({ method: 'GET', url: '/v1/police/zones' });
    expect(denied.statusCode).toBe(401);
    described(errorSchema, denied.json());
  });

  it('serves the documentation UI from npm assets at /docs', async () => {
    const page = await app.inject({ method: 'GET', url: '/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const assets = [...page.body.matchAll(/(?:src|href)="(docs\/[^"]+)"/g)].map((m) => m[1]);
    expect(assets).toEqual(
      expect.arrayContaining(['docs/swagger-ui-bundle.js', 'docs/swagger-initializer.js']),
    );
    expect(page.body).not.toMatch(/https?:\/\//);
    for (const a of assets) {
      const r = await app.inject({ method: 'GET', url: `/${a}` });
      expect([a, r.statusCode]).toEqual([a, 200]);
    }
    const init = await app.inject({ method: 'GET', url: '/docs/swagger-initializer.js' });
    expect(init.body).toContain("'v1/openapi.json'");
    expect((await app.inject({ method: 'GET', url: '/docs/package.json' })).statusCode).toBe(404);
  });
});
