import { BadParameterError } from '../errors/domain.error';

/** Milliseconds in a minute, an hour and a (nominal, 24-hour) day. */
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/**
 * A local calendar day as an integer: days since 1970-01-01 of the city's calendar (not UTC).
 * Day numbers are zone-free; `ZoneClock` maps them to instants.
 */
export type DayNumber = number;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `'YYYY-MM-DD'` -> day number. Throws BadParameterError for anything else. */
export function dayNumberOf(date: string): DayNumber {
  const m = DATE_RE.exec(date);
  if (!m) throw new BadParameterError('date', `"${date}" is not YYYY-MM-DD`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d) {
    throw new BadParameterError('date', `"${date}" is not a real calendar date`);
  }
  return Math.round(ms / DAY_MS);
}

/** Day number -> `'YYYY-MM-DD'`. */
export function dateOfDayNumber(day: DayNumber): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday of a day number: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(day: DayNumber): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** `'HH:MM'` (00:00..24:00) -> minutes since local midnight. */
export function minuteOfClock(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) throw new BadParameterError('time', `"${hhmm}" is not HH:MM`);
  const v = Number(m[1]) * 60 + Number(m[2]);
  if (v > 1440 || Number(m[2]) > 59)
    throw new BadParameterError('time', `"${hhmm}" is out of range`);
  return v;
}

/** Minutes since local midnight -> `'HH:MM'`. */
export function clockOfMinute(minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
