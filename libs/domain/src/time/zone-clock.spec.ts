import { dayNumberOf } from './local-date';
import { ZoneClock } from './zone-clock';

const t = (iso: string): number => Date.parse(iso);

describe('ZoneClock', () => {
  const shanghai = new ZoneClock('Asia/Shanghai');
  const berlin = new ZoneClock('Europe/Berlin');
  const newYork = new ZoneClock('America/New_York');

  it('maps Shanghai local times without daylight saving', () => {
    expect(shanghai.instantOf(dayNumberOf('2026-10-01'), 8 * 60)).toBe(t('2026-10-01T00:00:00Z'));
    expect(shanghai.partsOf(t('2026-09-30T16:30:00Z'))).toMatchObject({
      date: '2026-10-01',
      time: '00:30',
      offsetMin: 480,
    });
    expect(shanghai.format(t('2026-10-01T00:00:00Z'))).toBe('2026-10-01T08:00:00+08:00');
  });

  it.each([
    [
      'Berlin spring gap 02:30 -> end of gap 03:00 CEST',
      berlin,
      '2026-03-29',
      '02:30',
      '2026-03-29T01:00:00Z',
    ],
    ['Berlin 01:59 before the gap', berlin, '2026-03-29', '01:59', '2026-03-29T00:59:00Z'],
    ['Berlin 03:00 after the gap', berlin, '2026-03-29', '03:00', '2026-03-29T01:00:00Z'],
    [
      'Berlin autumn 02:30 twice -> first (CEST)',
      berlin,
      '2026-10-25',
      '02:30',
      '2026-10-25T00:30:00Z',
    ],
    ['Berlin autumn 03:00 (CET)', berlin, '2026-10-25', '03:00', '2026-10-25T02:00:00Z'],
    [
      'New York spring gap 02:30 -> 03:00 EDT',
      newYork,
      '2026-03-08',
      '02:30',
      '2026-03-08T07:00:00Z',
    ],
    [
      'New York autumn 01:30 twice -> first (EDT)',
      newYork,
      '2026-11-01',
      '01:30',
      '2026-11-01T05:30:00Z',
    ],
    ['New York autumn 02:00 (EST)', newYork, '2026-11-01', '02:00', '2026-11-01T07:00:00Z'],
  ])('%s', (_name, clock, date, time, expected) => {
    const [h, m] = time.split(':').map(Number);
    expect(clock.instantOf(dayNumberOf(date), h * 60 + m)).toBe(t(expected));
  });

  it('gives change days 23 and 25 hours', () => {
    const len = (clock: ZoneClock, date: string): number => {
      const d = dayNumberOf(date);
      return (clock.startOf(d + 1) - clock.startOf(d)) / 3_600_000;
    };
    expect(len(berlin, '2026-03-29')).toBe(23);
    expect(len(berlin, '2026-10-25')).toBe(25);
    expect(len(newYork, '2026-03-08')).toBe(23);
    expect(len(newYork, '2026-11-01')).toBe(25);
    expect(len(shanghai, '2026-03-29')).toBe(24);
  });

  it('reads local days and offsets on both sides of a change', () => {
    expect(berlin.partsOf(t('2026-03-29T00:59:00Z'))).toMatchObject({
      time: '01:59',
      offsetMin: 60,
    });
    expect(berlin.partsOf(t('2026-03-29T01:00:00Z'))).toMatchObject({
      time: '03:00',
      offsetMin: 120,
    });
    expect(berlin.partsOf(t('2026-10-25T00:30:00Z'))).toMatchObject({
      time: '02:30',
      offsetMin: 120,
    });
    expect(berlin.partsOf(t('2026-10-25T01:30:00Z'))).toMatchObject({
      time: '02:30',
      offsetMin: 60,
    });
    expect(newYork.dayOf(t('2026-11-01T04:59:00Z'))).toBe(dayNumberOf('2026-11-01'));
  });

  it('starts a day at the end of a gap that swallows midnight (Santiago) and handles 30-minute shifts', () => {
    const santiago = new ZoneClock('America/Santiago');
    const d = dayNumberOf('2026-09-06');
    expect(santiago.format(santiago.startOf(d))).toBe('2026-09-06T01:00:00-03:00');
    expect((santiago.startOf(d + 1) - santiago.startOf(d)) / 3_600_000).toBe(23);
    const lordHowe = new ZoneClock('Australia/Lord_Howe');
    const day = dayNumberOf('2026-10-04');
    expect(lordHowe.format(lordHowe.instantOf(day, 2 * 60 + 15))).toBe('2026-10-04T02:30:00+11:00');
    expect((lordHowe.startOf(day + 1) - lordHowe.startOf(day)) / 3_600_000).toBe(23.5);
  });

  it('rejects an unknown zone', () => {
    expect(() => new ZoneClock('Mars/Olympus')).toThrow(/unknown time zone/);
  });
});
