import type { CityFile } from '@app/domain';
import type { Prng } from '../random/prng';
import { RULE, TIER } from './city-catalog';
import type { LotPlan } from './lot-planner';

type Lot = CityFile['lots'][number];

/** One lot of a plan, with the category's own fields (public hours, validity, rules, tier). */
export function makeLot(
  rng: Prng,
  plan: LotPlan,
  id: string,
  zoneId: string,
  pos: { lat: number; lon: number },
  referenceDate: string,
  index: number,
): Lot {
  const lot: Lot = {
    id,
    zoneId,
    name: `${plan.variant ?? plan.category} lot ${id}`,
    category: plan.category,
    capacity: plan.size,
    lat: pos.lat,
    lon: pos.lon,
    ruleIds: [],
    closed: false,
    almostFullRatio: 0.1,
  };
  switch (plan.category) {
    case 'institutional':
      lot.publicHours = [
        { days: 'rest_days', from: '00:00', to: '24:00' },
        { days: 'working_days', from: '18:30', to: '07:30' },
      ];
      lot.pricingTierId = TIER.institutional;
      break;
    case 'temporary': {
      // Most temporary lots are open around the reference date; every 10th has expired, every 10th+5 opens later.
      const shift = index % 10 === 0 ? -400 : index % 10 === 5 ? 30 : -rng.int(30, 300);
      lot.validFrom = addDays(referenceDate, shift);
      lot.validTo = addDays(referenceDate, shift + (index % 10 === 0 ? 200 : rng.int(330, 700)));
      lot.pricingTierId = TIER.temporary;
      break;
    }
    case 'residential':
      lot.ruleIds = [RULE.residentNight];
      break;
    case 'onstreet':
      lot.ruleIds = onstreetRules(plan);
      break;
    case 'offstreet':
      break;
  }
  return lot;
}

function onstreetRules(plan: LotPlan): string[] {
  switch (plan.variant) {
    case 'resident_night':
      return [RULE.residentNight];
    case 'hospital':
      return [RULE.hospitalShort];
    case 'school':
      return [RULE.schoolShort];
    case 'cleaning':
      return [RULE.streetCleaning];
    default:
      return [];
  }
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
