import { CalendarData } from './calendar.schema';

/** The shape of the `chinese-days` package's data file (dates 'YYYY-MM-DD' -> "English,中文,n"). */
export interface ChineseDaysData {
  readonly holidays: Readonly<Record<string, string>>;
  readonly workdays: Readonly<Record<string, string>>;
}

/**
 * Official public holidays and adjusted working days from `chinese-days`-shaped data (the domain
 * does not import the package; the caller passes its data). `years` limits the import.
 */
export function calendarFromChineseDays(
  data: ChineseDaysData,
  years?: readonly number[],
): Pick<CalendarData, 'holidays' | 'adjustedWorkingDays'> {
  const keep = (date: string): boolean => !years || years.includes(Number(date.slice(0, 4)));
  const named = (rec: Readonly<Record<string, string>>) =>
    Object.keys(rec)
      .filter(keep)
      .sort()
      .map((date) => ({ date, name: rec[date].split(',')[0] }));
  return { holidays: named(data.holidays), adjustedWorkingDays: named(data.workdays) };
}
