import type { OccupancyBucket } from './ports/police-queries.port';

export interface BaselineBucket {
  /** The current series' hour this mean is for (city local time, with the offset). */
  hour: string;
  /** Mean over the earlier weeks that have this local hour; null when none has. */
  occupiedAvg: number | null;
  occupancyRatio: number | null;
  arrivals: number | null;
  /** How many earlier weeks went into the mean. */
  weeks: number;
}

/** `2026-11-24T06:00:00+08:00` plus `days` on the local calendar -> `2026-12-01T06`. */
function localHourPlus(hour: string, days: number): string {
  const [date, time] = hour.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.toISOString().slice(0, 10)}T${time.slice(0, 2)}`;
}

const mean = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 1000) / 1000 : null;

/**
 * Each hour of `current` against the same weekday and local hour of the earlier weeks:
 * `earlier[k - 1]` is the series of the same period k weeks before. Matched on the local wall
 * clock (date + 7k days, same hour), so a daylight-saving change between the weeks does not
 * shift the comparison by an hour.
 */
export function occupancyBaseline(
  current: readonly OccupancyBucket[],
  earlier: readonly (readonly OccupancyBucket[])[],
): BaselineBucket[] {
  const byWeek = earlier.map(
    (series, i) => new Map(series.map((b) => [localHourPlus(b.hour, 7 * (i + 1)), b])),
  );
  return current.map((c) => {
    const key = localHourPlus(c.hour, 0);
    const same = byWeek.map((m) => m.get(key)).filter((b): b is OccupancyBucket => !!b);
    const ratios = same.map((b) => b.occupancyRatio).filter((r): r is number => r !== null);
    return {
      hour: c.hour,
      occupiedAvg: mean(same.map((b) => b.occupiedAvg)),
      occupancyRatio: mean(ratios),
      arrivals: mean(same.map((b) => b.arrivals)),
      weeks: same.length,
    };
  });
}
