import { CityFileInput } from '@app/domain';

type C = Required<CityFileInput>;

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
    lowBatteryMv: 3300,
  },
  {
    id: 'sm-radar-b',
    name: 'Radar sensor B',
    heartbeatIntervalS: 600,
    staleGraceS: 120,
    lowBatteryMv: 3400,
  },
];

export const SAMPLE_ZONES: C['zones'] = [
  {
    id: 'zone-core',
    name: 'Core grid',
    pricingTierId: 'tier-core',
    officer: { name: 'Officer Wang', badge: 'TP-1001' },
  },
  {
    id: 'zone-inner-east',
    name: 'Inner east grid',
    pricingTierId: 'tier-inner',
    officer: { name: 'Officer Li', badge: 'TP-1002' },
  },
  {
    id: 'zone-inner-west',
    name: 'Inner west grid',
    pricingTierId: 'tier-inner',
    officer: { name: 'Officer Zhang', badge: 'TP-1003' },
  },
  {
    id: 'zone-outer',
    name: 'Outskirts grid',
    pricingTierId: 'tier-outer',
    officer: { name: 'Officer Chen', badge: 'TP-1004' },
  },
];

export const SAMPLE_SIGNS: C['signs'] = [
  {
    id: 'sign-core-north',
    name: 'Yan-an Rd / Fengqi Rd junction',
    lat: 30.2781,
    lon: 120.1561,
    entries: [
      { lotId: 'lot-core-plaza-garage', label: 'PLAZA' },
      {
        lotId: 'lot-core-yan-an-rd',
        label: 'YAN-AN RD',
        almostFullAt: 5,
        almostFullClearAt: 8,
      },
    ],
  },
  {
    id: 'sign-east-hospital',
    name: 'Hospital east entrance',
    entries: [
      { lotId: 'lot-east-district-gov', label: 'GOV (SHARED)' },
      {
        lotId: 'lot-east-hospital-rd',
        label: 'HOSPITAL',
        fullAt: 1,
        fullClearAt: 3,
        almostFullAt: 3,
        almostFullClearAt: 5,
      },
    ],
  },
];
