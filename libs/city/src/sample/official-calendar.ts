import chineseDays from 'chinese-days/dist/chinese-days.json';
import { CalendarData, calendarFromChineseDays } from '@app/domain';

/**
 * The State Council's holidays and adjusted working days for `years`, copied from the
 * chinese-days package (never invented: a year the package lacks comes back empty).
 */
export function officialCalendar(
  ...years: number[]
): Pick<CalendarData, 'holidays' | 'adjustedWorkingDays'> {
  return calendarFromChineseDays(chineseDays, years);
}
