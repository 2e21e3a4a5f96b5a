import { CalendarIndex, DayFlag, ZoneClock } from '@app/domain';

/** The four kinds of day the statistics are kept for, from the city calendar. */
export enum DayKind {
  WorkingDay = 0,
  VacationWorkingDay = 1,
  RestDay = 2,
  Holiday = 3,
}

export const DAY_KINDS = [
  DayKind.WorkingDay,
  DayKind.VacationWorkingDay,
  DayKind.RestDay,
  DayKind.Holiday,
] as const;

export const DAY_KIND_NAMES: Record<DayKind, string> = {
  [DayKind.WorkingDay]: 'working day',
  [DayKind.VacationWorkingDay]: 'working day in school vacation',
  [DayKind.RestDay]: 'rest day',
  [DayKind.Holiday]: 'public holiday',
};

/** When a kind has no history yet (a first holiday), the nearest kind stands in. */
export const DAY_KIND_FALLBACK: Record<DayKind, DayKind> = {
  [DayKind.WorkingDay]: DayKind.VacationWorkingDay,
  [DayKind.VacationWorkingDay]: DayKind.WorkingDay,
  [DayKind.RestDay]: DayKind.Holiday,
  [DayKind.Holiday]: DayKind.RestDay,
};

export const SLOT_MIN = 15;
export const SLOT_MS = SLOT_MIN * 60_000;
export const SLOTS_PER_DAY = 96;
export const CELLS = DAY_KINDS.length * SLOTS_PER_DAY;

/** Maps an instant to its statistics cell: day kind x 15-minute slot of the local day. */
export class DayKindClock {
  constructor(
    private readonly clock: ZoneClock,
    private readonly calendar: CalendarIndex,
  ) {}

  kindOf(ms: number): DayKind {
    const flags = this.calendar.flagsOf(this.clock.dayOf(ms));
    if ((flags & DayFlag.HOLIDAY) !== 0) return DayKind.Holiday;
    if ((flags & DayFlag.REST_DAY) !== 0) return DayKind.RestDay;
    if ((flags & DayFlag.SCHOOL_VACATION) !== 0) return DayKind.VacationWorkingDay;
    return DayKind.WorkingDay;
  }

  slotOf(ms: number): number {
    return Math.min(SLOTS_PER_DAY - 1, Math.floor(this.clock.partsOf(ms).minuteOfDay / SLOT_MIN));
  }

  /** kind * 96 + slot. */
  cellOf(ms: number): number {
    return this.kindOf(ms) * SLOTS_PER_DAY + this.slotOf(ms);
  }
}
