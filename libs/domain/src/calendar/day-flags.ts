import { DaySelector } from '../common.schema';

/**
 * Day flags as bits, so a day selector is one mask test: a day matches when
 * `(flags & selectorMask) !== 0`. Bits 0..6 are the ISO weekdays Monday..Sunday.
 */
export const DayFlag = {
  MONDAY: 1 << 0,
  EVERYDAY: 1 << 7,
  WEEKDAY: 1 << 8,
  WEEKEND: 1 << 9,
  HOLIDAY: 1 << 10,
  ADJUSTED_WORKING_DAY: 1 << 11,
  WORKING_DAY: 1 << 12,
  REST_DAY: 1 << 13,
  SCHOOL_VACATION: 1 << 14,
  SCHOOL_DAY: 1 << 15,
} as const;

/** Bit of an ISO weekday (1 = Monday ... 7 = Sunday). */
export function weekdayFlag(isoWeekday: number): number {
  return 1 << (isoWeekday - 1);
}

const NAMED: Record<Exclude<DaySelector, { weekdays: number[] }>, number> = {
  everyday: DayFlag.EVERYDAY,
  weekdays: DayFlag.WEEKDAY,
  weekends: DayFlag.WEEKEND,
  holidays: DayFlag.HOLIDAY,
  working_days: DayFlag.WORKING_DAY,
  rest_days: DayFlag.REST_DAY,
  school_days: DayFlag.SCHOOL_DAY,
  school_vacations: DayFlag.SCHOOL_VACATION,
};

/** The mask of a day selector (see `DayFlag`). */
export function selectorMask(selector: DaySelector): number {
  if (typeof selector === 'string') return NAMED[selector];
  let mask = 0;
  for (const d of selector.weekdays) mask |= weekdayFlag(d);
  return mask;
}

const WEEKDAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const NAMED_TEXT: Record<string, string> = {
  everyday: 'daily',
  weekdays: 'Monday to Friday',
  weekends: 'on weekends',
  holidays: 'on public holidays',
  working_days: 'on working days',
  rest_days: 'on rest days',
  school_days: 'on school days',
  school_vacations: 'during school vacations',
};

/** Words for a day selector: "daily", "on working days", "Mon, Wed". */
export function describeSelector(selector: DaySelector): string {
  if (typeof selector === 'string') return NAMED_TEXT[selector];
  const days = [...new Set(selector.weekdays)].sort((a, b) => a - b);
  return `on ${days.map((d) => WEEKDAY_NAMES[d - 1]).join(', ')}`;
}
