import { SAMPLE_TIER } from '@app/city/sample';
import { CityFileInput } from '@app/domain';

type C = Required<CityFileInput>;

/** The shipped sample's zones and signs (its lots are in sample-lots.ts). */

export const SAMPLE_ZONES: C['zones'] = [
  {
    id: 'zone-core',
    name: 'Core grid',
    pricingTierId: SAMPLE_TIER.core,
    officer: { name: 'Officer Wang', badge: 'TP-1001' },
  },
  {
    id: 'zone-inner-east',
    name: 'Inner east grid',
    pricingTierId: SAMPLE_TIER.inner,
    officer: { name: 'Officer Li', badge: 'TP-1002' },
  },
  {
    id: 'zone-inner-west',
    name: 'Inner west grid',
    pricingTierId: SAMPLE_TIER.inner,
    officer: { name: 'Officer Zhang', badge: 'TP-1003' },
  },
  {
    id: 'zone-outer',
    name: 'Outskirts grid',
    pricingTierId: SAMPLE_TIER.outer,
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
