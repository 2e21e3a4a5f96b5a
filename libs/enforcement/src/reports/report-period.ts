import { BadParameterError, DayNumber, ZoneClock, dayNumberOf } from '@app/domain';
import { ReportPeriod } from './report.types';

export interface ResolvedPeriod {
  period: ReportPeriod;
  label: string;
  from: number;
  to: number;
  /** Local days of the period (one for a daily report). */
  days: DayNumber[];
}

const MONTH_RE = /^(\d{4})-(\d{2})$/;

/** `2026-12-01` (day) or `2026-12` (month) on the city's local calendar, as instants. */
export function resolvePeriod(
  clock: ZoneClock,
  period: ReportPeriod,
  label: string,
): ResolvedPeriod {
  if (period === 'day') {
    const day = dayNumberOf(label);
    return { period, label, from: clock.startOf(day), to: clock.startOf(day + 1), days: [day] };
  }
  const m = MONTH_RE.exec(label);
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) {
    throw new BadParameterError('month', `"${label}" is not YYYY-MM`);
  }
  const first = dayNumberOf(`${label}-01`);
  const y = Number(m[1]) + (m[2] === '12' ? 1 : 0);
  const mo = m[2] === '12' ? 1 : Number(m[2]) + 1;
  const next = dayNumberOf(`${y}-${String(mo).padStart(2, '0')}-01`);
  const days: DayNumber[] = [];
  for (let d = first; d < next; d++) days.push(d);
  return { period, label, from: clock.startOf(first), to: clock.startOf(next), days };
}
