import chineseDays from 'chinese-days/dist/chinese-days.json';
import { calendarFromChineseDays } from '../calendar/chinese-days.import';
import { compileRuleBook } from './rule-book';
import { sampleCity } from '../../testing/sample-city.fixture';

const book = compileRuleBook(sampleCity(calendarFromChineseDays(chineseDays, [2026])));
/** Shanghai local time -> instant. */
const sh = (local: string): number => Date.parse(`${local}:00+08:00`);

describe('RuleBook: lot status, handles, policy keys, errors', () => {
  it('reports lot status for guidance', () => {
    expect(book.lotStatus('L-gov', sh('2026-11-30T10:00'))).toMatchObject({
      open: false,
      reason: 'outside_public_hours',
      nextChange: sh('2026-11-30T18:00'),
    });
    expect(book.lotStatus('L-gov', sh('2026-10-10T10:00'))).toMatchObject({
      open: false,
      reason: 'outside_public_hours',
    });
    expect(book.lotStatus('L-gov', sh('2026-10-09T20:00'))).toMatchObject({
      open: true,
      nextChange: sh('2026-10-10T08:00'),
    });
    expect(book.lotStatus('L-temp', sh('2026-11-15T10:00'))).toMatchObject({
      open: false,
      reason: 'outside_validity',
      nextChange: null,
    });
    expect(book.lotStatus('L-temp', sh('2026-12-31T10:00'))).toMatchObject({
      open: true,
      nextChange: sh('2027-01-01T00:00'),
    });
    expect(book.lotStatus('L-closed', sh('2026-12-31T10:00'))).toMatchObject({
      open: false,
      reason: 'closed_by_operator',
    });
    expect(book.lotStatus('L-street', sh('2026-12-31T10:00'))).toMatchObject({
      open: true,
      reason: null,
      pricePerHour: 8,
    });
  });

  it('groups spaces that evaluate alike under one policy key and accepts handles', () => {
    expect(book.policyKey('S-street')).not.toBe(book.policyKey('S-residents'));
    expect(book.policyKey('S-street')).not.toBe(book.policyKey('S-temp'));
    const h = book.spaceHandle('S-residents');
    expect(book.evaluateSpace(h, sh('2026-11-30T23:00'))).toEqual(
      book.evaluateSpace('S-residents', sh('2026-11-30T23:00')),
    );
    const other = compileRuleBook(sampleCity({ holidays: [], adjustedWorkingDays: [] }));
    expect(() => other.evaluateSpace(h, 0)).toThrow(/another rule book/);
  });

  it('throws typed errors for unknown ids', () => {
    expect(() => book.evaluateSpace('nope', 0)).toThrow('space nope not found');
    expect(() => book.lotStatus('nope', 0)).toThrow('lot nope not found');
    expect(() =>
      compileRuleBook({ zones: [], lots: [], spaces: [{ id: 'S', lotId: 'L' }] }),
    ).toThrow(/unknown lot/);
    const bad = sampleCity({ holidays: [], adjustedWorkingDays: [] });
    expect(() =>
      compileRuleBook({ ...bad, spaces: [{ id: 'S', lotId: 'L-street', ruleIds: ['R-x'] }] }),
    ).toThrow(/unknown rule R-x/);
  });
});
