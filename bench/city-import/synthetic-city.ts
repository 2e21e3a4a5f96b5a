import { CityFileInput } from '@app/domain';

type Input = Required<CityFileInput>;

export interface SyntheticCitySize {
  zones: number;
  lots: number;
  spaces: number;
  gateways: number;
}

export const FULL_CITY: SyntheticCitySize = {
  zones: 20,
  lots: 2000,
  spaces: 135_000,
  gateways: 450,
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** A deterministic city of the size the mission names (135,000 spaces, one sensor each). */
export function syntheticCity(size: SyntheticCitySize = FULL_CITY): CityFileInput {
  const perLot = Math.ceil(size.spaces / size.lots);
  const zones: Input['zones'] = [];
  const lots: Input['lots'] = [];
  const spaces: Input['spaces'] = [];
  const sensors: Input['sensors'] = [];
  for (let z = 0; z < size.zones; z++) {
    zones.push({ id: `z-${pad(z, 3)}`, name: `Zone ${z}`, pricingTierId: `tier-${z % 3}` });
  }
  for (let l = 0; l < size.lots; l++) {
    const lat = 30.2 + (l % 50) * 0.003;
    const lon = 120.1 + Math.floor(l / 50) * 0.003;
    lots.push({
      id: `l-${pad(l, 5)}`,
      zoneId: zones[l % size.zones].id,
      name: `Lot ${l}`,
      category: l % 10 === 0 ? 'offstreet' : 'onstreet',
      capacity: perLot,
      lat,
      lon,
      ruleIds: l % 7 === 0 ? ['rule-night'] : [],
    });
  }
  for (let s = 0; s < size.spaces; s++) {
    const lot = lots[s % size.lots];
    const i = Math.floor(s / size.lots);
    const id = `s-${pad(s, 6)}`;
    spaces.push({
      id,
      lotId: lot.id,
      type: s % 50 === 0 ? 'ev' : 'standard',
      lat: +(lot.lat + (i % 10) * 0.00005).toFixed(6),
      lon: +(lot.lon + Math.floor(i / 10) * 0.00006).toFixed(6),
      ruleIds: s % 97 === 0 ? ['rule-short'] : [],
    });
    const g = Math.floor((s / size.spaces) * size.gateways);
    sensors.push({
      id: `n-${pad(s, 6)}`,
      modelId: 'sm-1',
      spaceId: id,
      gatewayIds:
        s % 2 === 0 && g + 1 < size.gateways
          ? [`g-${pad(g, 3)}`, `g-${pad(g + 1, 3)}`]
          : [`g-${pad(g, 3)}`],
    });
  }
  return {
    version: 1,
    city: { name: 'Synthetic city' },
    pricingTiers: [0, 1, 2].map((t) => ({ id: `tier-${t}`, basePricePerHour: 2 + 3 * t })),
    rules: [
      {
        id: 'rule-night',
        kind: 'audience',
        audience: 'residents',
        windows: [{ days: 'everyday', from: '19:00', to: '07:00' }],
      },
      {
        id: 'rule-short',
        kind: 'short_stay',
        maxStayMin: 30,
        windows: [{ days: 'everyday', from: '07:00', to: '20:00' }],
      },
    ],
    sensorModels: [{ id: 'sm-1', heartbeatIntervalS: 300, lowBatteryMv: 3300 }],
    zones,
    lots,
    spaces,
    gateways: Array.from({ length: size.gateways }, (_, g) => ({ id: `g-${pad(g, 3)}` })),
    sensors,
  };
}
