import { dayNumberOf, DayNumber, isoWeekdayOf } from '../time/local-date';
import { CalendarData } from './calendar.schema';
import { DayFlag, weekdayFlag } from './day-flags';

/** What the calendar says about one local day. */
export interface DayInfo {
  readonly day: DayNumber;
  readonly isoWeekday: number;
  readonly flags: number;
  readonly holiday: boolean;
  readonly holidayName: string | null;
  readonly adjustedWorkingDay: boolean;
  readonly workingDay: boolean;
  readonly restDay: boolean;
  readonly schoolVacation: boolean;
  readonly schoolDay: boolean;
}

/**
 * The calendar compiled for lookups by local day: public holidays, officially adjusted working
 * days and school vacations (inclusive local dates). Working day = a Monday..Friday that is not a
 * holiday, or an adjusted working day; rest day = not a working day; school day = working day
 * outside every school vacation. Flags are cached per day.
 */
export class CalendarIndex {
  private readonly holidays = new Map<DayNumber, string | null>();
  private readonly adjusted = new Set<DayNumber>();
  private readonly vacations: ReadonlyArray<readonly [DayNumber, DayNumber]>;
  private readonly cache = new Map<DayNumber, number>();

  constructor(data: Partial<CalendarData> = {}) {
    for (const h of data.holidays ?? []) this.holidays.set(dayNumberOf(h.date), h.name ?? null);
    for (const a of data.adjustedWorkingDays ?? []) this.adjusted.add(dayNumberOf(a.date));
    this.vacations = (data.schoolVacations ?? []).map(
      (v) => [dayNumberOf(v.from), dayNumberOf(v.to)] as const,
    );
  }

  /** Day flags bitmask (see `DayFlag`). */
  flagsOf(day: DayNumber): number {
    let f = this.cache.get(day);
    if (f === undefined) {
      f = this.computeFlags(day);
      if (this.cache.size > 20000) this.cache.clear();
      this.cache.set(day, f);
    }
    return f;
  }

  /** Readable view of one day. */
  infoOf(day: DayNumber): DayInfo {
    const flags = this.flagsOf(day);
    return {
      day,
      isoWeekday: isoWeekdayOf(day),
      flags,
      holiday: (flags & DayFlag.HOLIDAY) !== 0,
      holidayName: this.holidays.get(day) ?? null,
      adjustedWorkingDay: (flags & DayFlag.ADJUSTED_WORKING_DAY) !== 0,
      workingDay: (flags & DayFlag.WORKING_DAY) !== 0,
      restDay: (flags & DayFlag.REST_DAY) !== 0,
      schoolVacation: (flags & DayFlag.SCHOOL_VACATION) !== 0,
      schoolDay: (flags & DayFlag.SCHOOL_DAY) !== 0,
    };
  }

  private computeFlags(day: DayNumber): number {
    const wd = isoWeekdayOf(day);
    let f = weekdayFlag(wd) | DayFlag.EVERYDAY;
    f |= wd <= 5 ? DayFlag.WEEKDAY : DayFlag.WEEKEND;
    const holiday = this.holidays.has(day);
    const adjusted = this.adjusted.has(day);
    if (holiday) f |= DayFlag.HOLIDAY;
    if (adjusted) f |= DayFlag.ADJUSTED_WORKING_DAY;
    const working = adjusted || (wd <= 5 && !holiday);
    f |= working ? DayFlag.WORKING_DAY : DayFlag.REST_DAY;
    const vacation = this.vacations.some(([a, b]) => day >= a && day <= b);
    if (vacation) f |= DayFlag.SCHOOL_VACATION;
    if (working && !vacation) f |= DayFlag.SCHOOL_DAY;
    return f;
  }
}
