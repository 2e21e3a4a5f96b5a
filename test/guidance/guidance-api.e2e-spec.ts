/** @needs postgres redis (test/support/services.js) */
import { NearbyDirectRoute } from '../../apps/api/src/guidance/nearby-direct.route';
import { GuidanceHarness, TestClock } from './support/guidance-harness';
import { ORIGIN } from './support/guidance-city';

/** Tuesday 2026-12-01 10:00 in Shanghai (a working day). */
const TUE_10 = Date.parse('2026-12-01T10:00:00+08:00');
const near = `lat=${ORIGIN.lat}&lon=${ORIGIN.lon}&radius=1000&limit=50`;

describe('driver guidance API (real PostgreSQL + Redis, live state via the live-store write API)', () => {
  const h = new GuidanceHarness(new TestClock(TUE_10));

  beforeAll(async () => {
    await h.start();
    await h.sense({ S1: false, S2: false, S3: true, S4: true, S5: false });
    await h.sense({ R1: false, H1: false, T1: false, I1: false, I2: true });
  });
  afterAll(() => h.stop());
  afterEach(() => (h.clock.t = TUE_10));

  const ids = async (query: string) => {
    const params = new URLSearchParams(near);
    new URLSearchParams(query).forEach((v, k) => params.set(k, v));
    const res = await h.get(`/v1/spaces/nearby?${params.toString()}`);
    expect(res.statusCode).toBe(200);
    return (res.json().items as { spaceId: string }[]).map((i) => i.spaceId);
  };

  it('lists free public spaces nearest first with the contract fields', async () => {
    const res = await h.get(`/v1/spaces/nearby?${near}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(h.app.get(NearbyDirectRoute).served).toBeGreaterThan(0);
    const body = res.json();
    expect(body.asOf).toBe(new Date(TUE_10).toISOString());
    // Tuesday 10:00: R1 is public until 19:00, H1 short stay, T1 public (09-17, max 60), LI closed
    expect(body.items.map((i: { spaceId: string }) => i.spaceId)).toEqual([
      'S1',
      'S2',
      'S5',
      'R1',
      'H1',
      'T1',
    ]);
    expect(body.items[0]).toEqual({
      spaceId: 'S1',
      lotId: 'L1',
      lat: expect.any(Number),
      lon: ORIGIN.lon,
      distanceM: 11,
      type: 'standard',
      state: 'free',
      ageS: 5,
      usableUntil: null,
      maxStayMin: null,
      pricePerHour: 8,
      currency: 'CNY',
    });
    expect(body.items.find((i: { spaceId: string }) => i.spaceId === 'R1').usableUntil).toBe(
      '2026-12-01T11:00:00.000Z',
    );
    expect(body.items.find((i: { spaceId: string }) => i.spaceId === 'H1').maxStayMin).toBe(30);
    expect(await ids('type=ev')).toEqual(['S5']);
    expect(await ids('limit=2')).toEqual(['S1', 'S2']);
  });

  it('follows occupancy: the nearby search, the lot counts and the sign reflect it', async () => {
    await h.sense({ S1: true });
    expect(await ids('type=standard')).not.toContain('S1');
    const lot = (await h.get('/v1/lots/L1')).json();
    expect(lot).toMatchObject({
      lotId: 'L1',
      capacity: 5,
      free: 2,
      occupied: 3,
      unknown: 0,
      status: 'open',
    });
    const sign = (await h.get('/v1/signs/SIGN1')).json();
    expect(sign.entries[0]).toMatchObject({ lotId: 'L1', label: 'P1', free: 2, text: 'P1 2' });
    await h.sense({ S1: false });
    expect((await h.get('/v1/lots/L1')).json().free).toBe(3);
  });

  it('drops a stale space from the free results and counts it unknown', async () => {
    await h.sense({ S2: false }); // received 5 s before now; the stale limit is 660 s
    h.clock.t = TUE_10 + 654_000;
    expect(await ids('')).toContain('S2');
    h.clock.t = TUE_10 + 656_000;
    expect(await ids('')).not.toContain('S2');
    const lot = (await h.get('/v1/lots/L1')).json();
    expect(lot).toMatchObject({ free: 0, occupied: 0, unknown: 5 });
    expect((await h.get('/v1/spaces/S2')).json()).toMatchObject({
      state: 'unknown',
      sensor: { health: 'stale', sensorId: 'sn-S2' },
    });
    h.clock.t = TUE_10;
    expect((await h.get('/v1/lots/L1')).json().unknown).toBe(0);
  });

  it('residents-only: public until 19:00, not for a stay across it, not at night', async () => {
    const q = (at: string, stay?: number) =>
      ids(`at=${encodeURIComponent(at)}${stay ? `&stay=${stay}` : ''}`);
    expect(await q('2026-12-01T18:00:00+08:00', 60)).toContain('R1');
    expect(await q('2026-12-01T18:00:00+08:00', 90)).not.toContain('R1');
    expect(await q('2026-12-01T20:00:00+08:00')).not.toContain('R1');
    expect(await q('2026-12-02T07:30:00+08:00')).toContain('R1');
    const rules = (await h.get('/v1/spaces/R1/rules?at=2026-12-01T20:00:00%2B08:00')).json();
    expect(rules).toMatchObject({
      publicOpen: false,
      audience: 'residents',
      usableUntil: '2026-12-01T12:00:00.000Z',
    });
    expect(rules.nextPublicFrom).toBe('2026-12-01T23:00:00.000Z');
    expect(rules.rules).toEqual([
      { id: 'residents-night', kind: 'audience', description: 'residents only at night' },
    ]);
    expect(rules.explanation.length).toBeGreaterThan(0);
  });

  it('short stay: offered for stays within 30 min in the window, any stay outside it', async () => {
    expect(await ids('stay=20')).toContain('H1');
    expect(await ids('stay=45')).not.toContain('H1');
    const evening = encodeURIComponent('2026-12-01T18:30:00+08:00');
    const res = (await h.get(`/v1/spaces/nearby?${near}&at=${evening}&stay=45`)).json();
    const h1 = res.items.find((i: { spaceId: string }) => i.spaceId === 'H1');
    expect(h1).toMatchObject({ maxStayMin: null, pricePerHour: 8 });
  });

  it('tidal: school audience at the working-day peak, public with 60 min cap during the day', async () => {
    expect(await ids(`at=${encodeURIComponent('2026-12-01T08:00:00+08:00')}`)).not.toContain('T1');
    expect(await ids(`at=${encodeURIComponent('2026-12-05T08:00:00+08:00')}`)).toContain('T1');
    const day = (await h.get(`/v1/spaces/nearby?${near}&stay=90`)).json();
    expect(day.items.map((i: { spaceId: string }) => i.spaceId)).not.toContain('T1');
    const ok = (await h.get(`/v1/spaces/nearby?${near}&stay=60`)).json();
    expect(ok.items.find((i: { spaceId: string }) => i.spaceId === 'T1')).toMatchObject({
      maxStayMin: 60,
      usableUntil: '2026-12-01T23:00:00.000Z',
    });
  });

  it('a lot whose sensors went silent is unknown, never full: lots nearby say so, the sign shows no number', async () => {
    h.clock.t = TUE_10 + 24 * 3_600_000; // every sensor stale a day later
    const lot = (await h.get('/v1/lots/L1')).json();
    expect(lot).toMatchObject({ lotId: 'L1', free: 0, occupied: 0, unknown: 5, status: 'unknown' });
    const nearby = (await h.get(`/v1/lots/nearby?${near}`)).json();
    expect(nearby.items.find((l: { lotId: string }) => l.lotId === 'L1').status).toBe('unknown');
    const sign = (await h.get('/v1/signs/SIGN1')).json();
    expect(sign.entries[0]).toMatchObject({ lotId: 'L1', level: 'unknown', text: 'P1 --' });
  });

  it('institutional lot: public on rest days, not on working days nor the adjusted working Saturday', async () => {
    expect(await ids('')).not.toContain('I1');
    expect((await h.get('/v1/lots/LI')).json()).toMatchObject({
      status: 'closed',
      free: 0,
      pricePerHour: 2,
    });
    const sat = await ids(`at=${encodeURIComponent('2026-12-05T10:00:00+08:00')}`);
    expect(sat).toContain('I1');
    const adjusted = (await h.get('/v1/spaces/I1/rules?at=2026-10-10T10:00:00%2B08:00')).json();
    expect(adjusted).toMatchObject({ publicOpen: false, audience: 'staff' });
    const normalSat = (await h.get('/v1/spaces/I1/rules?at=2026-10-17T10:00:00%2B08:00')).json();
    expect(normalSat).toMatchObject({ publicOpen: true, pricePerHour: 2 });
    h.clock.t = Date.parse('2026-12-05T10:00:00+08:00');
    await h.sense({ I1: false, I2: true });
    expect((await h.get('/v1/lots/LI')).json()).toMatchObject({
      status: 'almost_full',
      free: 1,
      occupied: 1,
    });
  });

  it('prices the arrival time: band on working days, base at night', async () => {
    const night = (
      await h.get('/v1/spaces/S1/rules?at=2026-12-01T21:00:00%2B08:00&stay=60')
    ).json();
    expect(night).toMatchObject({ pricePerHour: 4, publicOpen: true, currency: 'CNY' });
    expect(night.stayCost).toBe(3);
  });

  it('answers lots nearby and space details', async () => {
    const lots = (await h.get(`/v1/lots/nearby?${near}`)).json();
    expect(lots.items.map((l: { lotId: string }) => l.lotId)).toEqual([
      'L1',
      'LR',
      'LH',
      'LT',
      'LI',
    ]);
    for (const l of lots.items) {
      expect(Math.min(l.free, l.occupied, l.unknown)).toBeGreaterThanOrEqual(0);
      expect(l.free + l.occupied + l.unknown).toBeLessThanOrEqual(l.capacity);
    }
    const s3 = (await h.get('/v1/spaces/S3')).json();
    expect(s3).toMatchObject({
      spaceId: 'S3',
      lotId: 'L1',
      state: 'occupied',
      sensor: { health: 'ok' },
    });
    expect(s3.since).toEqual(expect.any(String));
    expect((await h.get('/v1/spaces/NOPE')).statusCode).toBe(404);
    expect((await h.get('/v1/lots/NOPE')).json()).toEqual({
      error: 'not_found',
      message: 'lot NOPE not found',
    });
  });

  it.each([
    ['lon=121.47', 'lat'],
    [`lat=${ORIGIN.lat}&lon=121.47&radius=0`, 'radius'],
    [`lat=${ORIGIN.lat}&lon=121.47&radius=1000000000`, 'radius'],
    [`lat=${ORIGIN.lat}&lon=121.47&limit=-1`, 'limit'],
    [`lat=${ORIGIN.lat}&lon=121.47&at=yesterday`, 'at'],
    [`lat=${ORIGIN.lat}&lon=121.47&stay=2000`, 'stay'],
  ])('400 naming the parameter for %s', async (query, param) => {
    const res = await h.get(`/v1/spaces/nearby?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({
      error: 'bad_request',
      message: expect.stringMatching(new RegExp(`^${param}: `)),
      details: { param },
    });
  });

  it('serves OpenAPI, readiness and admin-only metrics', async () => {
    const doc = (await h.get('/v1/openapi.json')).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/spaces/nearby',
        '/v1/lots/{lotId}',
        '/v1/signs/{signId}',
        '/v1/streams/lots',
      ]),
    );
    const ready = await h.get('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json().checks).toEqual({ postgres: 'ok', redis: 'ok', replica: 'ok' });
    expect((await h.get('/metrics')).statusCode).toBe(401);
    const m = await h.get('/metrics', 'guidance-admin-token-0123456789abcdef');
    expect(m.statusCode).toBe(200);
    expect(m.body).toContain('guidance_replica_spaces 10');
    expect(m.body).toContain('http_request_duration_seconds_bucket');
  });
});
