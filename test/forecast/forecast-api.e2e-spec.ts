/** @needs postgres redis (test/support/services.js) */
import { ForecastBuilder } from '@app/forecast';
import { PgForecastStore } from '@app/persistence';
import { DataSource } from 'typeorm';
import { ForecastRuntime } from '../../apps/api/src/forecast/forecast-runtime.service';
import { ADMIN_TOKEN, GuidanceHarness, TestClock } from '../guidance/support/guidance-harness';
import { ORIGIN } from '../guidance/support/guidance-city';

/** Tuesday 2026-12-01 08:00 in Shanghai (a working day). */
const TUE_8 = Date.parse('2026-12-01T08:00:00+08:00');
const near = `lat=${ORIGIN.lat}&lon=${ORIGIN.lon}&radius=1000&limit=50`;
const L1 = ['S1', 'S2', 'S3', 'S4', 'S5'];

interface Arrival {
  at: string;
  probability: number;
  expectedFree: number;
  usualFree: number | null;
  explanation: string[];
}

describe('availability at arrival and price suggestions (history in PostgreSQL, statistics built and loaded by the API)', () => {
  const h = new GuidanceHarness(new TestClock(TUE_8));

  beforeAll(async () => {
    await h.start();
    const ds = h.app.get(DataSource);
    // Two recorded weeks of lot L1: full 09:00-12:00 on weekdays, empty otherwise; a reading
    // every 10 minutes per space (heartbeats).
    await ds.query(
      `INSERT INTO occupancy_events (sensor_id, space_id, seq, type, occupied, ts)
       SELECT 'sn-' || s, s, (extract(epoch FROM t) / 600)::bigint, 'heartbeat',
              extract(isodow FROM t AT TIME ZONE 'Asia/Shanghai') <= 5
                AND extract(hour FROM t AT TIME ZONE 'Asia/Shanghai') BETWEEN 9 AND 11,
              t
         FROM unnest($1::text[]) AS s,
              generate_series($2::timestamptz, $3::timestamptz, interval '10 minutes') AS t`,
      [L1, new Date(TUE_8 - 15 * 86_400_000).toISOString(), new Date(TUE_8).toISOString()],
    );
    const built = await new ForecastBuilder(new PgForecastStore(ds)).build(TUE_8, 14);
    expect(built.sampledDays).toBe(14);
    await h.app.get(ForecastRuntime).reload();
    await h.sense(Object.fromEntries(L1.map((s) => [s, false])));
  });
  afterAll(() => h.stop());

  const lotArrival = async (query: string): Promise<Arrival | null | undefined> => {
    const res = await h.get(`/v1/lots/nearby?${near}&${query}`);
    expect(res.statusCode).toBe(200);
    const lot = (res.json().items as { lotId: string; arrival?: Arrival | null }[]).find(
      (l) => l.lotId === 'L1',
    );
    expect(lot).toBeDefined();
    return lot!.arrival;
  };

  it('expects the usual peak: all 5 spaces free now, but nearly none at 09:30', async () => {
    const a = await lotArrival('eta=90');
    expect(a).toMatchObject({ at: '2026-12-01T01:30:00.000Z', usualFree: 0 });
    expect(a!.probability).toBeLessThan(0.35);
    expect(a!.expectedFree).toBeLessThan(2);
    expect(a!.explanation[0]).toContain('usually 0 of 5 free at 09:30 on a working day');
  });

  it('expects free spaces after the peak', async () => {
    const a = await lotArrival(`at=${encodeURIComponent('2026-12-01T13:00:00+08:00')}`);
    expect(a!.usualFree).toBe(5);
    expect(a!.probability).toBeGreaterThan(0.8);
  });

  it('adds arrival to the nearby spaces of the lot, with the rules evaluated at arrival', async () => {
    const res = await h.get(`/v1/spaces/nearby?${near}&eta=90`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { spaceId: string; lotId: string; arrival?: Arrival }[];
    const s1 = items.find((i) => i.spaceId === 'S1');
    expect(s1?.arrival?.usualFree).toBe(0);
    expect(s1!.arrival!.probability).toBeLessThan(0.35);
  });

  it('keeps the answers unchanged when the arrival is now', async () => {
    expect(await lotArrival('eta=0')).toBeUndefined();
    const res = await h.get(`/v1/spaces/nearby?${near}`);
    expect(res.json().items[0].arrival).toBeUndefined();
  });

  it('refuses a bad eta, naming it', async () => {
    for (const q of [
      'eta=abc',
      'eta=1441',
      `eta=5&at=${encodeURIComponent('2026-12-01T13:00:00+08:00')}`,
    ]) {
      const res = await h.get(`/v1/lots/nearby?${near}&${q}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: 'bad_request', details: { param: 'eta' } });
      expect((await h.get(`/v1/spaces/nearby?${near}&${q}`)).statusCode).toBe(400);
    }
  });

  it('suggests prices per tier and band from the measured occupancy, for operators only', async () => {
    expect((await h.get('/v1/operator/price-suggestions')).statusCode).toBe(401);
    const res = await h.get('/v1/operator/price-suggestions?reviewDays=14', ADMIN_TOKEN);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      tierId: string;
      band: number;
      currentPrice: number;
      suggestedPrice: number;
      occupancy: number;
      action: string;
      evidence: { occupancyByHour: (number | null)[]; days: number };
    }[];
    // L1 (tier central) is full 09:00-12:00 on working days: 12 of the band's 48 quarter hours
    const band = items.find((i) => i.tierId === 'central' && i.band === 0)!;
    expect(band).toMatchObject({ currentPrice: 8, occupancy: 0.25, action: 'lower' });
    expect(band.suggestedPrice).toBe(7); // below 30 %: two steps of 0.5
    expect(band.evidence.occupancyByHour[9]).toBe(1);
    expect(band.evidence.occupancyByHour[13]).toBe(0);
    expect(band.evidence.occupancyByHour[3]).toBeNull();
    expect(band.evidence.days).toBe(14);
    const base = items.find((i) => i.tierId === 'central' && i.band === -1)!;
    expect(base).toMatchObject({ currentPrice: 4, occupancy: 0, suggestedPrice: 3 });
    const bad = await h.get('/v1/operator/price-suggestions?targetLow=2', ADMIN_TOKEN);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', details: { param: 'targetLow' } });
  });
});
