/** @needs postgres redis (test/support/services.js) */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import Redis from 'ioredis';
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@app/config';
import { AuthService, JwtTokens } from '@app/auth';
import { PgUserRepository } from '@app/persistence';
import { LIVE_REDIS, RedisLiveWriter } from '@app/live-store';
import { PoliceModule } from '../../apps/api/src/police/police.module';
import { EnforcementHarness } from '../enforcement/support/enforcement-harness';
import { createNestTestApp } from '../support/nest-test-app';
import { SseClient } from '../guidance/support/sse-client';
import { serviceEnv, redisUrl } from '../support/test-services';

const PASSWORD = 'correct horse battery';

describe('police and operator API', () => {
  const h = new EnforcementHarness();
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  const secret = randomBytes(24).toString('hex');
  const adminToken = randomBytes(24).toString('hex');
  let app: NestFastifyApplication;
  let writer: Redis;
  const token: Record<string, string> = {};
  let zoneA: string; // a Z1 violation id
  let zoneB: string; // a Z2 violation id

  beforeAll(async () => {
    await h.start();
    // Z1: S1 overstays 30 min on Thu 2026-11-19; Z2: a known sequence on Fri 2026-11-20 (UTC).
    await h.change('S1', 'occupied', '2026-11-19T02:00:00Z');
    await h.change('S1', 'free', '2026-11-19T03:00:00Z');
    await h.change('S3', 'occupied', '2026-11-20T08:00:00Z');
    await h.change('S3', 'free', '2026-11-20T08:20:00Z');
    await h.change('S3', 'occupied', '2026-11-20T09:00:00Z');
    await h.change('S3', 'occupied', '2026-11-20T09:00:00Z');
    await h.change('S3', 'free', '2026-11-20T10:00:00Z');
    await h.change('S4', 'occupied', '2026-11-20T12:00:00Z', 'heartbeat');
    await h.change('S4', 'free', '2026-11-20T11:00:00Z');
    await h.change('S4', 'free', '2026-11-20T12:45:00Z');
    const ids: Array<{ id: string; zone_id: string }> = await h.ds.query(
      'SELECT id, zone_id FROM violations ORDER BY zone_id',
    );
    zoneA = ids.find((v) => v.zone_id === 'Z1')!.id;
    zoneB = ids.find((v) => v.zone_id === 'Z2')!.id;

    writer = new Redis(redisUrl(), { keyPrefix: prefix });
    const live = new RedisLiveWriter(writer);
    const now = Date.now();
    await live.rebuildLots(
      [
        {
          lotId: 'L1',
          zoneId: 'Z1',
          spaces: [{ spaceId: 'S1' }, { spaceId: 'S2' }],
        },
        {
          lotId: 'L2',
          zoneId: 'Z2',
          spaces: [{ spaceId: 'S3' }, { spaceId: 'S4' }],
        },
      ],
      now,
      true,
    );
    const item = (spaceId: string, lotId: string, occupied: boolean, batteryMv: number) => ({
      lotId,
      zoneId: lotId === 'L1' ? 'Z1' : 'Z2',
      spaceId,
      sensorId: `sensor-${spaceId}`,
      seq: 1,
      type: 'status' as const,
      occupied,
      ts: now - 1000,
      receivedAt: now,
      batteryMv,
      lowBatteryMv: 2500,
      staleMs: 3_600_000,
      lon: 120,
      lat: 30,
    });
    await live.applyBatch([
      item('S1', 'L1', true, 2000),
      item('S2', 'L1', false, 3600),
      item('S3', 'L2', true, 3600),
    ]);

    const config = loadConfig({
      ...serviceEnv(),
      NODE_ENV: 'test',
      DATABASE_URL: h.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_KEY_PREFIX: prefix,
      JWT_SECRET: secret,
      ADMIN_TOKEN: adminToken,
    });
    app = await createNestTestApp({ config, imports: [PoliceModule] });
    const redis = app.get<Redis>(LIVE_REDIS);
    while (redis.status !== 'ready') await new Promise((r) => setTimeout(r, 10));

    const auth = app.get(AuthService);
    await auth.createUser({
      username: 'officer-a',
      password: PASSWORD,
      role: 'police',
      zones: ['Z1'],
    });
    await auth.createUser({
      username: 'officer-b',
      password: PASSWORD,
      role: 'police',
      zones: ['Z2'],
    });
    await auth.createUser({ username: 'op', password: PASSWORD, role: 'operator' });
    for (const u of ['officer-a', 'officer-b', 'op']) {
      const r = await post('/v1/auth/login', { username: u, password: PASSWORD });
      expect(r.statusCode).toBe(200);
      token[u] = r.json().accessToken;
    }
  });

  afterAll(async () => {
    await app?.close();
    const keys = await writer.keys(`${prefix}*`);
    if (keys.length) await writer.del(...keys.map((k) => k.slice(prefix.length)));
    await writer.quit();
    await h.stop();
  });

  const get = (url: string, who?: string) =>
    app.inject({
      method: 'GET',
      url,
      headers: who ? { authorization: `Bearer ${token[who] ?? who}` } : {},
    });
  const post = (url: string, body: object, who?: string) =>
    app.inject({
      method: 'POST',
      url,
      payload: body,
      headers: who ? { authorization: `Bearer ${token[who]}` } : {},
    });

  describe('login', () => {
    it('refuses a wrong password or unknown user with the same answer', async () => {
      const wrong = await post('/v1/auth/login', { username: 'op', password: 'nope-nope-nope' });
      const unknown = await post('/v1/auth/login', { username: 'ghost', password: PASSWORD });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.json()).toEqual(wrong.json());
    });
    it('issues a short-lived token that names the role and zones', async () => {
      const me = await get('/v1/auth/me', 'officer-a');
      expect(me.json()).toEqual({ username: 'officer-a', role: 'police', zones: ['Z1'] });
      const r = await post('/v1/auth/login', { username: 'op', password: PASSWORD });
      const ttl = Date.parse(r.json().expiresAt) - Date.now();
      expect(ttl).toBeGreaterThan(800_000);
      expect(ttl).toBeLessThanOrEqual(900_000);
    });
    it('lets only admins manage staff accounts', async () => {
      const body = { username: 'new-officer', password: PASSWORD, role: 'police', zones: ['Z2'] };
      expect((await post('/v1/auth/users', body, 'op')).statusCode).toBe(403);
      const admin = { authorization: `Bearer ${adminToken}` };
      const created = await app.inject({
        method: 'POST',
        url: '/v1/auth/users',
        payload: body,
        headers: admin,
      });
      expect(created.statusCode).toBe(201);
      expect(created.json()).toMatchObject({
        username: 'new-officer',
        role: 'police',
        zones: ['Z2'],
      });
      const again = await app.inject({
        method: 'POST',
        url: '/v1/auth/users',
        payload: body,
        headers: admin,
      });
      expect(again.statusCode).toBe(409);
      const list = await app.inject({ method: 'GET', url: '/v1/auth/users', headers: admin });
      expect(list.json().items.map((u: { username: string }) => u.username)).toContain(
        'new-officer',
      );
      expect(JSON.stringify(list.json())).not.toMatch(/scrypt|password/i);
    });
    it('refuses logins clearly when no JWT secret is configured', async () => {
      const svc = new AuthService(
        new PgUserRepository(h.ds),
        new JwtTokens({ jwtTtlSeconds: 900 }),
      );
      await expect(svc.login('op', PASSWORD)).rejects.toMatchObject({
        code: 'unavailable',
        message: expect.stringMatching(/JWT_SECRET/),
      });
    });
  });

  describe('zone scoping', () => {
    it('shows an officer only the violations of the zones in his charge', async () => {
      const a = await get('/v1/police/violations', 'officer-a');
      expect(a.statusCode).toBe(200);
      expect(a.json().items.map((v: { zoneId: string }) => v.zoneId)).toEqual(['Z1']);
      expect((await get('/v1/police/violations?zone=Z2', 'officer-a')).json()).toMatchObject({
        items: [],
        total: 0,
      });
      const op = await get('/v1/police/violations', 'op');
      expect(op.json().total).toBe(2);
    });
    it('answers 404 for another zone, never a leak', async () => {
      expect((await get(`/v1/police/violations/${zoneA}`, 'officer-a')).statusCode).toBe(200);
      for (const url of [
        `/v1/police/violations/${zoneB}`,
        `/v1/police/violations/${zoneB}/transitions`,
      ]) {
        const r = await get(url, 'officer-a');
        expect(r.statusCode).toBe(404);
        expect(r.json().error).toBe('not_found');
      }
      const move = await post(
        `/v1/police/violations/${zoneB}/transitions`,
        { to: 'reviewed' },
        'officer-a',
      );
      expect(move.statusCode).toBe(404);
      expect((await get('/v1/police/zones/Z2/overview', 'officer-a')).statusCode).toBe(404);
      expect((await get('/v1/police/lots/L2/sessions/stats', 'officer-a')).statusCode).toBe(404);
      expect((await get('/v1/police/sensors?zone=Z2', 'officer-a')).statusCode).toBe(404);
      expect(
        (await get('/v1/police/zones', 'officer-a'))
          .json()
          .items.map((z: { zoneId: string }) => z.zoneId),
      ).toEqual(['Z1']);
    });
    it('refuses drivers (no token) and gateway credentials', async () => {
      expect((await get('/v1/police/violations')).statusCode).toBe(401);
      expect((await get('/v1/police/violations', 'gateway-secret-0123456789')).statusCode).toBe(
        403,
      );
    });
  });

  describe('violations', () => {
    it('carries the rule, the measured overstay and the exemption', async () => {
      const v = (await get(`/v1/police/violations/${zoneA}`, 'officer-a')).json();
      expect(v).toMatchObject({
        spaceId: 'S1',
        lotId: 'L1',
        zoneId: 'Z1',
        kind: 'overstay',
        ruleId: 'R-short',
        overstayS: 1800,
        exempted: false,
        exemptionId: null,
        status: 'reported',
        sessionOpen: false,
        sessionStartedAt: '2026-11-19T02:00:00.000Z',
        sessionEndedAt: '2026-11-19T03:00:00.000Z',
      });
    });
    it('filters by zone, status, kind, exemption and time, and pages', async () => {
      const q = async (qs: string) => (await get(`/v1/police/violations?${qs}`, 'op')).json();
      expect((await q('zone=Z2')).items).toHaveLength(1);
      expect((await q('kind=tidal_breach')).total).toBe(0);
      expect((await q('exempted=true')).total).toBe(0);
      expect((await q('exempted=false&status=reported')).total).toBe(2);
      expect((await q('from=2030-01-01T00:00:00Z')).total).toBe(0);
      const day19 = await q('from=2026-11-19T00:00:00Z&to=2026-11-20T00:00:00Z');
      expect(day19.items.map((v: { spaceId: string }) => v.spaceId)).toEqual(['S1']);
      const page = await q('limit=1&offset=1');
      expect(page).toMatchObject({ total: 2, limit: 1, offset: 1 });
      expect(page.items).toHaveLength(1);
      const bad = await get('/v1/police/violations?status=lost', 'op');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/^status/);
    });
  });

  describe('case loop', () => {
    const move = (to: string, who = 'officer-a', comment = `to ${to}`) =>
      post(`/v1/police/violations/${zoneA}/transitions`, { to, comment }, who);

    it('refuses illegal transitions and records every legal step with who, when and comment', async () => {
      expect((await move('filed')).statusCode).toBe(409);
      expect((await move('reviewed')).json().status).toBe('reviewed');
      expect((await move('filed', 'op')).json().status).toBe('filed');
      const dismiss = await move('dismissed');
      expect(dismiss.statusCode).toBe(409);
      expect(dismiss.json().error).toBe('conflict');
      expect((await move('dispatched')).statusCode).toBe(200);
      expect((await move('closed')).statusCode).toBe(200);
      expect((await move('reviewed')).statusCode).toBe(409);
      expect((await move('archived')).statusCode).toBe(400);

      const trail = (await get(`/v1/police/violations/${zoneA}/transitions`, 'officer-a')).json();
      expect(
        trail.steps.map((s: { from: string; to: string; by: string }) => [s.from, s.to, s.by]),
      ).toEqual([
        [null, 'reported', 'system'],
        ['reported', 'reviewed', 'officer-a'],
        ['reviewed', 'filed', 'op'],
        ['filed', 'dispatched', 'officer-a'],
        ['dispatched', 'closed', 'officer-a'],
      ]);
      expect(trail.steps[2]).toMatchObject({
        comment: 'to filed',
        at: expect.stringMatching(/Z$/),
      });
    });
    it('dismisses from reported', async () => {
      const r = await post(
        `/v1/police/violations/${zoneB}/transitions`,
        { to: 'dismissed', comment: 'resident' },
        'officer-b',
      );
      expect(r.json().status).toBe('dismissed');
    });
  });

  describe('dashboards', () => {
    it('computes turnover and mean dwell that match the hand-computed values', async () => {
      // L2 (2 spaces) on 2026-11-20: S3 20 min and 60 min (a duplicate ignored), S4 45 min
      // (revealed by a heartbeat; a late event ignored) -> 3 sessions / 2 spaces / 1 day = 1.5,
      // mean dwell (20 + 60 + 45) / 3 = 41.667 min.
      const period = 'from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z';
      for (const url of [
        `/v1/police/lots/L2/sessions/stats?${period}`,
        `/v1/police/zones/Z2/sessions/stats?${period}`,
      ]) {
        const s = (await get(url, 'officer-b')).json();
        expect(s).toMatchObject({ spaces: 2, sessions: 3, days: 1, turnover: 1.5 });
        expect(s.meanDwellMin).toBe(41.667); // rounded like the zone overview's figures
      }
    });
    it('gives hourly occupancy buckets from the sessions, in the local hours of the city', async () => {
      const r = await get(
        '/v1/police/lots/L2/occupancy?from=2026-11-20T08:00:00Z&to=2026-11-20T13:00:00Z',
        'op',
      );
      expect(r.json().buckets).toEqual([
        {
          hour: '2026-11-20T16:00:00+08:00',
          occupiedAvg: 0.333,
          occupancyRatio: 0.167,
          arrivals: 1,
        },
        { hour: '2026-11-20T17:00:00+08:00', occupiedAvg: 1, occupancyRatio: 0.5, arrivals: 1 },
        { hour: '2026-11-20T18:00:00+08:00', occupiedAvg: 0, occupancyRatio: 0, arrivals: 0 },
        { hour: '2026-11-20T19:00:00+08:00', occupiedAvg: 0, occupancyRatio: 0, arrivals: 0 },
        {
          hour: '2026-11-20T20:00:00+08:00',
          occupiedAvg: 0.75,
          occupancyRatio: 0.375,
          arrivals: 1,
        },
      ]);
    });
    it('compares each hour with the same weekday and local hours of the earlier weeks', async () => {
      // Fri 2026-11-27 (nothing recorded) against Fri 11-20 (the sessions above) and Fri 11-13
      // (nothing): each baseline hour is the mean of the two Fridays
      const url =
        '/v1/police/lots/L2/occupancy?from=2026-11-27T08:00:00Z&to=2026-11-27T13:00:00Z&compareWeeks=2';
      const r = (await get(url, 'officer-b')).json();
      expect(r.buckets.map((b: { occupiedAvg: number }) => b.occupiedAvg)).toEqual([0, 0, 0, 0, 0]);
      expect(r.baseline.weeks).toBe(2);
      const base = r.baseline.buckets;
      expect(base.map((b: { hour: string }) => b.hour)).toEqual(
        r.buckets.map((b: { hour: string }) => b.hour),
      );
      expect(base[0].hour).toBe('2026-11-27T16:00:00+08:00');
      expect(base[1]).toEqual({
        hour: '2026-11-27T17:00:00+08:00',
        occupiedAvg: 0.5,
        occupancyRatio: 0.25,
        arrivals: 0.5,
        weeks: 2,
      });
      expect(base[0].occupiedAvg).toBeCloseTo(0.333 / 2, 2);
      expect(base[2]).toMatchObject({ occupiedAvg: 0, weeks: 2 });
      expect(base[4].occupancyRatio).toBeCloseTo(0.375 / 2, 2);
      // the zone's series compares the same way; without compareWeeks there is no baseline
      const zone = (await get(url.replace('lots/L2', 'zones/Z2'), 'op')).json();
      expect(zone.baseline.buckets[1].occupiedAvg).toBe(0.5);
      const plain = (await get(url.replace('&compareWeeks=2', ''), 'op')).json();
      expect(plain.baseline).toBeUndefined();
    });
    it("keeps the comparison in the caller's zones and refuses bad compareWeeks", async () => {
      const q = 'from=2026-11-27T08:00:00Z&to=2026-11-27T13:00:00Z&compareWeeks=2';
      expect((await get(`/v1/police/lots/L2/occupancy?${q}`, 'officer-a')).statusCode).toBe(404);
      expect((await get(`/v1/police/zones/Z2/occupancy?${q}`, 'officer-a')).statusCode).toBe(404);
      for (const bad of [
        'compareWeeks=9',
        'compareWeeks=x',
        'compareWeeks=1&from=2026-11-01T00:00:00Z&to=2026-11-27T00:00:00Z',
      ]) {
        const r = await get(`/v1/police/zones/Z2/occupancy?${bad}`, 'op');
        expect(r.statusCode).toBe(400);
        expect(r.json().message).toContain('compareWeeks');
      }
    });
    it('gives a zone overview from the live store', async () => {
      const o = (await get('/v1/police/zones/Z1/overview', 'officer-a')).json();
      expect(o).toMatchObject({
        zoneId: 'Z1',
        capacity: 2,
        free: 1,
        occupied: 1,
        unknown: 0,
        lowBatterySensors: 1,
        staleSensors: 0,
      });
      expect(o).toMatchObject({ reserved: 0 });
      // the driver-facing counts (guidance replica): the lot status as the lot endpoint gives it
      expect(o.lots).toEqual([
        expect.objectContaining({
          lotId: 'L1',
          name: expect.any(String),
          capacity: 2,
          free: 1,
          reserved: 0,
          status: (await get('/v1/lots/L1', 'op')).json().status,
        }),
      ]);
      const z2 = (await get('/v1/police/zones/Z2/overview', 'op')).json();
      expect(z2).toMatchObject({ occupied: 1, unknown: 1, staleSensors: 1 });
      expect(z2.rejectedIngest24h).toEqual({ total: 0, byReason: [], byGateway: [], items: [] });
    });
    it('shows the rejected ingest that concerns a zone', async () => {
      await h.ds.query(`
        INSERT INTO sensor_models (id, heartbeat_interval_s, stale_grace_s, low_battery_mv) VALUES ('M', 600, 60, 2500);
        INSERT INTO gateways (id) VALUES ('G1'), ('G2');
        INSERT INTO sensors (id, model_id, space_id) VALUES ('sensor-S1', 'M', 'S1'), ('sensor-S3', 'M', 'S3');
        INSERT INTO sensor_gateways (sensor_id, gateway_id) VALUES ('sensor-S1', 'G1'), ('sensor-S3', 'G2');
        INSERT INTO ingest_rejections (received_at, gateway_id, reason, detail, sensor_id, raw) VALUES
          (now() - interval '1 hour', 'G1', 'schema', 'seq: required', 'sensor-S1', '{}'),
          (now() - interval '2 hours', 'G1', 'malformed_json', 'Unexpected token', NULL, '{'),
          (now() - interval '3 hours', 'G2', 'schema', 'ts: required', 'sensor-S3', '{}'),
          (now() - interval '3 days', 'G1', 'schema', 'old', 'sensor-S1', '{}')`);
      const z1 = (await get('/v1/police/zones/Z1/overview', 'officer-a')).json();
      expect(z1.rejectedIngest24h.total).toBe(2);
      expect(z1.rejectedIngest24h.items.map((r: { reason: string }) => r.reason)).toEqual([
        'schema',
        'malformed_json',
      ]);
      expect(z1.rejectedIngest24h.items[0]).not.toHaveProperty('raw');
      // counted by reason and by gateway (the 3-day-old one and zone Z2's left out)
      expect(z1.rejectedIngest24h.byReason).toEqual([
        { reason: 'malformed_json', count: 1 },
        { reason: 'schema', count: 1 },
      ]);
      expect(z1.rejectedIngest24h.byGateway).toEqual([{ gatewayId: 'G1', count: 2 }]);
      const z2 = (await get('/v1/police/zones/Z2/overview', 'officer-b')).json();
      expect(z2.rejectedIngest24h.total).toBe(1);
      expect(z2.rejectedIngest24h.byGateway).toEqual([{ gatewayId: 'G2', count: 1 }]);
      expect(z2.rejectedIngest24h.byReason).toEqual([{ reason: 'schema', count: 1 }]);
    });
    it('lists the lots with the most overstay of the last 24 h, in the zone only', async () => {
      const z1 = (await get('/v1/police/zones/Z1/overview', 'officer-a')).json();
      // S1 (lot L1) overstayed 30 min: its violation was detected just now
      expect(z1.topOverstay24h).toEqual([
        { lotId: 'L1', name: expect.any(String), violations: 1, overstayMin: 30 },
      ]);
      const z2 = (await get('/v1/police/zones/Z2/overview', 'officer-b')).json();
      expect(z2.topOverstay24h.every((l: { lotId: string }) => l.lotId === 'L2')).toBe(true);
      expect((await get('/v1/police/zones/Z2/overview', 'officer-a')).statusCode).toBe(404);
    });
    it('counts lost uplinks from seq gaps in the last 24 h', async () => {
      // sensor-S1: seq 1, 2, 5 (2 lost), a late duplicate-ish event (ignored), then a reboot at
      // seq 0 (not a gap): 4 received, 2 lost -> 2 / 6.
      const t = Date.now() - 3_600_000;
      const ev = (seq: number, dtS: number, type = 'heartbeat', late = false) =>
        h.ds.query(
          `INSERT INTO occupancy_events (sensor_id, space_id, seq, type, occupied, ts, late)
           VALUES ('sensor-S1', 'S1', $1, $2, true, $3, $4)`,
          [seq, type, new Date(t + dtS * 1000), late],
        );
      await ev(1, 0);
      await ev(2, 60);
      await ev(5, 240);
      await ev(3, 120, 'heartbeat', true);
      await ev(0, 300, 'startup');
      const o = (await get('/v1/police/zones/Z1/overview', 'officer-a')).json();
      expect(o.last24h).toMatchObject({
        uplinksReceived: 4,
        uplinksLost: 2,
        lostUplinkRate: 0.33333,
      });
      // all four were received just now (the late one does not count): the ingest rate
      expect(o.ingestRate).toEqual({ windowMin: 10, uplinks: 4, perMin: 0.4 });
      const z2 = (await get('/v1/police/zones/Z2/overview', 'officer-b')).json();
      expect(z2.ingestRate.uplinks).toBe(0);
    });
    it('lists sensor health problems', async () => {
      const all = (await get('/v1/police/sensors', 'op')).json().items;
      expect(
        all.map((s: { spaceId: string; problems: string[] }) => [s.spaceId, s.problems]),
      ).toEqual([
        ['S1', ['low_battery']],
        ['S4', ['stale']],
      ]);
      const mine = (await get('/v1/police/sensors?problem=stale', 'officer-a')).json().items;
      expect(mine).toEqual([]);
    });
  });

  describe('violations stream', () => {
    let base: string;
    const streams: SseClient[] = [];
    beforeAll(async () => {
      await app.listen(0, '127.0.0.1');
      base = await app.getUrl();
    });
    afterAll(() => streams.forEach((s) => s.close()));

    const open = async (who: string, query = '') => {
      const s = await SseClient.open(`${base}/v1/police/streams/violations${query}`, {
        authorization: `Bearer ${token[who]}`,
      });
      streams.push(s);
      return s;
    };
    const about = (id: string, status: string) => (e: { event: string; data: unknown }) =>
      e.event === 'violation' &&
      (e.data as { id: string }).id === id &&
      (e.data as { status: string }).status === status;

    it('needs a staff token and a visible zone', async () => {
      expect((await get('/v1/police/streams/violations')).statusCode).toBe(401);
      expect((await get('/v1/police/streams/violations?zone=Z2', 'officer-a')).statusCode).toBe(
        404,
      );
    });

    it('streams detections and case steps, whoever wrote them, only in the caller’s zones', async () => {
      const a = await open('officer-a');
      const op = await open('op');
      const z2 = await open('op', '?zone=Z2');
      for (const s of [a, op, z2]) {
        expect(s.status).toBe(200);
        await s.waitFor((e) => e.event === 'ready');
      }
      // a new detection in Z1 by the enforcement runner
      await h.change('S1', 'occupied', '2026-11-23T02:00:00Z');
      await h.change('S1', 'free', '2026-11-23T03:00:00Z');
      const [fresh] = await h.ds.query(
        `SELECT id FROM violations WHERE space_id = 'S1' AND since > '2026-11-22' LIMIT 1`,
      );
      expect(fresh).toBeDefined();
      const seen = await a.waitFor(about(fresh.id, 'reported'));
      expect(seen.data).toMatchObject({ zoneId: 'Z1', spaceId: 'S1' });
      await op.waitFor(about(fresh.id, 'reported'));
      // a case step through the API
      const r = await post(
        `/v1/police/violations/${fresh.id}/transitions`,
        { to: 'reviewed' },
        'officer-a',
      );
      expect(r.statusCode).toBe(200);
      await a.waitFor(about(fresh.id, 'reviewed'));
      // a Z2 change written straight to the table still reaches Z2 watchers, never officer-a
      await h.ds.query(`UPDATE violations SET updated_at = now() WHERE id = $1`, [zoneB]);
      await z2.waitFor((e) => e.event === 'violation' && (e.data as { id: string }).id === zoneB);
      await op.waitFor((e) => e.event === 'violation' && (e.data as { id: string }).id === zoneB);
      expect(z2.events.some((e) => (e.data as { id?: string }).id === fresh.id)).toBe(false);
      expect(a.events.some((e) => (e.data as { zoneId?: string }).zoneId === 'Z2')).toBe(false);
    });
  });
});
