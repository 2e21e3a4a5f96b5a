import { execFileSync } from 'child_process';
import fc from 'fast-check';
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { calendarFromChineseDays } from '../calendar/chinese-days.import';
import { DaySelector, NAMED_DAY_SELECTORS, TimeWindow } from '../common.schema';
import { clockOfMinute, DAY_MS, MINUTE_MS } from '../time/local-date';
import { compileRuleBook, RuleBook } from './rule-book';
import { RuleBookInput } from './rule-book.types';
import { Rule } from './rule.schema';
import { runTzProbe, TzProbeCase } from './tz-probe.fixture';

const official = calendarFromChineseDays(chineseDays, [2026]);
const selectorArb: fc.Arbitrary<DaySelector> = fc.oneof(
  fc.constantFrom(...NAMED_DAY_SELECTORS),
  fc
    .uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 })
    .map((weekdays) => ({ weekdays })),
);
const windowArb: fc.Arbitrary<TimeWindow> = fc
  .record({
    days: selectorArb,
    from: fc.integer({ min: 0, max: 1439 }),
    to: fc.integer({ min: 1, max: 1440 }),
  })
  .filter((w) => w.from !== w.to && !(w.from === 0 && w.to === 1440 && false))
  .map((w) => ({ days: w.days, from: clockOfMinute(w.from), to: clockOfMinute(w.to) }));
const windowsArb = fc.array(windowArb, { minLength: 1, maxLength: 2 });
const ruleArb = (id: string): fc.Arbitrary<Rule> =>
  fc.oneof(
    windowsArb.map((windows) => ({
      id,
      kind: 'audience' as const,
      audience: 'residents',
      windows,
    })),
    fc
      .record({ m: fc.integer({ min: 5, max: 240 }), windows: windowsArb })
      .map(({ m, windows }) => ({ id, kind: 'short_stay' as const, maxStayMin: m, windows })),
    windowsArb.map((windows) => ({ id, kind: 'no_parking' as const, windows })),
    fc
      .record({
        w: windowArb,
        def: fc.constantFrom('public', 'residents'),
        m: fc.option(fc.integer({ min: 5, max: 60 }), { nil: undefined }),
      })
      .map(({ w, def, m }) => ({
        id,
        kind: 'tidal' as const,
        defaultAudience: def,
        schedule: [
          { window: w, audience: def === 'public' ? 'residents' : 'public', maxStayMin: m },
        ],
      })),
  );

const cityArb: fc.Arbitrary<RuleBookInput> = fc
  .record({
    timeZone: fc.constantFrom('Asia/Shanghai', 'Europe/Berlin', 'America/New_York'),
    rules: fc.tuple(ruleArb('R0'), ruleArb('R1'), ruleArb('R2')).chain((rs) => fc.subarray(rs)),
    hours: fc.option(fc.array(windowArb, { minLength: 1, maxLength: 2 }), { nil: undefined }),
    validity: fc.option(
      fc.constantFrom(['2026-03-25', '2026-03-31'], ['2026-10-20', '2026-11-02']),
      { nil: undefined },
    ),
  })
  .map(({ timeZone, rules, hours, validity }) => ({
    timeZone,
    calendar: { ...official, schoolVacations: [{ id: 'w', from: '2026-01-24', to: '2026-03-01' }] },
    pricingTiers: [{ id: 'T', basePricePerHour: 3, bands: [], freeMinutes: 0, dailyCap: null }],
    rules,
    zones: [{ id: 'Z', pricingTierId: 'T' }],
    lots: [
      {
        id: 'L',
        zoneId: 'Z',
        publicHours: hours,
        validFrom: validity?.[0],
        validTo: validity?.[1],
      },
    ],
    spaces: [{ id: 'S', lotId: 'L', ruleIds: rules.map((r) => r.id) }],
  }));

const z = (iso: string): number => Date.parse(iso);
// Uniform over 2026, plus weight on the DST change days and the National Day holidays.
const instantArb = fc.oneof(
  fc.integer({ min: z('2026-01-01T00:00:00Z'), max: z('2026-12-20T00:00:00Z') }),
  fc
    .constantFrom('2026-03-08', '2026-03-28', '2026-10-24', '2026-10-31', '2026-09-30')
    .chain((d) =>
      fc.integer({ min: z(`${d}T00:00:00Z`) - DAY_MS, max: z(`${d}T00:00:00Z`) + 2 * DAY_MS }),
    ),
);

