import { compileRuleBook } from './rule-book';
import { RuleBookInput } from './rule-book.types';

const z = (iso: string): number => Date.parse(iso);

function city(timeZone: string): RuleBookInput {
  const audience = (id: string, from: string, to: string) => ({
    id,
    kind: 'audience' as const,
    audience: 'residents',
    windows: [{ days: 'everyday' as const, from, to }],
  });
  return {
    timeZone,
    pricingTiers: [{ id: 'T', basePricePerHour: 1, bands: [], freeMinutes: 0, dailyCap: 10 }],
    rules: [
      audience('R-night', '19:00', '07:00'),
      audience('R-gap', '02:00', '03:00'),
      audience('R-into-gap', '01:00', '02:30'),
      audience('R-overlap', '02:30', '05:00'),
    ],
    zones: [{ id: 'Z', pricingTierId: 'T' }],
    lots: [{ id: 'L', zoneId: 'Z' }],
    spaces: ['R-night', 'R-gap', 'R-into-gap', 'R-overlap'].map((r) => ({
      id: `S-${r}`,
      lotId: 'L',
      ruleIds: [r],
    })),
  };
}

describe('RuleBook on daylight-saving change days', () => {
  const berlin = compileRuleBook(city('Europe/Berlin'));
  const newYork = compileRuleBook(city('America/New_York'));

  it.each([
    // 2026-03-29: 02:00 CET -> 03:00 CEST (01:00Z).
    [
      'night window across spring-forward: 19:00 CET .. 07:00 CEST',
      berlin,
      'S-R-night',
      '2026-03-28T18:30:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-03-29T05:00:00Z') },
    ],
    [
      'night window: public before 19:00 CET',
      berlin,
      'S-R-night',
      '2026-03-28T17:59:00Z',
      { audience: 'public', usableUntil: z('2026-03-28T18:00:00Z') },
    ],
    [
      'a window wholly in the gap is empty that day',
      berlin,
      'S-R-gap',
      '2026-03-29T00:59:00Z',
      { audience: 'public', usableUntil: z('2026-03-30T00:00:00Z') },
    ],
    [
      'a window ending in the gap ends at 03:00 CEST',
      berlin,
      'S-R-into-gap',
      '2026-03-29T00:30:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-03-29T01:00:00Z') },
    ],
    // 2026-10-25: 03:00 CEST -> 02:00 CET (01:00Z); 02:30 happens at 00:30Z and 01:30Z.
    [
      'a window starting at a doubled 02:30 starts at the first one',
      berlin,
      'S-R-overlap',
      '2026-10-25T00:29:00Z',
      { audience: 'public', usableUntil: z('2026-10-25T00:30:00Z') },
    ],
    [
      '... and ends at 05:00 CET',
      berlin,
      'S-R-overlap',
      '2026-10-25T01:45:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-10-25T04:00:00Z') },
    ],
    [
      'night window across fall-back: until 07:00 CET',
      berlin,
      'S-R-night',
      '2026-10-25T05:59:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-10-25T06:00:00Z') },
    ],
    // America/New_York 2026-03-08: 02:00 EST -> 03:00 EDT (07:00Z).
    [
      'New York night window across spring-forward',
      newYork,
      'S-R-night',
      '2026-03-08T06:00:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-03-08T11:00:00Z') },
    ],
    [
      'New York window ending at 02:30 in the gap',
      newYork,
      'S-R-into-gap',
      '2026-03-08T06:30:00Z',
      { audience: 'residents', nextPublicFrom: z('2026-03-08T07:00:00Z') },
    ],
    // 2026-11-01: 02:00 EDT -> 01:00 EST (06:00Z); 01:00 first at 05:00Z.
    [
      'New York window from 01:00 starts at the first 01:00',
      newYork,
      'S-R-into-gap',
      '2026-11-01T04:59:00Z',
      { audience: 'public', usableUntil: z('2026-11-01T05:00:00Z') },
    ],
  ])('%s', (_name, book, spaceId, iso, expected) => {
    expect(book.evaluateSpace(spaceId, z(iso))).toMatchObject(expected);
  });

  it('charges a 23-hour local day with one daily cap', () => {
    const s = berlin.evaluateStay('S-R-gap', z('2026-03-28T23:00:00Z'), 23 * 60);
    expect(s.cost).toBe(10);
    expect(berlin.evaluateStay('S-R-gap', z('2026-03-28T23:00:00Z'), 9 * 60).cost).toBe(9);
  });

  it('classifies a breach across a change day', () => {
    const c = berlin.classifySession({
      spaceId: 'S-R-night',
      start: z('2026-10-24T16:00:00Z'),
      end: z('2026-10-24T17:30:00Z'),
    });
    expect(c.violations[0]).toMatchObject({
      kind: 'audience_breach',
      since: z('2026-10-24T17:05:00Z'),
      minutes: 25,
    });
  });
});
