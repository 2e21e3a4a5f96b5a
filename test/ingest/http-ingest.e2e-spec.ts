/** @needs postgres redis (test/support/services.js) */
import { hashSecret } from '@app/security';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Client } from 'pg';
import { IngestHttpModule } from '../../apps/api/src/ingest/ingest-http.module';
import { createTestDatabase, TestDatabase } from '../support/db';
import { createNestTestApp } from '../support/nest-test-app';
import { seedTestCity } from './support/test-city';
import { deletePrefix, testConfig } from './support/test-config';

const SECRET = 'gateway-secret-0123456789';
const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

describe('POST /v1/ingest/events (HTTP fallback for gateways)', () => {
  let db: TestDatabase;
  let app: NestFastifyApplication;
  let pg: Client;
  let prefix = '';

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedTestCity(db.url, {
      lots: 1,
      spacesPerLot: 4,
      gateways: 2,
      secretHash: hashSecret(SECRET, { N: 1024, r: 8, p: 1 }),
    });
    const config = testConfig(db.url);
    prefix = config.prefix;
    app = await createNestTestApp({ config, imports: [IngestHttpModule] });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
  });

  afterAll(async () => {
    await app?.close();
    await pg?.end();
    await deletePrefix(prefix);
    await db?.drop();
  });

  const post = (body: unknown, auth = basic('G0', SECRET), headers: Record<string, string> = {}) =>
    app.inject({
      method: 'POST',
      url: '/v1/ingest/events',
      headers: { 'content-type': 'application/json', authorization: auth, ...headers },
      payload: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const ev = (sensorId: string, seq: number) => ({
    sensorId,
    seq,
    type: 'heartbeat',
    occupied: false,
    ts: new Date(Date.now() - 1000).toISOString(),
  });

  it('refuses missing or wrong gateway credentials', async () => {
    expect((await post(ev('S0', 1), '')).statusCode).toBe(401);
    const wrong = await post(ev('S0', 1), basic('G0', 'nope'));
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect((await post(ev('S0', 1), basic('G9', SECRET))).statusCode).toBe(401);
  });

  it('answers per event with the same semantics as MQTT', async () => {
    const res = await post({ events: [ev('S0', 1), ev('S0', 1), ev('S1', 1), ev('S2', 1)] });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.events.map((e: { status: string }) => e.status)).toEqual([
      'accepted',
      'duplicate',
      'rejected',
      'accepted',
    ]);
    expect(body.events[2].reason).toBe('wrong_gateway');
    const rows = await pg.query('SELECT sensor_id FROM occupancy_events ORDER BY sensor_id');
    expect(rows.rows.map((r) => r.sensor_id)).toEqual(['S0', 'S2']);
  });

  it('accepts header credentials too', async () => {
    const res = await post(ev('S1', 1), '', { 'x-gateway-id': 'G1', 'x-gateway-secret': SECRET });
    expect(res.statusCode).toBe(200);
    expect(res.json().accepted).toBe(1);
  });

  it('rejects malformed JSON and oversized bodies, and stores them', async () => {
    const bad = await post('{"sensorId":');
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({
      error: 'validation_failed',
      details: { reason: 'malformed_json' },
    });
    const big = await post({ events: [ev('S0', 2)], pad: 'x'.repeat(300 * 1024) });
    expect(big.json().details.reason).toBe('oversized');
    const stored = await pg.query(
      `SELECT reason, gateway_id, length(raw) AS len FROM ingest_rejections ORDER BY id`,
    );
    expect(stored.rows.map((r) => r.reason)).toEqual([
      'wrong_gateway',
      'malformed_json',
      'oversized',
    ]);
    expect(stored.rows[2].len).toBeLessThanOrEqual(4096);
  });
});
