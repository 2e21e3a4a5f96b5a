/** @needs postgres redis (test/support/services.js) */
import { PublicationsApiModule } from '../../apps/api/src/publications/publications-api.module';
import { GuidanceHarness, TestClock } from '../guidance/support/guidance-harness';
import { ORIGIN } from '../guidance/support/guidance-city';
import { datexValidator, firstError } from './support/standard-schemas';

/** Tuesday 2026-12-01 10:00 in Shanghai (a working day). */
const TUE_10 = Date.parse('2026-12-01T10:00:00+08:00');
const STATUS = '/v1/open-data/datex/parking-status';
const TABLE = '/v1/open-data/datex/parking-table';

describe('standard publications over HTTP (real PostgreSQL + Redis)', () => {
  const h = new GuidanceHarness(new TestClock(TUE_10));
  const datex = datexValidator();

  beforeAll(async () => {
    await h.start({}, [PublicationsApiModule]);
    await h.sense({ S1: false, S2: false, S3: true, S4: true, S5: false });
    await h.sense({ R1: false, H1: false, T1: false, I1: false, I2: true });
  });
  afterAll(() => h.stop());

  const conditional = (url: string, headers: Record<string, string>) =>
    h.app.inject({ method: 'GET', url, headers });

  it('serves both DATEX II publications valid against the official schema', async () => {
    for (const url of [TABLE, STATUS]) {
      const res = await h.get(url);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(datex(res.json()) || firstError(datex)).toBe(true);
    }
  });

  it('answers 304 to an unchanged ETag or Last-Modified, 200 with a new ETag after a change', async () => {
    const first = await h.get(STATUS);
    const etag = first.headers.etag as string;
    const lastModified = first.headers['last-modified'] as string;
    expect(etag).toMatch(/^"[0-9a-f]{40}"$/);
    const same = await conditional(STATUS, { 'if-none-match': etag });
    expect(same.statusCode).toBe(304);
    expect(same.body).toBe('');
    expect((await conditional(STATUS, { 'if-modified-since': lastModified })).statusCode).toBe(304);
    expect((await conditional(STATUS, { 'if-none-match': '"other"' })).statusCode).toBe(200);

    // time passes, a rebuild finds the same counts: the document and its ETag stay
    h.clock.t += 10_000;
    expect((await conditional(STATUS, { 'if-none-match': etag })).statusCode).toBe(304);

    await h.sense({ S1: true });
    h.clock.t += 2_000;
    const changed = await conditional(STATUS, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    const l1 = changed
      .json()
      .payload.prkParkingStatusPublication.parkingStatusInformation.find(
        (i: { prkPlaceStatus: { reference: { idG: string } } }) =>
          i.prkPlaceStatus.reference.idG === 'L1',
      ).prkPlaceStatus;
    expect(l1.occupancy).toMatchObject({ numberOfVacantSpaces: 2, numberOfOccupiedSpaces: 3 });

    const table = await h.get(TABLE);
    const again = await conditional(TABLE, { 'if-none-match': table.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('the NGSI-LD near query returns the same spaces as /v1/spaces/nearby', async () => {
    const points = [ORIGIN, { lat: ORIGIN.lat + 0.001, lon: ORIGIN.lon + 0.0005 }];
    for (const p of points) {
      for (const radius of [30, 150, 1000]) {
        const nearby = await h.get(
          `/v1/spaces/nearby?lat=${p.lat}&lon=${p.lon}&radius=${radius}&limit=200`,
        );
        const want = (nearby.json().items as { spaceId: string }[]).map((i) => i.spaceId);
        const q = new URLSearchParams({
          type: 'ParkingSpot',
          q: 'status=="free"',
          georel: `near;maxDistance==${radius}`,
          geometry: 'Point',
          coordinates: `[${p.lon},${p.lat}]`,
          limit: '1000',
          options: 'keyValues',
        });
        const ngsi = await h.get(`/ngsi-ld/v1/entities?${q.toString()}`);
        expect(ngsi.statusCode).toBe(200);
        expect(ngsi.headers['content-type']).toContain('application/ld+json');
        const got = (ngsi.json() as { id: string }[]).map((e) =>
          e.id.replace('urn:ngsi-ld:ParkingSpot:', ''),
        );
        expect([radius, got]).toEqual([radius, want]);
      }
    }
    const wide = await h.get(
      `/v1/spaces/nearby?lat=${ORIGIN.lat}&lon=${ORIGIN.lon}&radius=1000&limit=200`,
    );
    expect(wide.json().items.length).toBeGreaterThan(2);
  });

  it('reads entities by id and query, and refuses bad parameters by name', async () => {
    const spot = await h.get('/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingSpot:S1?options=keyValues');
    expect(spot.statusCode).toBe(200);
    expect(spot.json()).toMatchObject({
      id: 'urn:ngsi-ld:ParkingSpot:S1',
      type: 'ParkingSpot',
      status: 'occupied',
    });
    const normalized = await h.get('/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingSpot:S2');
    expect(normalized.json().status).toEqual({ type: 'Property', value: 'free' });
    expect(normalized.json().refParkingSite.type).toBe('Relationship');
    expect((await h.get('/ngsi-ld/v1/entities/urn:ngsi-ld:ParkingSpot:nope')).statusCode).toBe(404);
    const paged = await h.get(
      '/ngsi-ld/v1/entities?type=ParkingSpot&limit=2&offset=1&options=keyValues',
    );
    expect(paged.json()).toHaveLength(2);
    const bad = await h.get('/ngsi-ld/v1/entities?type=ParkingSpot&georel=within');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'bad_request', details: { param: 'georel' } });
    expect((await h.get('/ngsi-ld/v1/entities')).statusCode).toBe(400);
  });

  it('publishes GeoJSON lots and free spaces in a bbox, nothing about sessions or vehicles', async () => {
    const lots = (await h.get('/v1/open-data/geojson/lots')).json();
    expect(lots.type).toBe('FeatureCollection');
    expect(lots.features.find((f: { id: string }) => f.id === 'L1').properties).toMatchObject({
      capacity: 5,
      free: 2,
      occupied: 3,
      status: 'open',
    });
    const d = 0.003;
    const bbox = [ORIGIN.lon - d, ORIGIN.lat - d, ORIGIN.lon + d, ORIGIN.lat + d].join(',');
    const free = (await h.get(`/v1/open-data/geojson/free-spaces?bbox=${bbox}`)).json();
    const ids = free.features.map((f: { id: string }) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['S2', 'S5']));
    expect(ids).not.toContain('S1');
    expect(JSON.stringify(free)).not.toMatch(/session|plate|vehicleId/i);
    const badBox = await h.get('/v1/open-data/geojson/free-spaces?bbox=1,2,3');
    expect(badBox.json()).toMatchObject({ details: { param: 'bbox' } });
  });
});
