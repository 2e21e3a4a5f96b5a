import type { CityFile } from '@app/domain';

export enum DayKind {
  SchoolDay = 0,
  WorkingDay = 1,
  RestDay = 2,
}

const DAY_MS = 86_400_000;

/** Classifies local days with the city's calendar (holidays, adjusted working days, school vacations). */
export class DayCalendar {
  private readonly holidays: Set<string>;
  private readonly adjusted: Set<string>;
  private readonly vacations: { from: string; to: string }[];
  private readonly cache = new Map<number, DayKind>();

  constructor(
    calendar: CityFile['calendar'],
    readonly utcOffsetMs: number,
  ) {
    this.holidays = new Set(calendar.holidays.map((d) => d.date));
    this.adjusted = new Set(calendar.adjustedWorkingDays.map((d) => d.date));
    this.vacations = calendar.schoolVacations.map((v) => ({ from: v.from, to: v.to }));
  }

  /** Local hour (0..23) of an instant. */
  hourOf(ms: number): number {
    return Math.floor(((((ms + this.utcOffsetMs) % DAY_MS) + DAY_MS) % DAY_MS) / 3_600_000);
  }

  kindOf(ms: number): DayKind {
    const day = Math.floor((ms + this.utcOffsetMs) / DAY_MS);
    let kind = this.cache.get(day);
    if (kind === undefined) {
      kind = this.classify(day);
      this.cache.set(day, kind);
    }
    return kind;
  }

  private classify(day: number): DayKind {
    const date = new Date(day * DAY_MS).toISOString().slice(0, 10);
    const weekday = new Date(day * DAY_MS).getUTCDay();
    const working =
      this.adjusted.has(date) || (weekday !== 0 && weekday !== 6 && !this.holidays.has(date));
    if (!working) return DayKind.RestDay;
    return this.vacations.some((v) => v.from <= date && date <= v.to)
      ? DayKind.WorkingDay
      : DayKind.SchoolDay;
  }
}
