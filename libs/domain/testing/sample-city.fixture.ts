import { CalendarData } from '../src/calendar/calendar.schema';
import { RuleBookInput } from '../src/rules/rule-book.types';

/**
 * A small city with one of each rule shape, used by the rules specs and bench/rules (test-only:
 * outside `src`, not built). The official days are passed in (tests load them from the
 * `chinese-days` package); school vacations and the school-gate window and audience are those of
 * the sample catalogue (libs/city/src/sample), which libs/domain may not import.
 */
export function sampleCity(
  official: Pick<CalendarData, 'holidays' | 'adjustedWorkingDays'>,
  timeZone = 'Asia/Shanghai',
): RuleBookInput {
  return {
    timeZone,
    currency: 'CNY',
    calendar: {
      ...official,
      schoolVacations: [
        { id: 'winter-2026', from: '2026-01-24', to: '2026-02-28' },
        { id: 'summer-2026', from: '2026-07-11', to: '2026-08-31' },
        { id: 'winter-2027', from: '2027-01-23', to: '2027-02-27' },
      ],
    },
    pricingTiers: [
      {
        id: 'T-central',
        basePricePerHour: 4,
        bands: [{ window: { days: 'working_days', from: '08:00', to: '20:00' }, pricePerHour: 8 }],
        freeMinutes: 15,
        dailyCap: 60,
      },
      { id: 'T-outer', basePricePerHour: 2, bands: [], freeMinutes: 30, dailyCap: 20 },
    ],
    rules: [
      {
        id: 'R-hospital',
        kind: 'short_stay',
        maxStayMin: 30,
        windows: [{ days: 'everyday', from: '07:00', to: '19:00' }],
      },
      {
        id: 'R-school-gate',
        kind: 'tidal',
        defaultAudience: 'public',
        schedule: [
          {
            window: { days: 'school_days', from: '07:00', to: '08:30' },
            audience: 'school_parents',
            maxStayMin: 15,
          },
          {
            window: { days: 'school_days', from: '16:00', to: '17:30' },
            audience: 'school_parents',
            maxStayMin: 15,
          },
        ],
      },
      {
        id: 'R-residents-night',
        kind: 'audience',
        audience: 'residents',
        windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
      },
      {
        id: 'R-residents-workdays',
        kind: 'audience',
        audience: 'residents',
        windows: [{ days: 'working_days', from: '19:00', to: '07:00' }],
      },
      {
        id: 'R-office-tidal',
        kind: 'tidal',
        defaultAudience: 'public',
        schedule: [
          { window: { days: 'everyday', from: '19:00', to: '07:00' }, audience: 'residents' },
        ],
      },
      {
        id: 'R-cleaning',
        kind: 'no_parking',
        windows: [{ days: 'working_days', from: '05:00', to: '06:00' }],
      },
    ],
    exemptions: [
      {
        id: 'EX-holiday-minor',
        name: 'minor violations on public holidays',
        when: 'holidays',
        violations: ['overstay', 'audience_breach'],
        minorOverstayMin: 30,
      },
      {
        id: 'EX-tidal-vacation',
        name: 'tidal spaces during school vacations',
        when: 'school_vacations',
        violations: ['tidal_breach'],
        ruleKinds: ['tidal'],
      },
    ],
    zones: [
      { id: 'Z-central', pricingTierId: 'T-central' },
      { id: 'Z-outer', pricingTierId: 'T-outer' },
    ],
    lots: [
      { id: 'L-street', zoneId: 'Z-central' },
      { id: 'L-hospital', zoneId: 'Z-central', ruleIds: ['R-hospital'] },
      { id: 'L-school', zoneId: 'Z-outer' },
      {
        id: 'L-gov',
        zoneId: 'Z-central',
        category: 'institutional',
        publicHours: [
          { days: 'working_days', from: '18:00', to: '08:00' },
          { days: 'rest_days', from: '00:00', to: '24:00' },
          // The last rest day's night runs on into the next working morning.
          { days: 'rest_days', from: '18:00', to: '08:00' },
        ],
      },
      {
        id: 'L-temp',
        zoneId: 'Z-outer',
        category: 'temporary',
        validFrom: '2026-12-01',
        validTo: '2026-12-31',
      },
      { id: 'L-closed', zoneId: 'Z-outer', closed: true },
    ],
    spaces: [
      { id: 'S-street', lotId: 'L-street' },
      { id: 'S-hospital', lotId: 'L-hospital' },
      { id: 'S-school', lotId: 'L-school', ruleIds: ['R-school-gate'] },
      { id: 'S-residents', lotId: 'L-street', ruleIds: ['R-residents-night'] },
      { id: 'S-residents-wd', lotId: 'L-street', ruleIds: ['R-residents-workdays'] },
      { id: 'S-tidal', lotId: 'L-street', ruleIds: ['R-office-tidal'] },
      { id: 'S-cleaning', lotId: 'L-street', ruleIds: ['R-cleaning'] },
      { id: 'S-gov', lotId: 'L-gov' },
      { id: 'S-temp', lotId: 'L-temp' },
      { id: 'S-closed', lotId: 'L-closed' },
    ],
  };
}
