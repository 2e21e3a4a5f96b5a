import { occupancyBaseline } from './occupancy-baseline';

const b = (hour: string, occupiedAvg: number, ratio: number | null = occupiedAvg / 10) => ({
  hour,
  occupiedAvg,
  occupancyRatio: ratio,
  arrivals: Math.round(occupiedAvg),
});

describe('occupancyBaseline', () => {
  it('means the same weekday and local hour of the earlier weeks', () => {
    const now = [b('2026-12-01T08:00:00+08:00', 5), b('2026-12-01T09:00:00+08:00', 6)];
    const w1 = [b('2026-11-24T08:00:00+08:00', 2), b('2026-11-24T09:00:00+08:00', 4)];
    const w2 = [b('2026-11-17T08:00:00+08:00', 4), b('2026-11-17T09:00:00+08:00', 8)];
    expect(occupancyBaseline(now, [w1, w2])).toEqual([
      { hour: now[0].hour, occupiedAvg: 3, occupancyRatio: 0.3, arrivals: 3, weeks: 2 },
      { hour: now[1].hour, occupiedAvg: 6, occupancyRatio: 0.6, arrivals: 6, weeks: 2 },
    ]);
  });

  it('matches on the local wall clock across a month end and a daylight-saving change', () => {
    // Europe/Berlin: 2026-03-29 moves from +01:00 to +02:00
    const now = [b('2026-04-02T08:00:00+02:00', 4)];
    const w1 = [b('2026-03-26T07:00:00+01:00', 9), b('2026-03-26T08:00:00+01:00', 2)];
    expect(occupancyBaseline(now, [w1])[0]).toMatchObject({ occupiedAvg: 2, weeks: 1 });
  });

  it('says null with 0 weeks where no earlier week has the hour', () => {
    const now = [b('2026-12-01T08:00:00+08:00', 5)];
    expect(occupancyBaseline(now, [[], [b('2026-11-17T09:00:00+08:00', 1, null)]])).toEqual([
      { hour: now[0].hour, occupiedAvg: null, occupancyRatio: null, arrivals: null, weeks: 0 },
    ]);
  });
});