const isPublic = (book: RuleBook, t: number): boolean =>
  book.evaluateSpace('S', t, { explain: false }).publicAllowed;
/** Every flip happens on a whole minute, so checking each minute boundary is exhaustive. */
function allPublic(book: RuleBook, from: number, to: number): boolean {
  if (!isPublic(book, from)) return false;
  for (let m = Math.floor(from / MINUTE_MS) * MINUTE_MS + MINUTE_MS; m < to; m += MINUTE_MS) {
    if (!isPublic(book, m)) return false;
  }
  return true;
}

describe('RuleBook properties', () => {
  it('usableUntil is the first instant at which public access flips', () => {
    fc.assert(
      fc.property(cityArb, instantArb, (city, at) => {
        const book = compileRuleBook(city);
        const e = book.evaluateSpace('S', at, { explain: false });
        if (!e.publicAllowed) return e.usableUntil === at;
        const end = e.usableUntil ?? at + 8 * DAY_MS + 1;
        if (!allPublic(book, at, end)) return false;
        return e.usableUntil === null || !isPublic(book, e.usableUntil);
      }),
      { numRuns: 60 },
    );
  });

  it('a stay is allowed for the public exactly when every instant of it is', () => {
    fc.assert(
      fc.property(cityArb, instantArb, fc.integer({ min: 1, max: 3000 }), (city, at, stay) => {
        const book = compileRuleBook(city);
        const s = book.evaluateStay('S', at, stay, { explain: false });
        const every = allPublic(book, at, at + stay * MINUTE_MS);
        return s.publicForWholeStay === every && s.allowed === (every && s.withinMaxStay);
      }),
      { numRuns: 60 },
    );
  });

  it('a running session becomes a violation at its deadline, not before', () => {
    fc.assert(
      fc.property(cityArb, instantArb, fc.integer({ min: 0, max: 600 }), (city, start, after) => {
        const book = compileRuleBook(city);
        const now = start + after * MINUTE_MS;
        const c = book.classifySession({ spaceId: 'S', start, end: null, now });
        if (c.deadline === null) return true;
        const deadline = c.deadline;
        const before = book.classifySession({
          spaceId: 'S',
          start,
          end: null,
          now: c.deadline - 1,
        });
        const at = book.classifySession({ spaceId: 'S', start, end: null, now: c.deadline });
        return (
          c.deadline > now &&
          before.violations.length === c.violations.length &&
          at.violations.length === c.violations.length + 1 &&
          at.violations.some((v) => v.kind === c.deadlineKind && v.since === deadline - 1)
        );
      }),
      { numRuns: 200 },
    );
  });

  it('is deterministic and independent of the machine time zone (child processes)', () => {
    // jest sandboxes process.env, so another TZ needs another process.
    const cases: TzProbeCase[] = fc.sample(
      fc.record({ city: cityArb, instants: fc.array(instantArb, { minLength: 1, maxLength: 4 }) }),
      { numRuns: 40, seed: 20261129 },
    );
    const here = runTzProbe(cases);
    expect(runTzProbe(cases)).toEqual(here);
    for (const [tz, offset] of [
      ['Pacific/Chatham', -765],
      ['America/Sao_Paulo', 180],
    ] as const) {
      const out = execFileSync(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          '-r',
          'tsconfig-paths/register',
          `${__dirname}/tz-probe.fixture.ts`,
        ],
        {
          input: JSON.stringify(cases),
          env: { ...process.env, TZ: tz },
          encoding: 'utf8',
          timeout: 60_000,
        },
      );
      const parsed = JSON.parse(out) as { offset: number; results: unknown };
      expect(parsed.offset).toBe(offset);
      expect(parsed.results).toEqual(JSON.parse(JSON.stringify(here)));
    }
  });

  it('a local wall time maps to the first instant showing it or later', () => {
    const book = compileRuleBook({ timeZone: 'Europe/Berlin' });
    fc.assert(
      fc.property(instantArb, (raw) => {
        const t = Math.floor(raw / MINUTE_MS) * MINUTE_MS;
        const p = book.clock.partsOf(t);
        const r = book.clock.instantOf(p.day, p.minuteOfDay);
        const q = book.clock.partsOf(r);
        return r <= t && q.date === p.date && q.time === p.time;
      }),
      { numRuns: 500 },
    );
  });
});
