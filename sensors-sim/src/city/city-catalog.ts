import type { CityFile } from '@app/domain';
import year2025 from 'chinese-days/dist/years/2025.json';
import year2026 from 'chinese-days/dist/years/2026.json';

type Part<K extends keyof CityFile> = CityFile[K];

/** Tier ids by how central a zone is; lots of some categories use their own tier. */
export const TIER = {
  central: 'tier-central',
  inner: 'tier-inner',
  outskirts: 'tier-outskirts',
  institutional: 'tier-offhours',
  temporary: 'tier-temporary',
} as const;

export const RULE = {
  residentNight: 'rule-resident-night',
  hospitalShort: 'rule-hospital-30min',
  schoolShort: 'rule-school-15min',
  tidal: 'rule-tidal-school-resident',
  streetCleaning: 'rule-street-cleaning',
} as const;

export function pricingTiers(): Part<'pricingTiers'> {
  const dayBand = (price: number) => ({
    window: { days: 'working_days' as const, from: '08:00', to: '20:00' },
    pricePerHour: price,
  });
  return [
    {
      id: TIER.central,
      name: 'Central business district',
      basePricePerHour: 6,
      bands: [
        dayBand(12),
        { window: { days: 'rest_days', from: '10:00', to: '22:00' }, pricePerHour: 10 },
      ],
      freeMinutes: 15,
      dailyCap: 80,
    },
    {
      id: TIER.inner,
      name: 'Inner city',
      basePricePerHour: 3,
      bands: [dayBand(6)],
      freeMinutes: 15,
      dailyCap: 40,
    },
    {
      id: TIER.outskirts,
      name: 'Outskirts',
      basePricePerHour: 1,
      bands: [dayBand(2)],
      freeMinutes: 30,
      dailyCap: 15,
    },
    {
      id: TIER.institutional,
      name: 'Shared off-hours',
      basePricePerHour: 2,
      bands: [],
      freeMinutes: 30,
      dailyCap: 10,
    },
    {
      id: TIER.temporary,
      name: 'Temporary lot',
      basePricePerHour: 1,
      bands: [],
      freeMinutes: 60,
      dailyCap: 8,
    },
  ];
}

export function rules(): Part<'rules'> {
  return [
    {
      id: RULE.residentNight,
      kind: 'audience',
      description: 'Residents only at night',
      audience: 'residents',
      windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
    },
    {
      id: RULE.hospitalShort,
      kind: 'short_stay',
      description: 'Hospital drop-off: 30 minutes by day',
      maxStayMin: 30,
      windows: [{ days: 'everyday', from: '07:00', to: '20:00' }],
    },
    {
      id: RULE.schoolShort,
      kind: 'short_stay',
      description: 'School gate: 15 minutes at drop-off and pick-up',
      maxStayMin: 15,
      windows: [
        { days: 'school_days', from: '07:00', to: '08:30' },
        { days: 'school_days', from: '16:00', to: '18:00' },
      ],
    },
    {
      id: RULE.tidal,
      kind: 'tidal',
      description: 'Parents at school peaks, residents at night, public otherwise',
      defaultAudience: 'public',
      schedule: [
        {
          window: { days: 'school_days', from: '07:00', to: '08:30' },
          audience: 'school_parents',
          maxStayMin: 15,
        },
        {
          window: { days: 'school_days', from: '16:00', to: '18:00' },
          audience: 'school_parents',
          maxStayMin: 15,
        },
        { window: { days: 'everyday', from: '20:00', to: '07:00' }, audience: 'residents' },
      ],
    },
    {
      id: RULE.streetCleaning,
      kind: 'no_parking',
      description: 'Street cleaning',
      windows: [{ days: { weekdays: [2, 5] }, from: '03:00', to: '05:00' }],
    },
  ];
}

export function exemptions(): Part<'exemptions'> {
  return [
    {
      id: 'exempt-holiday-minor',
      name: 'Minor violations are not penalised on public holidays',
      when: 'holidays',
      violations: ['overstay', 'audience_breach'],
      minorOverstayMin: 30,
    },
    {
      id: 'exempt-tidal-vacation',
      name: 'Tidal spaces are not penalised during school vacations',
      when: 'school_vacations',
      violations: ['tidal_breach'],
      ruleKinds: ['tidal'],
    },
  ];
}

export function sensorModels(): Part<'sensorModels'> {
  return [
    {
      id: 'model-mag-600',
      name: 'Magnetometer, 10 min heartbeat',
      heartbeatIntervalS: 600,
      staleGraceS: 60,
      lowBatteryMv: 3100,
    },
    {
      id: 'model-radar-300',
      name: 'Radar, 5 min heartbeat',
      heartbeatIntervalS: 300,
      staleGraceS: 60,
      lowBatteryMv: 3200,
    },
    {
      id: 'model-dual-900',
      name: 'Dual-mode, 15 min heartbeat',
      heartbeatIntervalS: 900,
      staleGraceS: 120,
      lowBatteryMv: 3000,
    },
  ];
}

/** Official holidays and adjusted working days from chinese-days (never invented), plus the city's own school vacations. */
export function calendar(): Part<'calendar'> {
  const holidays: { date: string; name: string }[] = [];
  const adjustedWorkingDays: { date: string; name: string }[] = [];
  for (const year of [year2025, year2026]) {
    for (const [date, label] of Object.entries(year.holidays))
      holidays.push({ date, name: label.split(',')[0] });
    for (const [date, label] of Object.entries(year.workdays))
      adjustedWorkingDays.push({ date, name: label.split(',')[0] });
  }
  return {
    holidays,
    adjustedWorkingDays,
    schoolVacations: [
      { id: 'winter-2026', name: 'Winter vacation 2026', from: '2026-01-24', to: '2026-02-28' },
      { id: 'summer-2026', name: 'Summer vacation 2026', from: '2026-07-04', to: '2026-08-31' },
      { id: 'winter-2027', name: 'Winter vacation 2027', from: '2027-01-23', to: '2027-02-27' },
    ],
  };
}
