import chineseDays from 'chinese-days/dist/chinese-days.json';
import { calendarFromChineseDays } from '../calendar/chinese-days.import';
import { compileRuleBook } from './rule-book';
import { sampleCity } from '../../testing/sample-city.fixture';

const book = compileRuleBook(sampleCity(calendarFromChineseDays(chineseDays, [2026])));
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);
const ended = (spaceId: string, from: string, to: string) =>
  book.classifySession({ spaceId, start: sh(from), end: sh(to) });

describe('RuleBook.classifySession: named cases', () => {
  it.each([
    [
      'overstay on National Day 2026-10-01, minor -> exempt',
      'S-hospital',
      '2026-10-01T10:00',
      '2026-10-01T10:50',
      {
        kind: 'overstay',
        minutes: 20,
        minor: true,
        exempted: true,
        exemptionId: 'EX-holiday-minor',
        maxStayMin: 30,
      },
    ],
    [
      'overstay on National Day beyond the minor margin',
      'S-hospital',
      '2026-10-01T10:00',
      '2026-10-01T11:10',
      { kind: 'overstay', minutes: 40, minor: false, exempted: false, exemptionId: null },
    ],
    [
      'overstay the day after the holiday period (2026-10-08)',
      'S-hospital',
      '2026-10-08T10:00',
      '2026-10-08T10:50',
      { kind: 'overstay', minutes: 20, minor: true, exempted: false },
    ],
    [
      'overstay on adjusted working Saturday 2026-10-10',
      'S-hospital',
      '2026-10-10T10:00',
      '2026-10-10T10:50',
      { kind: 'overstay', exempted: false },
    ],
    [
      'school gate overstay at peak (tidal maxStayMin 15)',
      'S-school',
      '2026-11-30T07:40',
      '2026-11-30T08:00',
      { kind: 'overstay', ruleId: 'R-school-gate', ruleKind: 'tidal', minutes: 5, maxStayMin: 15 },
    ],
    [
      'tidal breach inside the winter vacation -> exempt',
      'S-tidal',
      '2026-02-02T18:00',
      '2026-02-02T20:00',
      {
        kind: 'tidal_breach',
        basis: 'crossed_switch_over',
        since: sh('2026-02-02T19:05'),
        minutes: 55,
        exempted: true,
        exemptionId: 'EX-tidal-vacation',
      },
    ],
    [
      'tidal breach outside the vacation',
      'S-tidal',
      '2026-03-10T18:00',
      '2026-03-10T20:00',
      { kind: 'tidal_breach', exempted: false, minor: false },
    ],
    [
      'audience breach on a holiday is minor -> exempt',
      'S-residents',
      '2026-10-01T18:00',
      '2026-10-01T20:00',
      { kind: 'audience_breach', minor: true, exempted: true, exemptionId: 'EX-holiday-minor' },
    ],
    [
      'audience breach on a working day',
      'S-residents',
      '2026-11-30T18:00',
      '2026-11-30T20:00',
      { kind: 'audience_breach', minutes: 55, exempted: false },
    ],
    [
      'no-parking breach (cleaning 05:00 on working days)',
      'S-cleaning',
      '2026-11-30T04:00',
      '2026-11-30T05:30',
      { kind: 'no_parking_breach', since: sh('2026-11-30T05:05'), minutes: 25 },
    ],
    [
      'no-parking breach counted only until the window ends (05:00-06:00)',
      'S-cleaning',
      '2026-11-30T04:00',
      '2026-11-30T09:00',
      { kind: 'no_parking_breach', since: sh('2026-11-30T05:05'), minutes: 55 },
    ],
    [
      'arrived inside the no-parking window: breach until the window ends',
      'S-cleaning',
      '2026-11-30T05:30',
      '2026-11-30T07:00',
      { kind: 'no_parking_breach', basis: 'started_inside', since: sh('2026-11-30T05:35') },
    ],
    [
      'audience breach ends when the space is public again (07:00)',
      'S-residents',
      '2026-11-30T18:00',
      '2026-12-01T09:00',
      { kind: 'audience_breach', since: sh('2026-11-30T19:05'), minutes: 715 },
    ],
  ])('%s', (_name, spaceId, from, to, expected) => {
    const c = ended(spaceId, from, to);
    expect(c.violations).toHaveLength(1);
    expect(c.violations[0]).toMatchObject(expected);
    expect(c.deadline).toBeNull();
  });

  it.each([
    ['within the hospital window', 'S-hospital', '2026-11-30T10:00', '2026-11-30T10:30'],
    [
      'left within the grace after the switch-over',
      'S-residents',
      '2026-11-30T18:00',
      '2026-11-30T19:05',
    ],
    [
      'tidal switch on a school-free Saturday (default audience)',
      'S-school',
      '2026-11-28T07:00',
      '2026-11-28T12:00',
    ],
    [
      'arrived minutes before the no-parking window ends: the grace outlasts it',
      'S-cleaning',
      '2026-11-30T05:57',
      '2026-11-30T08:00',
    ],
    [
      'no parking not on an ordinary Saturday',
      'S-cleaning',
      '2026-10-17T04:00',
      '2026-10-17T07:00',
    ],
    [
      'institutional lot hours are not a violation kind',
      'S-gov',
      '2026-11-30T07:00',
      '2026-11-30T09:00',
    ],
  ])('no violation: %s', (_name, spaceId, from, to) => {
    expect(ended(spaceId, from, to).violations).toEqual([]);
  });

  it('flags a session begun inside the residents window only when asked to', () => {
    const c = book.classifySession(
      { spaceId: 'S-residents', start: sh('2026-11-30T22:00'), end: sh('2026-11-30T23:00') },
      { flagStartInsideRestricted: true },
    );
    expect(c.violations).toHaveLength(1);
    expect(c.violations[0]).toMatchObject({
      kind: 'audience_breach',
      basis: 'started_inside',
      since: sh('2026-11-30T22:05'),
    });
    expect(ended('S-residents', '2026-11-30T22:00', '2026-11-30T23:00').violations).toEqual([]);
  });

  it('does not flag sessions begun inside a window when told not to', () => {
    const c = book.classifySession(
      { spaceId: 'S-residents', start: sh('2026-11-30T22:00'), end: sh('2026-11-30T23:00') },
      { flagStartInsideRestricted: false },
    );
    expect(c.violations).toEqual([]);
  });

  it('applies a configurable grace', () => {
    const s = {
      spaceId: 'S-residents',
      start: sh('2026-11-30T18:00'),
      end: sh('2026-11-30T19:20'),
    };
    expect(book.classifySession(s, { graceMin: 30 }).violations).toEqual([]);
    expect(book.classifySession(s, { graceMin: 10 }).violations[0]).toMatchObject({ minutes: 10 });
  });

  it('gives the deadline of a running session', () => {
    const run = (spaceId: string, from: string, now: string) =>
      book.classifySession({ spaceId, start: sh(from), end: null, now: sh(now) });
    expect(run('S-hospital', '2026-11-30T10:00', '2026-11-30T10:20')).toMatchObject({
      violations: [],
      deadline: sh('2026-11-30T10:30') + 1,
      deadlineKind: 'overstay',
    });
    expect(run('S-tidal', '2026-11-30T18:00', '2026-11-30T18:30')).toMatchObject({
      deadline: sh('2026-11-30T19:05') + 1,
      deadlineKind: 'tidal_breach',
    });
    const over = run('S-hospital', '2026-11-30T18:00', '2026-11-30T18:45');
    expect(over.violations[0]).toMatchObject({ kind: 'overstay', minutes: 15 });
    expect(over.deadline).toBeNull();
    expect(run('S-street', '2026-11-30T10:00', '2026-11-30T20:00').deadline).toBeNull();
    const holiday = run('S-hospital', '2026-10-01T10:00', '2026-10-01T10:45');
    expect(holiday.violations[0]).toMatchObject({
      kind: 'overstay',
      exempted: true,
      exemptUntil: sh('2026-10-01T11:00'),
    });
    expect(holiday).toMatchObject({ deadline: null, recheckAt: sh('2026-10-01T11:00') + 1 });
    const later = run('S-hospital', '2026-10-01T10:00', '2026-10-01T11:01');
    expect(later.violations[0]).toMatchObject({ exempted: false, exemptUntil: null });
    expect(later.recheckAt).toBeNull();
    expect(() => book.classifySession({ spaceId: 'S-street', start: 0, end: null })).toThrow(/now/);
  });
});

