import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCityFile, type CityFile } from '@app/domain';
import { keyValuesOf, Publications } from '@app/publications';
import { generateCity } from '../../sensors-sim/src';
import {
  datexValidator,
  firstError,
  SmartDataModel,
  smartDataModelValidators,
} from './support/standard-schemas';
import { guidanceFor } from './support/publication-fixture';

// A Tuesday 10:00 in Shanghai: ordinary hours for the sample rules.
const NOW = Date.parse('2026-05-12T02:00:00Z');
const datex = datexValidator();
const sdm = smartDataModelValidators();

const cities: Array<[string, () => CityFile]> = [
  [
    'the sample city',
    () =>
      parseCityFile(
        JSON.parse(readFileSync(join(__dirname, '..', '..', 'data', 'sample-city.json'), 'utf8')),
      ),
  ],
  ['a simulated 5,000-space city', () => generateCity({ spaces: 5000, seed: 'standards' }).city],
];

describe.each(cities)('standard publications of %s', (_name, load) => {
  const city = load();
  const { guidance } = guidanceFor(city, NOW);
  const pub = new Publications(guidance);

  it('has lots in every status', () => {
    const statuses = new Set(pub.view.lots(NOW).map((l) => l.status));
    expect([...statuses].sort()).toEqual(['almost_full', 'closed', 'full', 'open', 'unknown']);
  });

  it('publishes the counts and status the driver API gives for each lot', () => {
    const one = city.lots.map((l) => guidance.lots.view(l.id, NOW));
    expect(pub.view.lots(NOW)).toEqual(one);
  });

  it('DATEX II ParkingTablePublication validates against the official v3 schema', () => {
    const doc = JSON.parse(pub.datex.table(NOW).body) as {
      payload: { prkParkingTablePublication: { parkingTable: { hierarchyElementGeneral: [] }[] } };
    };
    expect(datex(doc) || firstError(datex)).toBe(true);
    const elements = doc.payload.prkParkingTablePublication.parkingTable[0].hierarchyElementGeneral;
    const zones = new Set(city.lots.map((l) => l.zoneId)).size;
    expect(elements).toHaveLength(city.lots.length + zones);
  });

  it('DATEX II ParkingStatusPublication validates and carries every status', () => {
    const doc = JSON.parse(pub.datex.status(NOW).body) as {
      payload: { prkParkingStatusPublication: { parkingStatusInformation: unknown[] } };
    };
    expect(datex(doc) || firstError(datex)).toBe(true);
    const items = doc.payload.prkParkingStatusPublication.parkingStatusInformation as Array<{
      prkPlaceStatus: {
        openingStatus: { value: string };
        status?: { value: string }[];
        occupancy?: { numberOfVacantSpaces: number };
      };
    }>;
    expect(items).toHaveLength(city.lots.length);
    const values = new Set(
      items.map((i) => i.prkPlaceStatus.status?.[0].value ?? i.prkPlaceStatus.openingStatus.value),
    );
    expect([...values].sort()).toEqual([
      'almostFull',
      'closed',
      'full',
      'spacesAvailable',
      'unknown',
    ]);
    const unknown = items.filter((i) => i.prkPlaceStatus.status?.[0].value === 'unknown');
    expect(unknown.every((i) => i.prkPlaceStatus.occupancy === undefined)).toBe(true);
  });

  it('a document that fails the DATEX schema is caught (the validator is live)', () => {
    const doc = JSON.parse(pub.datex.status(NOW).body) as {
      payload: { prkParkingStatusPublication: Record<string, unknown> };
    };
    delete doc.payload.prkParkingStatusPublication.publicationCreator;
    expect(datex(doc)).toBe(false);
  });

  it('NGSI-LD entities validate against the Smart Data Models, key-values and normalized', () => {
    const all = pub.ngsiLd.query(
      {
        type: 'OffStreetParking,OnStreetParking,ParkingGroup,ParkingSpot',
        options: 'keyValues',
        limit: '1000',
      },
      NOW,
    ) as Array<Record<string, unknown>>;
    const normalizedAll = pub.ngsiLd.query(
      { type: 'OffStreetParking,OnStreetParking,ParkingGroup,ParkingSpot', limit: '1000' },
      NOW,
    ) as Array<Record<string, unknown>>;
    const spots: object[] = [];
    for (let offset = 0; offset < city.spaces.length; offset += 1000) {
      const page = {
        type: 'ParkingSpot',
        options: 'keyValues',
        limit: '1000',
        offset: `${offset}`,
      };
      spots.push(...pub.ngsiLd.query(page, NOW));
    }
    expect(spots).toHaveLength(city.spaces.length);
    const types = new Set<string>();
    for (const e of [...all, ...spots] as Array<Record<string, unknown>>) {
      const validate = sdm[e.type as SmartDataModel];
      types.add(e.type as string);
      expect([e.id, validate(e) || firstError(validate)]).toEqual([e.id, true]);
      expect(e['@context']).toBeDefined();
    }
    for (const n of normalizedAll) {
      const validate = sdm[n.type as SmartDataModel];
      expect([n.id, validate(keyValuesOf(n)) || firstError(validate)]).toEqual([n.id, true]);
      for (const [k, v] of Object.entries(n)) {
        if (k === 'id' || k === 'type' || k === '@context') continue;
        expect(['Property', 'Relationship', 'GeoProperty']).toContain((v as { type: string }).type);
      }
    }
    expect([...types].sort()).toEqual(
      city.lots.some((l) => l.category !== 'onstreet')
        ? ['OffStreetParking', 'OnStreetParking', 'ParkingGroup', 'ParkingSpot']
        : ['OnStreetParking', 'ParkingGroup', 'ParkingSpot'],
    );
  });

  it('a ParkingSpot without its required status is refused by the schema (validator is live)', () => {
    const [spot] = pub.ngsiLd.query(
      { type: 'ParkingSpot', options: 'keyValues', limit: '1' },
      NOW,
    ) as Array<Record<string, unknown>>;
    delete spot.status;
    expect(sdm.ParkingSpot(spot)).toBe(false);
  });
});
