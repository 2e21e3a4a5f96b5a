import { CityService } from '@app/city';
import { CityFileInput } from '@app/domain';
import { PgCityStore } from '@app/persistence';
import { DataSource } from 'typeorm';

/**
 * A small city for enforcement tests: zones Z1 and Z2; lot L1 (Z1) with a 30-minute short-stay
 * space S1 and a tidal space S2 (school pick-up 07:00-09:00); lot L2 (Z2) with S3 (short stay)
 * and S4 (no rules). National Day 2026-10-01 is a holiday; 2026-07-01..08-31 a school vacation.
 */
export const ENFORCEMENT_CITY: CityFileInput = {
  version: 1,
  city: { name: 'Enforcement test city', timeZone: 'Asia/Shanghai', currency: 'CNY' },
  calendar: {
    holidays: [{ date: '2026-10-01', name: 'National Day' }],
    adjustedWorkingDays: [],
    schoolVacations: [{ id: 'summer-2026', name: 'Summer', from: '2026-07-01', to: '2026-08-31' }],
  },
  pricingTiers: [{ id: 'T', basePricePerHour: 5, bands: [], freeMinutes: 0, dailyCap: null }],
  rules: [
    {
      id: 'R-short',
      kind: 'short_stay',
      maxStayMin: 30,
      windows: [{ days: 'everyday', from: '08:00', to: '20:00' }],
    },
    {
      id: 'R-tidal',
      kind: 'tidal',
      defaultAudience: 'public',
      schedule: [{ window: { days: 'everyday', from: '07:00', to: '09:00' }, audience: 'school' }],
    },
  ],
  exemptions: [
    {
      id: 'E-holiday-minor',
      when: 'holidays',
      violations: ['overstay', 'audience_breach'],
      minorOverstayMin: 15,
    },
    {
      id: 'E-tidal-vacation',
      when: 'school_vacations',
      violations: ['tidal_breach'],
      ruleKinds: ['tidal'],
    },
  ],
  zones: [
    { id: 'Z1', name: 'Zone 1', pricingTierId: 'T' },
    { id: 'Z2', name: 'Zone 2', pricingTierId: 'T' },
  ],
  lots: [
    { id: 'L1', zoneId: 'Z1', name: 'Lot 1', category: 'onstreet', capacity: 2, lat: 30, lon: 120 },
    {
      id: 'L2',
      zoneId: 'Z2',
      name: 'Lot 2',
      category: 'onstreet',
      capacity: 2,
      lat: 30.01,
      lon: 120.01,
    },
  ],
  spaces: [
    { id: 'S1', lotId: 'L1', lat: 30.0, lon: 120.0, ruleIds: ['R-short'] },
    { id: 'S2', lotId: 'L1', lat: 30.0, lon: 120.0001, ruleIds: ['R-tidal'] },
    { id: 'S3', lotId: 'L2', lat: 30.01, lon: 120.01, ruleIds: ['R-short'] },
    { id: 'S4', lotId: 'L2', lat: 30.01, lon: 120.0101, ruleIds: [] },
  ],
};

/** Imports ENFORCEMENT_CITY through the city import use case (as `npm run city -- import`). */
export async function seedCity(ds: DataSource): Promise<void> {
  await new CityService(new PgCityStore(ds)).import(ENFORCEMENT_CITY);
}
