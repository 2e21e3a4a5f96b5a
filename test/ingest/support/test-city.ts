import { CityService } from '@app/city';
import { CityFileInput } from '@app/domain';
import { dataSourceOptions, PgCityStore } from '@app/persistence';
import { DataSource } from 'typeorm';

export interface TestCityOptions {
  lots?: number;
  spacesPerLot?: number;
  gateways?: number;
  heartbeatS?: number;
  graceS?: number;
  lowBatteryMv?: number;
  secretHash?: string;
  /** Adds sign `SIGN0` with one entry for lot L0 and these free-count thresholds. */
  sign?: { fullAt: number; fullClearAt: number; almostFullAt: number; almostFullClearAt: number };
}

export interface TestCity {
  sensors: Array<{ sensorId: string; spaceId: string; lotId: string; gatewayId: string }>;
  lots: string[];
  gateways: string[];
}

type Sensor = NonNullable<CityFileInput['sensors']>[number];
type Space = NonNullable<CityFileInput['spaces']>[number];

/**
 * A small city file: zone Z1, `lots` lots of `spacesPerLot` spaces, one sensor per space, sensor
 * i bound to gateway i % gateways; sensor S0 is also bound to the second gateway.
 */
export function testCityFile(o: TestCityOptions = {}): { file: CityFileInput; city: TestCity } {
  const lots = o.lots ?? 2;
  const per = o.spacesPerLot ?? 5;
  const gws = o.gateways ?? 2;
  const city: TestCity = { sensors: [], lots: [], gateways: [] };
  for (let g = 0; g < gws; g++) city.gateways.push(`G${g}`);
  const spaces: Space[] = [];
  const sensors: Sensor[] = [];
  for (let l = 0; l < lots; l++) {
    const lotId = `L${l}`;
    city.lots.push(lotId);
    for (let s = 0; s < per; s++) {
      const i = l * per + s;
      const spaceId = `P${i}`;
      const sensorId = `S${i}`;
      const gatewayId = `G${i % gws}`;
      spaces.push({ id: spaceId, lotId, lat: 31.2 + i * 1e-5, lon: 121.4 + i * 1e-5 });
      const gatewayIds = i === 0 && gws > 1 ? [gatewayId, 'G1'] : [gatewayId];
      sensors.push({ id: sensorId, modelId: 'M1', spaceId, gatewayIds });
      city.sensors.push({ sensorId, spaceId, lotId, gatewayId });
    }
  }
  const file: CityFileInput = {
    version: 1,
    city: { name: 'Test city' },
    pricingTiers: [{ id: 'T1', basePricePerHour: 0 }],
    sensorModels: [
      {
        id: 'M1',
        name: 'model',
        heartbeatIntervalS: o.heartbeatS ?? 600,
        staleGraceS: o.graceS ?? 60,
        lowBatteryMv: o.lowBatteryMv ?? 3300,
      },
    ],
    zones: [{ id: 'Z1', name: 'Zone 1', pricingTierId: 'T1' }],
    lots: city.lots.map((id) => ({
      id,
      zoneId: 'Z1',
      name: id,
      category: 'onstreet' as const,
      capacity: per,
      lat: 31.2,
      lon: 121.4,
    })),
    spaces,
    gateways: city.gateways.map((id) => ({
      id,
      name: id,
      ...(o.secretHash ? { secretHash: o.secretHash } : {}),
    })),
    sensors,
    ...(o.sign
      ? { signs: [{ id: 'SIGN0', entries: [{ lotId: 'L0', label: 'P0', ...o.sign }] }] }
      : {}),
  };
  return { file, city };
}

/** Imports a city file into the (migrated) database at `url` as `npm run city -- import` does. */
export async function importCityFile(url: string, file: CityFileInput): Promise<void> {
  const ds = new DataSource(dataSourceOptions({ db: { url, poolSize: 1, runMigrations: false } }));
  await ds.initialize();
  try {
    await new CityService(new PgCityStore(ds)).import(file);
  } finally {
    await ds.destroy();
  }
}

/** Seeds the test city (see testCityFile) through the city import use case. */
export async function seedTestCity(url: string, o: TestCityOptions = {}): Promise<TestCity> {
  const { file, city } = testCityFile(o);
  await importCityFile(url, file);
  return city;
}
