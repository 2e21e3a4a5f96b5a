import { CalendarIndex } from '../calendar/calendar-index';
import { ZoneClock } from '../time/zone-clock';
import { TierPricing } from './tier-pricing';

const ctx = { clock: new ZoneClock('Asia/Shanghai'), calendar: new CalendarIndex({}) };
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const night = new TierPricing(
  {
    id: 'N',
    basePricePerHour: 6,
    bands: [
      { window: { days: 'everyday', from: '22:00', to: '06:00' }, pricePerHour: 1 },
      { window: { days: 'everyday', from: '05:00', to: '07:00' }, pricePerHour: 9 },
    ],
    freeMinutes: 0,
    dailyCap: null,
  },
  ctx,
);

describe('TierPricing', () => {
  it.each([
    ['2026-11-30T21:59', 6],
    ['2026-11-30T22:00', 1],
    ['2026-12-01T05:30', 1], // first band wins over the overlapping second
    ['2026-12-01T06:00', 9],
    ['2026-12-01T07:00', 6],
  ])('price at %s is %d', (local, price) => {
    expect(night.priceAt(sh(local))).toBe(price);
  });

  it('charges pro rata across bands and midnight', () => {
    expect(night.cost(sh('2026-11-30T21:00'), sh('2026-12-01T01:00'))).toBe(6 + 3);
    expect(night.cost(sh('2026-11-30T21:00'), sh('2026-11-30T21:10'))).toBe(1);
  });

  it('applies free minutes and a daily cap per local day', () => {
    const capped = new TierPricing(
      { id: 'C', basePricePerHour: 10, bands: [], freeMinutes: 30, dailyCap: 50 },
      ctx,
    );
    expect(capped.cost(sh('2026-11-30T10:00'), sh('2026-11-30T10:30'))).toBe(0);
    expect(capped.cost(sh('2026-11-30T10:00'), sh('2026-11-30T11:00'))).toBe(5);
    expect(capped.cost(sh('2026-11-30T10:00'), sh('2026-12-01T10:00'))).toBe(50 + 50);
    expect(capped.describe(10, 'CNY')).toBe(
      '10 CNY per hour now; first 30 minutes free; at most 50 CNY per day',
    );
  });
});
