import { CalendarIndex, ZoneClock, pricingTierSchema } from '@app/domain';
import { LotHistory } from '../model/lot-history';
import { DEFAULT_PRICE_POLICY, nextPrice, pricePolicySchema } from './price-policy';
import { suggestPrices } from './price-suggester';

const P = DEFAULT_PRICE_POLICY;

describe('nextPrice (SFpark rule)', () => {
  it('raises above the band, keeps inside, lowers below, two steps below deepLow, within limits', () => {
    expect(nextPrice(4, 0.85, P)).toBe(4.5);
    expect(nextPrice(4, 0.7, P)).toBe(4);
    expect(nextPrice(4, 0.8, P)).toBe(4);
    expect(nextPrice(4, 0.5, P)).toBe(3.5);
    expect(nextPrice(4, 0.2, P)).toBe(3);
    expect(nextPrice(0.5, 0.1, P)).toBe(0.5);
    expect(nextPrice(30, 0.95, P)).toBe(30);
  });

  it('refuses an inverted band', () => {
    expect(pricePolicySchema.safeParse({ targetLow: 0.9, targetHigh: 0.8 }).success).toBe(false);
  });
});

describe('suggestPrices', () => {
  it('measures occupancy per band from the sampled history, with the hourly evidence', () => {
    const start = Date.parse('2026-11-02T00:00:00+08:00'); // a Monday
    const h = new LotHistory(['A', 'B'], [10, 10], start, start + 86_400_000);
    for (let i = 0; i < h.instants; i++) {
      const hour = Math.floor(i / 4);
      h.set(0, i, hour >= 8 && hour < 20 ? 1 : 8, 10); // 90 % in the band, 20 % outside
      h.set(1, i, 5, 10); // another tier
    }
    const tier = pricingTierSchema.parse({
      id: 't1',
      basePricePerHour: 2,
      bands: [{ window: { days: 'working_days', from: '08:00', to: '20:00' }, pricePerHour: 6 }],
    });
    const ctx = { clock: new ZoneClock('Asia/Shanghai'), calendar: new CalendarIndex({}) };
    const out = suggestPrices(h, [tier], new Map([['A', 't1']]), ctx, P);
    expect(out).toHaveLength(2);
    const band = out.find((s) => s.band === 0)!;
    expect(band).toMatchObject({
      currentPrice: 6,
      occupancy: 0.9,
      suggestedPrice: 6.5,
      action: 'raise',
    });
    expect(band.evidence.occupancyByHour[9]).toBe(0.9);
    expect(band.evidence.occupancyByHour[3]).toBeNull();
    expect(band.evidence.samples).toBe(48);
    const base = out.find((s) => s.band === -1)!;
    expect(base).toMatchObject({
      currentPrice: 2,
      occupancy: 0.2,
      suggestedPrice: 1,
      action: 'lower',
    });
  });
});
