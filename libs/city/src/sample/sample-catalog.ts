import { CityFileInput } from '@app/domain';

type C = Required<CityFileInput>;

/**
 * The one sample catalogue: pricing tiers, rules, exemptions, sensor models and school vacations
 * shared by the shipped sample (data/sample-city.json, `npm run city -- generate-sample`) and
 * the simulator's generated cities, so the two cannot disagree. Ids by role below.
 */
export const SAMPLE_TIER = {
  core: 'tier-core',
  inner: 'tier-inner',
  outer: 'tier-outer',
  shared: 'tier-shared',
  temporary: 'tier-temporary',
} as const;

export const SAMPLE_RULE = {
  residentsNight: 'rule-residents-night',
  hospitalShortStay: 'rule-hospital-short-stay',
  schoolGateShortStay: 'rule-school-gate-short-stay',
  schoolTidal: 'rule-school-tidal',
  officeTidal: 'rule-tidal-office-residents',
  marketMorning: 'rule-market-morning',
  streetCleaning: 'rule-street-cleaning',
} as const;

export const SAMPLE_MODEL = {
  geomagnetic: 'sm-geomag-a',
  radar: 'sm-radar-b',
  dual: 'sm-dual-c',
} as const;

export const SAMPLE_PRICING_TIERS: C['pricingTiers'] = [
  {
    id: 'tier-core',
    name: 'Core area',
    basePricePerHour: 8,
    bands: [{ window: { days: 'working_days', from: '08:00', to: '20:00' }, pricePerHour: 15 }],
    freeMinutes: 15,
    dailyCap: 80,
  },
  {
    id: 'tier-inner',
    name: 'Inner ring',
    basePricePerHour: 4,
    bands: [{ window: { days: 'everyday', from: '07:00', to: '21:00' }, pricePerHour: 8 }],
    freeMinutes: 15,
    dailyCap: 50,
  },
  { id: 'tier-outer', name: 'Outskirts', basePricePerHour: 2, freeMinutes: 30, dailyCap: 20 },
  {
    id: 'tier-shared',
    name: 'Shared institutional (off-hours)',
    basePricePerHour: 3,
    freeMinutes: 30,
    dailyCap: 15,
  },
  {
    id: 'tier-temporary',
    name: 'Temporary lots',
    basePricePerHour: 1,
    freeMinutes: 60,
    dailyCap: 8,
  },
];

export const SAMPLE_RULES: C['rules'] = [
  {
    id: 'rule-residents-night',
    kind: 'audience',
    description: 'Residents only from 19:00 to 07:00',
    audience: 'residents',
    windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
  },
  {
    id: 'rule-hospital-short-stay',
    kind: 'short_stay',
    description: 'Hospital drop-off: 30 minutes at most, 07:00-20:00',
    maxStayMin: 30,
    windows: [{ days: 'everyday', from: '07:00', to: '20:00' }],
  },
  {
    id: 'rule-school-gate-short-stay',
    kind: 'short_stay',
    description: 'School gate: 15 minutes at most at drop-off and pick-up on school days',
    maxStayMin: 15,
    windows: [
      { days: 'school_days', from: '07:00', to: '08:30' },
      { days: 'school_days', from: '16:00', to: '17:30' },
    ],
  },
  {
    id: 'rule-school-tidal',
    kind: 'tidal',
    description: 'School gate tidal bays: parents at school peaks, residents at night',
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
      { window: { days: 'everyday', from: '20:00', to: '07:00' }, audience: 'residents' },
    ],
  },
  {
    id: 'rule-tidal-office-residents',
    kind: 'tidal',
    description: 'Offices by day on working days, residents at night',
    defaultAudience: 'public',
    schedule: [
      { window: { days: 'working_days', from: '08:00', to: '18:00' }, audience: 'office' },
      { window: { days: 'everyday', from: '19:00', to: '07:00' }, audience: 'residents' },
    ],
  },
  {
    id: 'rule-market-morning',
    kind: 'no_parking',
    description: 'Saturday morning market: no parking 05:00-10:00',
    windows: [{ days: { weekdays: [6] }, from: '05:00', to: '10:00' }],
  },
  {
    id: 'rule-street-cleaning',
    kind: 'no_parking',
    description: 'Street cleaning: no parking 03:00-05:00 on Tuesdays and Fridays',
    windows: [{ days: { weekdays: [2, 5] }, from: '03:00', to: '05:00' }],
  },
];

export const SAMPLE_EXEMPTIONS: C['exemptions'] = [
  {
    id: 'ex-holiday-minor',
    name: 'Minor violations are not penalised on public holidays',
    when: 'holidays',
    violations: ['overstay', 'audience_breach'],
    minorOverstayMin: 30,
  },
  {
    id: 'ex-tidal-school-vacation',
    name: 'Tidal spaces are not penalised during school vacations',
    when: 'school_vacations',
    violations: ['tidal_breach'],
    ruleKinds: ['tidal'],
  },
];

export const SAMPLE_SENSOR_MODELS: C['sensorModels'] = [
  {
    id: 'sm-geomag-a',
    name: 'Geomagnetic sensor A',
    heartbeatIntervalS: 300,
    staleGraceS: 60,
    lowBatteryMv: 3200,
  },
  {
    id: 'sm-radar-b',
    name: 'Radar sensor B',
    heartbeatIntervalS: 600,
    staleGraceS: 60,
    lowBatteryMv: 3100,
  },
  {
    id: 'sm-dual-c',
    name: 'Dual-mode sensor C',
    heartbeatIntervalS: 900,
    staleGraceS: 120,
    lowBatteryMv: 3000,
  },
];

/** The city's own school vacations (sample data, not official). */
export const SAMPLE_SCHOOL_VACATIONS: C['calendar']['schoolVacations'] = [
  {
    id: 'sv-2026-winter',
    name: 'Winter vacation 2026 (sample)',
    from: '2026-01-24',
    to: '2026-02-28',
  },
  {
    id: 'sv-2026-summer',
    name: 'Summer vacation 2026 (sample)',
    from: '2026-07-11',
    to: '2026-08-31',
  },
  {
    id: 'sv-2027-winter',
    name: 'Winter vacation 2027 (sample)',
    from: '2027-01-23',
    to: '2027-02-27',
  },
];
