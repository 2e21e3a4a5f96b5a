import { CityFileInput } from '@app/domain';

const BASE = { lat: 31.23, lon: 121.47 };
/** ~11 m north per step. */
const at = (n: number, east = 0) => ({ lat: BASE.lat + n * 0.0001, lon: BASE.lon + east * 0.0001 });

export const ORIGIN = BASE;

/**
 * A small city exercising every guidance case: a plain kerbside lot with a sign, residents-only
 * nights, a hospital short-stay window, a tidal school-gate space and an institutional lot open
 * to the public on rest days only (the calendar has an adjusted working Saturday, 2026-10-10).
 */
export const GUIDANCE_CITY: CityFileInput = {
  version: 1,
  city: { name: 'Testville', timeZone: 'Asia/Shanghai', currency: 'CNY' },
  calendar: {
    holidays: [{ date: '2026-10-01', name: 'National Day' }],
    adjustedWorkingDays: [{ date: '2026-10-10', name: 'National Day make-up' }],
    schoolVacations: [],
  },
  pricingTiers: [
    {
      id: 'central',
      basePricePerHour: 4,
      bands: [{ window: { days: 'working_days', from: '08:00', to: '20:00' }, pricePerHour: 8 }],
      freeMinutes: 15,
      dailyCap: 40,
    },
    { id: 'gov', basePricePerHour: 2 },
  ],
  rules: [
    {
      id: 'residents-night',
      kind: 'audience',
      description: 'residents only at night',
      audience: 'residents',
      windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
    },
    {
      id: 'hospital-30',
      kind: 'short_stay',
      maxStayMin: 30,
      windows: [{ days: 'everyday', from: '08:00', to: '18:00' }],
    },
    {
      id: 'school-gate',
      kind: 'tidal',
      defaultAudience: 'public',
      schedule: [
        { window: { days: 'working_days', from: '07:00', to: '09:00' }, audience: 'school' },
        {
          window: { days: 'everyday', from: '09:00', to: '17:00' },
          audience: 'public',
          maxStayMin: 60,
        },
      ],
    },
  ],
  sensorModels: [{ id: 'm1', heartbeatIntervalS: 300, staleGraceS: 60, lowBatteryMv: 3000 }],
  zones: [{ id: 'Z1', name: 'Centre', pricingTierId: 'central' }],
  lots: [
    {
      id: 'L1',
      zoneId: 'Z1',
      name: 'Main St',
      category: 'onstreet',
      capacity: 5,
      ...at(0),
      almostFullRatio: 0.2,
    },
    {
      id: 'LR',
      zoneId: 'Z1',
      name: 'Rose Court kerb',
      category: 'onstreet',
      capacity: 1,
      ...at(10),
    },
    {
      id: 'LH',
      zoneId: 'Z1',
      name: 'Hospital drop-off',
      category: 'onstreet',
      capacity: 1,
      ...at(12),
    },
    { id: 'LT', zoneId: 'Z1', name: 'School gate', category: 'onstreet', capacity: 1, ...at(14) },
    {
      id: 'LI',
      zoneId: 'Z1',
      name: 'Tax office yard',
      category: 'institutional',
      capacity: 2,
      ...at(16),
      pricingTierId: 'gov',
      almostFullRatio: 0.5,
      publicHours: [{ days: 'rest_days', from: '00:00', to: '24:00' }],
    },
  ],
  spaces: [
    { id: 'S1', lotId: 'L1', ...at(1) },
    { id: 'S2', lotId: 'L1', ...at(2) },
    { id: 'S3', lotId: 'L1', ...at(3) },
    { id: 'S4', lotId: 'L1', ...at(4) },
    { id: 'S5', lotId: 'L1', type: 'ev', ...at(5) },
    { id: 'R1', lotId: 'LR', ...at(10), ruleIds: ['residents-night'] },
    { id: 'H1', lotId: 'LH', ...at(12), ruleIds: ['hospital-30'] },
    { id: 'T1', lotId: 'LT', ...at(14), ruleIds: ['school-gate'] },
    { id: 'I1', lotId: 'LI', ...at(16) },
    { id: 'I2', lotId: 'LI', ...at(16, 1) },
  ],
  gateways: [{ id: 'gw1' }],
  sensors: ['S1', 'S2', 'S3', 'S4', 'S5', 'R1', 'H1', 'T1', 'I1', 'I2'].map((s) => ({
    id: `sn-${s}`,
    modelId: 'm1',
    spaceId: s,
    gatewayIds: ['gw1'],
  })),
  signs: [
    {
      id: 'SIGN1',
      name: 'Main St junction',
      entries: [
        {
          lotId: 'L1',
          label: 'P1',
          fullAt: 0,
          fullClearAt: 2,
          almostFullAt: 1,
          almostFullClearAt: 3,
        },
      ],
    },
  ],
};
