import chineseDays from 'chinese-days/dist/chinese-days.json';
import { calendarFromChineseDays } from '../calendar/chinese-days.import';
import { compileRuleBook } from './rule-book';
import { sampleCity } from '../../testing/sample-city.fixture';

const book = compileRuleBook(sampleCity(calendarFromChineseDays(chineseDays, [2026])));
/** Shanghai local time -> instant. */
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const fmt = (v: number | null): string | null => (v === null ? null : book.clock.format(v));

describe('RuleBook.evaluateSpace: named cases (Asia/Shanghai, official 2026 calendar)', () => {
  it.each([
    [
      'hospital 30-minute window, inside',
      'S-hospital',
      '2026-11-30T10:00',
      {
        publicAllowed: true,
        maxStayMin: 30,
        maxStayRuleId: 'R-hospital',
        usableUntil: null,
        pricePerHour: 8,
      },
    ],
    [
      'hospital window, evening (no limit)',
      'S-hospital',
      '2026-11-30T20:00',
      { publicAllowed: true, maxStayMin: null, pricePerHour: 4 },
    ],
    [
      'school gate at peak (school day)',
      'S-school',
      '2026-11-30T07:45',
      {
        audience: 'school_parents',
        publicAllowed: false,
        maxStayMin: 15,
        nextPublicFrom: '2026-11-30T08:30:00+08:00',
      },
    ],
    [
      'school gate off-peak',
      'S-school',
      '2026-11-30T10:00',
      { audience: 'public', maxStayMin: null, usableUntil: '2026-11-30T16:00:00+08:00' },
    ],
    [
      'school gate on a Saturday',
      'S-school',
      '2026-11-28T07:45',
      { publicAllowed: true, usableUntil: '2026-11-30T07:00:00+08:00' },
    ],
    ['school gate in winter vacation', 'S-school', '2026-02-02T07:45', { publicAllowed: true }],
    [
      'school gate on adjusted working Saturday 2026-10-10',
      'S-school',
      '2026-10-10T07:45',
      { audience: 'school_parents' },
    ],
    [
      'residents at night',
      'S-residents',
      '2026-11-30T23:00',
      {
        audience: 'residents',
        nextPublicFrom: '2026-12-01T07:00:00+08:00',
        usableUntil: '2026-11-30T23:00:00+08:00',
      },
    ],
    [
      'residents after midnight (window of the day before)',
      'S-residents',
      '2026-12-01T02:00',
      { audience: 'residents' },
    ],
    [
      'residents window over at 07:00',
      'S-residents',
      '2026-12-01T07:00',
      { audience: 'public', usableUntil: '2026-12-01T19:00:00+08:00' },
    ],
    [
      "working-day night window, Saturday 03:00 (Friday's window)",
      'S-residents-wd',
      '2026-11-28T03:00',
      { audience: 'residents' },
    ],
    [
      'working-day night window, Sunday 03:00',
      'S-residents-wd',
      '2026-11-29T03:00',
      { audience: 'public' },
    ],
    [
      'working-day night window, Sunday 20:00',
      'S-residents-wd',
      '2026-11-29T20:00',
      { audience: 'public', usableUntil: '2026-11-30T19:00:00+08:00' },
    ],
    [
      'working-day night window, adjusted working Saturday 20:00',
      'S-residents-wd',
      '2026-10-10T20:00',
      { audience: 'residents' },
    ],
    [
      'working-day night window, National Day 20:00',
      'S-residents-wd',
      '2026-10-01T20:00',
      { audience: 'public' },
    ],
    [
      'institutional lot, Monday office hours',
      'S-gov',
      '2026-11-30T10:00',
      { audience: 'staff', lotOpen: false, nextPublicFrom: '2026-11-30T18:00:00+08:00' },
    ],
    [
      'institutional lot, Monday evening',
      'S-gov',
      '2026-11-30T20:00',
      { audience: 'public', usableUntil: '2026-12-01T08:00:00+08:00' },
    ],
    [
      'institutional lot, Saturday',
      'S-gov',
      '2026-11-28T10:00',
      { audience: 'public', usableUntil: '2026-11-30T08:00:00+08:00' },
    ],
    [
      'institutional lot, National Day',
      'S-gov',
      '2026-10-01T10:00',
      { audience: 'public', usableUntil: '2026-10-08T08:00:00+08:00' },
    ],
    [
      'institutional lot, adjusted working Saturday',
      'S-gov',
      '2026-10-10T10:00',
      { audience: 'staff', lotOpen: false },
    ],
    [
      'institutional lot, adjusted working Sunday 2026-09-20',
      'S-gov',
      '2026-09-20T10:00',
      { audience: 'staff' },
    ],
    [
      'temporary lot before validity',
      'S-temp',
      '2026-11-30T23:59',
      { audience: null, lotOpen: false, nextPublicFrom: '2026-12-01T00:00:00+08:00' },
    ],
    [
      'temporary lot on its first day',
      'S-temp',
      '2026-12-01T00:00',
      { audience: 'public', usableUntil: null, pricePerHour: 2 },
    ],
    [
      'temporary lot near its last day',
      'S-temp',
      '2026-12-28T10:00',
      { audience: 'public', usableUntil: '2027-01-01T00:00:00+08:00' },
    ],
    [
      'temporary lot after validity',
      'S-temp',
      '2027-01-01T00:00',
      { audience: null, nextPublicFrom: null },
    ],
    [
      'operator-closed lot',
      'S-closed',
      '2026-11-30T10:00',
      { audience: null, lotOpen: false, nextPublicFrom: null },
    ],
    [
      'no parking on adjusted working Saturday',
      'S-cleaning',
      '2026-10-10T05:30',
      { audience: null, nextPublicFrom: '2026-10-10T06:00:00+08:00' },
    ],
    [
      'no parking not on an ordinary Saturday',
      'S-cleaning',
      '2026-10-17T05:30',
      { audience: 'public' },
    ],
    ['no parking on adjusted working Sunday', 'S-cleaning', '2026-09-20T05:30', { audience: null }],
    [
      'no parking not on a holiday',
      'S-cleaning',
      '2026-10-01T05:30',
      { audience: 'public', usableUntil: '2026-10-08T05:00:00+08:00' },
    ],
    ['price band only on working days', 'S-street', '2026-10-10T10:00', { pricePerHour: 8 }],
    ['base price on a rest day', 'S-street', '2026-10-11T10:00', { pricePerHour: 4 }],
  ])('%s', (_name, spaceId, local, expected) => {
    const e = book.evaluateSpace(spaceId, sh(local));
    expect({
      ...e,
      usableUntil: fmt(e.usableUntil),
      nextPublicFrom: fmt(e.nextPublicFrom),
    }).toMatchObject(expected);
  });

  it('explains in words', () => {
    expect(book.evaluateSpace('S-residents', sh('2026-11-30T10:00')).explanation).toEqual([
      'open to the public until 19:00',
      'then residents only from 19:00 to 07:00',
      '8 CNY per hour now; first 15 minutes free; at most 60 CNY per day',
    ]);
    expect(
      book.evaluateSpace('S-residents', sh('2026-11-30T23:00')).explanation.slice(0, 2),
    ).toEqual([
      'residents only from 19:00 to 07:00',
      'open to the public again from 2026-12-01 07:00',
    ]);
    expect(book.evaluateSpace('S-hospital', sh('2026-11-30T10:00')).explanation).toContain(
      'maximum stay 30 minutes (short stay from 07:00 to 19:00)',
    );
    expect(
      book.evaluateSpace('S-street', sh('2026-11-30T10:00'), { explain: false }).explanation,
    ).toEqual([]);
  });
});
