/** @needs postgres redis (test/support/services.js) */
import { cityFileSchema } from '@app/domain';
import { PgCityStore } from '@app/persistence';
import { DataSource } from 'typeorm';
import { GuidanceRuntime } from '../../apps/api/src/guidance/guidance-runtime.service';
import { eventually, GuidanceHarness, TestClock } from './support/guidance-harness';
import { GUIDANCE_CITY } from './support/guidance-city';
import { SseClient } from './support/sse-client';

const TUE_10 = Date.parse('2026-12-01T10:00:00+08:00');

describe('live guidance: streams, signs, reloads (real PostgreSQL + Redis)', () => {
  const h = new GuidanceHarness(new TestClock(TUE_10));
  let base: string;
  const clients: SseClient[] = [];
  const open = async (path: string) => {
    const c = await SseClient.open(`${base}${path}`);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    await h.start();
    await h.sense({ S1: false, S2: false, S3: false, S4: true, S5: true });
    await h.app.listen(0, '127.0.0.1');
    base = await h.app.getUrl();
    base = base.replace('[::1]', '127.0.0.1');
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await h.stop();
  });

  it('streams lot counts (current state first, then each change) within the deadline', async () => {
    const c = await open('/v1/streams/lots?lotId=L1');
    expect(c.status).toBe(200);
    await eventually(() => c.of('lot').length >= 1);
    expect(c.of('lot')[0]).toMatchObject({ lotId: 'L1', free: 3, occupied: 2, status: 'open' });
    const t0 = Date.now();
    await h.sense({ S1: true });
    await eventually(() => c.of('lot').some((e) => (e as { free: number }).free === 2), 2000);
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('streams space changes in a bbox and ignores spaces outside it', async () => {
    const c = await open('/v1/streams/spaces?bbox=121.46,31.2300,121.48,31.2302');
    await h.sense({ S2: true, S5: false });
    await eventually(() => c.of('space').length >= 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(c.of('space')).toEqual([
      expect.objectContaining({ spaceId: 'S2', lotId: 'L1', zoneId: 'Z1', state: 'occupied' }),
    ]);
    const bad = await open('/v1/streams/spaces?bbox=1,2,3');
    expect(bad.status).toBe(400);
  });

  it('keeps a sign steady while the free count oscillates around a threshold', async () => {
    const shown: string[] = [];
    const step = async (states: Record<string, boolean>) => {
      await h.sense(states);
      const body = (await h.get('/v1/signs/SIGN1')).json();
      shown.push(`${body.entries[0].free}:${body.entries[0].level}`);
    };
    await step({ S1: true, S2: true, S3: true, S4: true, S5: true });
    await step({ S1: false });
    await step({ S2: false });
    await step({ S2: true });
    await step({ S2: false });
    await step({ S3: false });
    await step({ S3: true });
    await step({ S3: false });
    await step({ S4: false });
    await step({ S4: true });
    expect(shown).toEqual([
      '0:full',
      '1:full',
      '2:full',
      '1:full',
      '2:full',
      '3:almost_full',
      '2:almost_full',
      '3:almost_full',
      '4:open',
      '3:open',
    ]);
  });

  it('re-snapshots after a live-store reset message', async () => {
    const runtime = h.app.get(GuidanceRuntime);
    const before = runtime.sync.snapshots;
    await h.writer.publishReset();
    await eventually(() => runtime.sync.snapshots > before);
  });

  it('reloads the city on NOTIFY city_changed and keeps the live state', async () => {
    const city = cityFileSchema.parse(GUIDANCE_CITY);
    city.spaces.push({
      id: 'S6',
      lotId: 'L1',
      type: 'standard',
      lat: 31.2306,
      lon: 121.47,
      ruleIds: [],
    });
    city.lots[0].capacity = 6;
    await new PgCityStore(h.app.get(DataSource)).replaceCity(city);
    // the city is read and compiled in a worker thread (from source here: ts-node starts first)
    await eventually(() => h.replica.spaces.index.has('S6'), 30_000);
    const lot = (await h.get('/v1/lots/L1')).json();
    expect(lot).toMatchObject({ capacity: 6, free: 3, occupied: 2, unknown: 1 });
  });

  it('marks spaces unknown when the live-store sweeper declares their sensors stale', async () => {
    await h.sense({ S3: false });
    expect(h.replica.spaces.sensed(h.replica.spaces.index.get('S3')!, TUE_10)).toBe('free');
    const swept = await h.writer.sweepStale(TUE_10 + 700_000, 1000, () => 'Z1');
    expect(swept).toBeGreaterThan(0);
    await eventually(
      () => h.replica.spaces.read(h.replica.spaces.index.get('S3')!).occupied === null,
    );
    const lot = (await h.get('/v1/lots/L1')).json();
    expect(lot).toMatchObject({ free: 0, occupied: 0 });
    expect(lot.unknown).toBe(lot.capacity);
  });
});