describe('RuleBook.evaluateStay', () => {
  it.each([
    [
      '20 minutes at the hospital',
      'S-hospital',
      '2026-11-30T10:00',
      20,
      { allowed: true, withinMaxStay: true, cost: 0.67 },
    ],
    [
      '45 minutes at the hospital exceed the 30-minute window',
      'S-hospital',
      '2026-11-30T10:00',
      45,
      { allowed: false, publicForWholeStay: true, withinMaxStay: false },
    ],
    [
      'a stay running into the residents window',
      'S-residents',
      '2026-11-30T18:00',
      90,
      { allowed: false, publicForWholeStay: false, blockedAt: sh('2026-11-30T19:00') },
    ],
    [
      'a stay ending exactly at the switch',
      'S-residents',
      '2026-11-30T18:00',
      60,
      { allowed: true, blockedAt: null },
    ],
    [
      'a full working day hits the daily cap',
      'S-street',
      '2026-11-30T00:00',
      1440,
      { allowed: true, cost: 60 },
    ],
    ['two days: cap per local day', 'S-street', '2026-11-30T12:00', 1440, { cost: 120 }],
    ['free first period', 'S-temp', '2026-12-02T10:00', 30, { cost: 0 }],
    ['outer tier 2/h after 30 free minutes', 'S-temp', '2026-12-02T10:00', 120, { cost: 3 }],
    [
      'institutional lot from 17:00 is closed at arrival',
      'S-gov',
      '2026-11-30T17:00',
      60,
      { allowed: false, blockedAt: sh('2026-11-30T17:00') },
    ],
  ])('%s', (_name, spaceId, local, stay, expected) => {
    expect(book.evaluateStay(spaceId, sh(local), stay)).toMatchObject(expected);
  });

  it('rejects a bad stay', () => {
    expect(() => book.evaluateStay('S-street', 0, 0)).toThrow(/stay/);
  });
});
