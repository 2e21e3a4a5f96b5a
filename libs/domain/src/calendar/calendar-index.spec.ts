import chineseDays from 'chinese-days/dist/chinese-days.json';
import { dayNumberOf } from '../time/local-date';
import { CalendarIndex } from './calendar-index';
import { calendarFromChineseDays } from './chinese-days.import';
import { DayFlag, describeSelector, selectorMask } from './day-flags';

const official = calendarFromChineseDays(chineseDays, [2026]);
const cal = new CalendarIndex({
  ...official,
  schoolVacations: [{ id: 'w', from: '2026-01-24', to: '2026-03-01' }],
});
const info = (d: string) => cal.infoOf(dayNumberOf(d));

describe('CalendarIndex with the official 2026 schedule', () => {
  it('imports only the requested years', () => {
    expect(official.holidays.every((h) => h.date.startsWith('2026'))).toBe(true);
    expect(official.adjustedWorkingDays.map((d) => d.date)).toEqual([
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
  });

  it.each([
    [
      '2026-10-01 National Day (Thu)',
      '2026-10-01',
      { holiday: true, workingDay: false, restDay: true },
    ],
    [
      '2026-10-08 after the holiday (Thu)',
      '2026-10-08',
      { holiday: false, workingDay: true, schoolDay: true },
    ],
    [
      '2026-09-20 adjusted working Sunday',
      '2026-09-20',
      { isoWeekday: 7, adjustedWorkingDay: true, workingDay: true, restDay: false },
    ],
    [
      '2026-10-10 adjusted working Saturday',
      '2026-10-10',
      { isoWeekday: 6, workingDay: true, schoolDay: true },
    ],
    [
      '2026-10-17 ordinary Saturday',
      '2026-10-17',
      { workingDay: false, restDay: true, schoolDay: false },
    ],
    [
      '2026-02-02 Monday in winter vacation',
      '2026-02-02',
      { workingDay: true, schoolVacation: true, schoolDay: false },
    ],
    [
      '2026-02-28 adjusted working Saturday in vacation',
      '2026-02-28',
      { workingDay: true, schoolVacation: true, schoolDay: false },
    ],
    ['2026-03-02 first school day', '2026-03-02', { schoolVacation: false, schoolDay: true }],
  ])('%s', (_name, date, expected) => {
    expect(info(date)).toMatchObject(expected);
  });

  it('matches day selectors by mask', () => {
    const f = cal.flagsOf(dayNumberOf('2026-10-10'));
    expect(f & selectorMask('working_days')).not.toBe(0);
    expect(f & selectorMask('weekends')).not.toBe(0);
    expect(f & selectorMask('rest_days')).toBe(0);
    expect(f & selectorMask({ weekdays: [6] })).not.toBe(0);
    expect(f & selectorMask({ weekdays: [1, 2] })).toBe(0);
    expect(f & DayFlag.ADJUSTED_WORKING_DAY).not.toBe(0);
    expect(describeSelector({ weekdays: [3, 1] })).toBe('on Mon, Wed');
  });
});
