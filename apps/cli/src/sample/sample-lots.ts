import { SAMPLE_RULE, SAMPLE_TIER } from '@app/city/sample';
import { CityFileInput } from '@app/domain';

type Lot = NonNullable<CityFileInput['lots']>[number];
type Space = NonNullable<CityFileInput['spaces']>[number];

const BASE = { lat: 30.2741, lon: 120.1551 };

export interface LotPlan {
  lot: Lot;
  spaces: number;
  /** Space types by index: every n-th space gets the type. */
  types?: Array<[number, string]>;
  spaceRules?: (i: number) => string[];
}

export const pad = (n: number, w = 3) => String(n).padStart(w, '0');

function lot(
  id: string,
  zoneId: string,
  name: string,
  category: Lot['category'],
  capacity: number,
  dLat: number,
  dLon: number,
  extra: Partial<Lot> = {},
): Lot {
  return {
    id,
    zoneId,
    name,
    category,
    capacity,
    lat: +(BASE.lat + dLat).toFixed(6),
    lon: +(BASE.lon + dLon).toFixed(6),
    ...extra,
  };
}

/** The sample's lots: every category, with the rules that make each one interesting. */
export const PLANS: LotPlan[] = [
  {
    lot: lot(
      'lot-core-yan-an-rd',
      'zone-core',
      'Yan-an Road kerbside',
      'onstreet',
      40,
      0.001,
      0.001,
      {
        ruleIds: [SAMPLE_RULE.marketMorning],
      },
    ),
    spaces: 40,
    types: [[10, 'accessible']],
  },
  {
    lot: lot(
      'lot-core-plaza-garage',
      'zone-core',
      'Central Plaza garage',
      'offstreet',
      70,
      -0.002,
      0.002,
    ),
    spaces: 60,
    types: [
      [6, 'ev'],
      [25, 'accessible'],
    ],
  },
  {
    lot: lot(
      'lot-core-tidal-office',
      'zone-core',
      'Finance Street tidal bays',
      'onstreet',
      20,
      0.003,
      -0.001,
      {
        ruleIds: [SAMPLE_RULE.officeTidal],
      },
    ),
    spaces: 20,
  },
  {
    lot: lot(
      'lot-east-district-gov',
      'zone-inner-east',
      'District Government car park (shared off-hours)',
      'institutional',
      40,
      0.006,
      0.012,
      {
        pricingTierId: SAMPLE_TIER.shared,
        publicHours: [
          { days: 'rest_days', from: '00:00', to: '24:00' },
          { days: 'working_days', from: '19:00', to: '07:00' },
        ],
      },
    ),
    spaces: 40,
  },
  {
    lot: lot(
      'lot-east-hospital-rd',
      'zone-inner-east',
      "People's Hospital kerbside",
      'onstreet',
      20,
      0.009,
      0.008,
      {
        ruleIds: [SAMPLE_RULE.hospitalShortStay],
      },
    ),
    spaces: 20,
    types: [[5, 'accessible']],
  },
  {
    lot: lot(
      'lot-west-school-gate',
      'zone-inner-west',
      'No. 1 Primary School gate',
      'onstreet',
      16,
      -0.004,
      -0.011,
      {
        ruleIds: [SAMPLE_RULE.schoolGateShortStay],
      },
    ),
    spaces: 16,
    spaceRules: (i) => (i % 2 === 0 ? [SAMPLE_RULE.schoolTidal] : []),
  },
  {
    lot: lot(
      'lot-west-willow-lane',
      'zone-inner-west',
      'Willow Lane (residents at night)',
      'onstreet',
      25,
      -0.007,
      -0.009,
      {
        ruleIds: [SAMPLE_RULE.residentsNight],
      },
    ),
    spaces: 25,
  },
  {
    lot: lot(
      'lot-west-elm-compound',
      'zone-inner-west',
      'Elm Garden compound',
      'residential',
      30,
      -0.008,
      -0.014,
    ),
    spaces: 30,
  },
  {
    lot: lot(
      'lot-outer-riverside-temp',
      'zone-outer',
      'Riverside temporary lot',
      'temporary',
      35,
      -0.018,
      0.021,
      {
        pricingTierId: SAMPLE_TIER.temporary,
        validFrom: '2026-06-01',
        validTo: '2027-05-31',
      },
    ),
    spaces: 30,
  },
  {
    lot: lot(
      'lot-outer-park-ride',
      'zone-outer',
      'North Park & Ride',
      'offstreet',
      25,
      0.022,
      -0.019,
      {
        almostFullRatio: 0.2,
      },
    ),
    spaces: 20,
  },
];

export function spacesOf(plan: LotPlan): Space[] {
  const out: Space[] = [];
  for (let i = 0; i < plan.spaces; i++) {
    const type = plan.types?.find(([n]) => i % n === n - 1)?.[1];
    const s: Space = {
      id: `${plan.lot.id.replace(/^lot-/, 'sp-')}-${pad(i + 1)}`,
      lotId: plan.lot.id,
      lat: +(plan.lot.lat + (i % 10) * 0.00005).toFixed(6),
      lon: +(plan.lot.lon + Math.floor(i / 10) * 0.00006).toFixed(6),
    };
    if (type) s.type = type;
    const rules = plan.spaceRules?.(i) ?? [];
    if (rules.length > 0) s.ruleIds = rules;
    out.push(s);
  }
  return out;
}
