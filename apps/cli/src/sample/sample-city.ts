import { createHash } from 'node:crypto';
import { CityFileInput } from '@app/domain';
import { hashSecret } from '@app/security';
import {
  officialCalendar,
  SAMPLE_EXEMPTIONS,
  SAMPLE_MODEL,
  SAMPLE_PRICING_TIERS,
  SAMPLE_RULES,
  SAMPLE_SCHOOL_VACATIONS,
  SAMPLE_SENSOR_MODELS,
} from '@app/city/sample';
import { SAMPLE_SIGNS, SAMPLE_ZONES } from './sample-places';
import { PLANS, pad, spacesOf } from './sample-lots';

type Sensor = NonNullable<CityFileInput['sensors']>[number];

const GATEWAYS = 12;

/** Sample-only plaintext secret of a sample gateway (documented in docs/city-file.md). */
export const sampleGatewaySecret = (id: string): string => `sample-secret-${id}`;

/** Deterministic salt so that regenerating the sample gives the same file. */
function sampleHash(id: string): string {
  const salt = createHash('sha256').update(`sample-salt:${id}`).digest().subarray(0, 16);
  return hashSecret(sampleGatewaySecret(id), { N: 1024, r: 8, p: 1 }, salt);
}

/** The shipped sample city (fictional; its school vacations are sample data, not official). */
export function buildSampleCity(): CityFileInput {
  const spaces = PLANS.flatMap(spacesOf);
  const gatewayIds = Array.from({ length: GATEWAYS }, (_, i) => `gw-${pad(i + 1, 2)}`);
  const sensors: Sensor[] = spaces.map((s, i) => {
    const g = Math.floor((i / spaces.length) * GATEWAYS);
    const ids = [gatewayIds[g]];
    if (i % 3 === 0 && g + 1 < GATEWAYS) ids.push(gatewayIds[g + 1]);
    return {
      id: `sn-${pad(i + 1, 4)}`,
      modelId: i % 5 === 0 ? SAMPLE_MODEL.radar : SAMPLE_MODEL.geomagnetic,
      spaceId: s.id,
      gatewayIds: ids,
    };
  });
  const official = officialCalendar(2026);
  return {
    version: 1,
    city: { name: 'Sample City (fictional)', timeZone: 'Asia/Shanghai', currency: 'CNY' },
    calendar: {
      holidays: official.holidays,
      adjustedWorkingDays: official.adjustedWorkingDays,
      schoolVacations: SAMPLE_SCHOOL_VACATIONS,
    },
    pricingTiers: SAMPLE_PRICING_TIERS,
    rules: SAMPLE_RULES,
    exemptions: SAMPLE_EXEMPTIONS,
    sensorModels: SAMPLE_SENSOR_MODELS,
    zones: SAMPLE_ZONES,
    lots: PLANS.map((p) => p.lot),
    spaces,
    gateways: gatewayIds.map((id) => ({
      id,
      name: `Sample gateway ${id}`,
      secretHash: sampleHash(id),
    })),
    sensors,
    signs: SAMPLE_SIGNS,
  };
}
