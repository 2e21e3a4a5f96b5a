/** @needs postgres redis (test/support/services.js) */
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Clock, LiveReplica } from '@app/guidance';
import { PersistenceModule } from '@app/persistence';
import { GuidanceApiModule } from '../../apps/api/src/guidance/guidance-api.module';
import { createNestTestApp } from '../support/nest-test-app';
import { eventually, GuidanceHarness, TestClock } from './support/guidance-harness';
import { ORIGIN } from './support/guidance-city';

const NOW = Date.parse('2026-12-01T10:00:00+08:00');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Declared intents through the API, seen by a second API process on the same Redis: ranking,
 * lot counts, move, cancel, end on occupancy, validation and the per-client write limit.
 */
describe('declared intents (two API processes, one live store)', () => {
  const h = new GuidanceHarness(new TestClock(NOW));
  let b: NestFastifyApplication;

  beforeAll(async () => {
    await h.start({ GUIDANCE_INTENT_RATE_MAX: '12' });
    b = await createNestTestApp({
      config: h.config,
      imports: [PersistenceModule, GuidanceApiModule],
      overrides: [{ provide: Clock, useValue: h.clock }],
    });
    await h.sense({ S1: false, S2: false, S3: false, S4: false });
    await eventually(() => {
      const t = b.get(LiveReplica).spaces;
      return ['S1', 'S2', 'S3', 'S4'].every((id) => t.reportedFree(t.index.get(id)!));
    });
  });
  afterAll(async () => {
    await b?.close();
    await h.stop();
  });

  const near = `lat=${ORIGIN.lat}&lon=${ORIGIN.lon}&radius=300&type=standard`;
  const onB = async (query: string) =>
    (await b.inject({ method: 'GET', url: `/v1/spaces/nearby?${near}&${query}` }))
      .json<{ items: { spaceId: string }[] }>()
      .items.map((i) => i.spaceId);
  const post = (body: unknown) =>
    h.app.inject({ method: 'POST', url: '/v1/guidance/intents', payload: body as object });
  const intentsOnB = () => b.get(LiveReplica).intents.size;

  it('answers unchanged while no intent is open', async () => {
    const fromA = await h.get(`/v1/spaces/nearby?${near}&limit=2`);
    const fromB = await b.inject({ method: 'GET', url: `/v1/spaces/nearby?${near}&limit=2` });
    expect(fromB.body).toBe(fromA.body);
    expect(await onB('limit=2')).toEqual(['S1', 'S2']);
    expect((await h.get('/v1/lots/L1')).json()).not.toHaveProperty('expectedArrivals');
  });

  it('declares on one process; the other ranks the targeted space lower and counts the arrival', async () => {
    const res = await post({ spaceId: 'S1', eta: iso(NOW + 5 * MIN) });
    expect(res.statusCode).toBe(201);
    const intent = res.json<{ id: string }>();
    expect(intent).toEqual({
      id: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{20}$/),
      spaceId: 'S1',
      lotId: 'L1',
      eta: iso(NOW + 5 * MIN),
      expiresAt: iso(NOW + 15 * MIN),
    });
    await eventually(() => intentsOnB() === 1);
    expect(await onB('limit=2')).toEqual(['S2', 'S3']);
    // with eta (arrival-aware ranking): a declared space counts as taken even for a driver who
    // would arrive first (docs/guidance-intents.md); it is still answered when nothing else is
    expect(await onB('limit=2&eta=2')).toEqual(['S2', 'S3']);
    expect(await onB('limit=5&eta=2')).toContain('S1');
    const lot = (await b.inject({ method: 'GET', url: '/v1/lots/L1' })).json();
    expect(lot).toMatchObject({ free: 4, expectedArrivals: 1, freeOnArrival: 3 });

    // moved to S2 (same lot: same id), then S2 is taken: the intent ends everywhere
    const moved = await h.app.inject({
      method: 'PATCH',
      url: `/v1/guidance/intents/${intent.id}`,
      payload: { spaceId: 'S2', eta: iso(NOW + 4 * MIN) },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ id: intent.id, spaceId: 'S2' });
    await eventually(() => b.get(LiveReplica).intents.firstArrival('S2') === NOW + 4 * MIN);
    expect(await onB('limit=2')).toEqual(['S1', 'S3']);
    await h.sense({ S2: true });
    await eventually(() => intentsOnB() === 0);
    expect(await onB('limit=2')).toEqual(['S1', 'S3']);
    expect((await b.inject({ method: 'GET', url: '/v1/lots/L1' })).json()).not.toHaveProperty(
      'expectedArrivals',
    );
    await h.sense({ S2: false });
  });

  it('cancels by id once; unknown ids are 404 JSON', async () => {
    const { id } = (await post({ lotId: 'L1', eta: iso(NOW + 10 * MIN) })).json<{ id: string }>();
    await eventually(() => intentsOnB() === 1);
    const del = await h.app.inject({ method: 'DELETE', url: `/v1/guidance/intents/${id}` });
    expect(del.statusCode).toBe(200);
    expect(del.json()).toEqual({ id, cancelled: true });
    await eventually(() => intentsOnB() === 0);
    const again = await b.inject({ method: 'DELETE', url: `/v1/guidance/intents/${id}` });
    expect(again.statusCode).toBe(404);
    expect(again.json()).toEqual({ error: 'not_found', message: expect.any(String) });
    const bogus = await h.app.inject({
      method: 'PUT',
      url: '/v1/guidance/intents/not-an-id',
      payload: { spaceId: 'S1', eta: iso(NOW + MIN) },
    });
    expect(bogus.statusCode).toBe(404);
  });

  it('refuses bad bodies with 400 naming the field, unknown targets with 404', async () => {
    const noEta = await post({ spaceId: 'S1' });
    expect(noEta.statusCode).toBe(400);
    expect(noEta.json().message).toContain('eta');
    const far = await post({ spaceId: 'S1', eta: iso(NOW + 5 * 3600_000) });
    expect(far.statusCode).toBe(400);
    expect(far.json()).toMatchObject({ error: 'bad_request', details: { param: 'eta' } });
    const identity = await post({ spaceId: 'S1', eta: iso(NOW + MIN), plate: 'ABC123' });
    expect(identity.statusCode).toBe(400);
    expect((await post({ eta: iso(NOW + MIN) })).statusCode).toBe(400);
    expect((await post({ spaceId: 'nope', eta: iso(NOW + MIN) })).statusCode).toBe(404);
  });

  it('limits intent writes per client (429 rate_limited)', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12 && !codes.includes(429); i++) {
      codes.push((await post({ lotId: 'L1', eta: iso(NOW + MIN) })).statusCode);
    }
    expect(codes).toContain(429);
    const refused = await post({ lotId: 'L1', eta: iso(NOW + MIN) });
    expect(refused.json()).toEqual({ error: 'rate_limited', message: expect.any(String) });
    // reads are not counted against the write limit
    expect((await h.get(`/v1/spaces/nearby?${near}`)).statusCode).toBe(200);
  });
});
