import { CITY_FILE_VERSION, type CityFile, type LotCategory } from '@app/domain';
import { Prng } from '../random/prng';
import {
  calendar,
  exemptions,
  MODEL_MIX,
  pricingTiers,
  RULE,
  rules,
  sensorModels,
  TIER,
} from './city-catalog';
import { resolveCityOptions, type CityOptions } from './city-options';
import { offsetMetres, pad } from './geo';
import { makeGateways } from './gateway-builder';
import { makeLot } from './lot-builder';
import { planLots, type LotPlan } from './lot-planner';
import { buildSigns } from './sign-builder';

type Lot = CityFile['lots'][number];
type Space = CityFile['spaces'][number];
type Sensor = CityFile['sensors'][number];

export interface GeneratedCity {
  /** A complete city file (every defaulted field written out), valid under `cityFileSchema`. */
  city: CityFile;
  /** Plaintext gateway secrets (gatewayId -> secret) for HTTP ingest; keep out of the city file. */
  secrets: Record<string, string>;
  options: CityOptions;
}

const SPACES_PER_KM2 = 900;
const SPACES_PER_ZONE = 3000;

/** Generates a synthetic city: a pure function of the options (seed included). */
export function generateCity(partial: Partial<CityOptions> = {}): GeneratedCity {
  const o = resolveCityOptions(partial);
  const rng = Prng.derive(o.seed, 'city');
  const halfWidthM = (Math.sqrt(o.spaces / SPACES_PER_KM2) * 1000) / 2;
  const zoneCount = Math.min(400, Math.max(4, Math.round(o.spaces / SPACES_PER_ZONE)));
  const grid = Math.ceil(Math.sqrt(zoneCount));
  const cellM = (2 * halfWidthM) / grid;

  const zones: CityFile['zones'] = [];
  const zoneCentres: { x: number; y: number }[] = [];
  for (let i = 0; i < zoneCount; i++) {
    zoneCentres.push({
      x: -halfWidthM + cellM * ((i % grid) + 0.5),
      y: -halfWidthM + cellM * (Math.floor(i / grid) + 0.5),
    });
  }
  // Tiers by distance rank: the innermost quarter is central, the outer third the outskirts.
  const byDistance = zoneCentres
    .map((c, i) => ({ i, r: Math.hypot(c.x, c.y) }))
    .sort((a, b) => a.r - b.r || a.i - b.i);
  const rank = new Array<number>(zoneCount);
  byDistance.forEach((z, k) => (rank[z.i] = k / zoneCount));
  for (let i = 0; i < zoneCount; i++) {
    const tier = rank[i] < 0.25 ? TIER.central : rank[i] < 0.67 ? TIER.inner : TIER.outskirts;
    zones.push({
      id: `Z-${pad(i + 1, 3)}`,
      name: `Grid ${pad(i + 1, 3)}`,
      pricingTierId: tier,
      officer: { name: `Officer ${pad(i + 1, 3)}`, badge: `B${pad(1000 + i, 5)}` },
    });
  }

  const plans = planLots(rng, o.spaces, o.temporaryLots).map((plan) => ({
    plan,
    zone: pickZone(rng, plan, zones),
  }));
  plans.sort((a, b) => a.zone - b.zone);

  const lotDigits = String(plans.length).length;
  const spaceDigits = String(o.spaces).length;
  const lots: Lot[] = [];
  const spaces: Space[] = [];
  plans.forEach(({ plan, zone }, li) => {
    const c = zoneCentres[zone];
    const pos = offsetMetres(
      o.centre.lat,
      o.centre.lon,
      c.x + rng.range(-0.45, 0.45) * cellM,
      c.y + rng.range(-0.45, 0.45) * cellM,
    );
    const lot = makeLot(
      rng,
      plan,
      `LOT-${pad(li + 1, lotDigits)}`,
      zones[zone].id,
      pos,
      o.referenceDate,
      li,
    );
    lots.push(lot);
    const bearing = rng.range(0, Math.PI);
    const cols = Math.max(1, Math.ceil(Math.sqrt(plan.size)));
    for (let k = 0; k < plan.size; k++) {
      const [east, north] =
        plan.category === 'onstreet'
          ? [Math.cos(bearing) * 6 * k, Math.sin(bearing) * 6 * k]
          : [2.5 * (k % cols), 5 * Math.floor(k / cols)];
      const p = offsetMetres(pos.lat, pos.lon, east, north);
      const r = rng.next();
      spaces.push({
        id: `SP-${pad(spaces.length + 1, spaceDigits)}`,
        lotId: lot.id,
        type: r < 0.06 ? 'ev' : r < 0.09 ? 'accessible' : 'standard',
        lat: p.lat,
        lon: p.lon,
        ruleIds: plan.variant === 'tidal' ? [RULE.tidal] : [],
      });
    }
  });

  const { gateways, secrets } = makeGateways(o, Math.ceil(o.spaces / o.gatewaySize));
  const models = sensorModels();
  const sensors: Sensor[] = spaces.map((space, i) => {
    const g = Math.floor(i / o.gatewaySize);
    const gatewayIds = [gateways[g].id];
    if (gateways.length > 1 && rng.chance(o.dualGatewayShare)) {
      gatewayIds.push(gateways[g + 1 < gateways.length ? g + 1 : g - 1].id);
    }
    return {
      id: `SN-${pad(i + 1, spaceDigits)}`,
      modelId: pickModel(rng.next()),
      spaceId: space.id,
      gatewayIds,
    };
  });

  const city: CityFile = {
    version: CITY_FILE_VERSION,
    city: {
      name: o.name ?? `Synthetic city ${o.seed}`,
      timeZone: 'Asia/Shanghai',
      currency: 'CNY',
    },
    calendar: calendar(),
    pricingTiers: pricingTiers(),
    rules: rules(),
    exemptions: exemptions(),
    sensorModels: models,
    zones,
    lots,
    spaces,
    gateways,
    sensors,
    signs: buildSigns(zones, lots),
  };
  return { city, secrets, options: o };
}

function pickModel(u: number): string {
  let acc = 0;
  for (const [share, id] of MODEL_MIX) {
    acc += share;
    if (u < acc) return id;
  }
  return MODEL_MIX[MODEL_MIX.length - 1][1];
}

function pickZone(rng: Prng, plan: LotPlan, zones: CityFile['zones']): number {
  // Commercial kerbside and garages lean to the centre, homes to the outskirts.
  const want: Record<LotCategory, string[]> = {
    onstreet: [TIER.central, TIER.inner],
    offstreet: [TIER.central, TIER.inner],
    institutional: [TIER.central, TIER.inner, TIER.outskirts],
    temporary: [TIER.inner, TIER.outskirts],
    residential: [TIER.inner, TIER.outskirts],
  };
  for (let attempt = 0; attempt < 4; attempt++) {
    const z = rng.int(0, zones.length - 1);
    if (want[plan.category].includes(zones[z].pricingTierId)) return z;
  }
  return rng.int(0, zones.length - 1);
}
