import type { LotStatus, LotView, SpotView } from '../open-data-view';
import type { Publisher } from '../publisher';

export const NGSI_LD_CORE_CONTEXT = 'https://uri.etsi.org/ngsi-ld/v1/ngsi-ld-core-context.jsonld';
export const PARKING_CONTEXT =
  'https://raw.githubusercontent.com/smart-data-models/dataModel.Parking/master/context.jsonld';
export const CONTEXT = [PARKING_CONTEXT, NGSI_LD_CORE_CONTEXT];

export const ENTITY_TYPES = [
  'OffStreetParking',
  'OnStreetParking',
  'ParkingSpot',
  'ParkingGroup',
] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** A key-values entity (attribute name -> plain value); `@context` is added when serialised. */
export type KeyValuesEntity = { id: string; type: EntityType } & Record<string, unknown>;

export function entityId(type: EntityType, localId: string): string {
  return `urn:ngsi-ld:${type}:${localId}`;
}

/** `urn:ngsi-ld:<Type>:<local id>` -> its parts, or null for any other id. */
export function parseEntityId(id: string): { type: EntityType; localId: string } | null {
  const m = /^urn:ngsi-ld:([A-Za-z]+):(.+)$/.exec(id);
  if (!m || !(ENTITY_TYPES as readonly string[]).includes(m[1])) return null;
  return { type: m[1] as EntityType, localId: m[2] };
}

export function lotEntityType(category: string): EntityType {
  return category === 'onstreet' ? 'OnStreetParking' : 'OffStreetParking';
}

const OFF_STREET_CATEGORY: Record<string, string[]> = {
  offstreet: ['public'],
  institutional: ['publicPrivate'],
  temporary: ['public', 'shortTerm'],
  residential: ['forResidents'],
};

/** DATEX II v2.3 site status values the Smart Data Models use; unknown is open, counts omitted. */
const SITE_STATUS: Record<LotStatus, string[]> = {
  open: ['open', 'spacesAvailable'],
  almost_full: ['open', 'almostFull'],
  full: ['open', 'full'],
  closed: ['closed'],
  unknown: ['open'],
};

function point(lat: number, lon: number) {
  return { type: 'Point', coordinates: [lon, lat] };
}

/** An OffStreetParking or OnStreetParking entity for a lot (key-values). */
export function lotEntity(l: LotView, asOf: string, p: Publisher): KeyValuesEntity {
  const type = lotEntityType(l.category);
  const known = l.status !== 'unknown';
  const sensed = l.free + l.occupied + l.reserved;
  const zone = entityId('ParkingGroup', l.zoneId);
  return {
    id: entityId(type, l.lotId),
    type,
    name: l.name,
    location: point(l.lat, l.lon),
    category:
      type === 'OnStreetParking' ? ['public'] : (OFF_STREET_CATEGORY[l.category] ?? ['other']),
    allowedVehicleType: ['car'],
    occupancyDetectionType: ['singleSpaceDetection'],
    totalSpotNumber: l.capacity,
    ...(known ? { availableSpotNumber: l.free, occupiedSpotNumber: l.occupied } : {}),
    ...(known && sensed > 0 ? { occupancy: round3(l.occupied / sensed) } : {}),
    status: SITE_STATUS[l.status],
    refParkingGroup: type === 'OnStreetParking' ? [zone] : zone,
    observationDateTime: asOf,
    dataProvider: p.nationalIdentifier,
  };
}

/** A ParkingSpot entity for a space (key-values). */
export function spotEntity(s: SpotView, p: Publisher): KeyValuesEntity {
  return {
    id: entityId('ParkingSpot', s.id),
    type: 'ParkingSpot',
    name: s.id,
    location: point(s.lat, s.lon),
    status: s.status,
    category: [s.lotCategory === 'onstreet' ? 'onStreet' : 'offStreet'],
    refParkingSite: s.lotId ? entityId(lotEntityType(s.lotCategory ?? ''), s.lotId) : '',
    ...(s.zoneId ? { refParkingGroup: entityId('ParkingGroup', s.zoneId) } : {}),
    ...(s.observedMs !== null ? { observationDateTime: new Date(s.observedMs).toISOString() } : {}),
    dataProvider: p.nationalIdentifier,
  };
}

/**
 * A ParkingGroup entity for a zone. The model wants exactly one `refParkingSite` while a zone
 * groups several lots: it names the zone's first lot, and every lot names its zone back with
 * `refParkingGroup` (docs/standards.md).
 */
export function zoneEntity(zoneId: string, lots: LotView[], p: Publisher): KeyValuesEntity {
  const n = Math.max(1, lots.length);
  const onStreet = lots.some((l) => l.category === 'onstreet');
  const offStreet = lots.some((l) => l.category !== 'onstreet');
  return {
    id: entityId('ParkingGroup', zoneId),
    type: 'ParkingGroup',
    name: zoneId,
    location: point(
      lots.reduce((s, l) => s + l.lat, 0) / n,
      lots.reduce((s, l) => s + l.lon, 0) / n,
    ),
    category: [
      ...(onStreet ? ['onStreet'] : []),
      ...(offStreet ? ['offStreet'] : []),
      'nonAdjacentSpaces',
    ],
    refParkingSite: lots.length ? entityId(lotEntityType(lots[0].category), lots[0].lotId) : '',
    allowedVehicleType: 'car',
    totalSpotNumber: lots.reduce((s, l) => s + l.capacity, 0),
    availableSpotNumber: lots.reduce((s, l) => s + l.free, 0),
    dataProvider: p.nationalIdentifier,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The NGSI-LD normalized form: each attribute a Property, Relationship or GeoProperty. */
export function normalized(e: KeyValuesEntity): Record<string, unknown> {
  const out: Record<string, unknown> = { id: e.id, type: e.type };
  for (const [k, v] of Object.entries(e)) {
    if (k === 'id' || k === 'type' || k === '@context') continue;
    if (k === 'location') out[k] = { type: 'GeoProperty', value: v };
    else if (k.startsWith('ref')) out[k] = { type: 'Relationship', object: v };
    else out[k] = { type: 'Property', value: v };
  }
  return out;
}

/** Back from normalized to key-values (what the Smart Data Models schemas validate). */
export function keyValuesOf(n: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(n)) {
    if (k === 'id' || k === 'type' || k === '@context') out[k] = v;
    else {
      const a = v as { value?: unknown; object?: unknown };
      out[k] = 'object' in a ? a.object : a.value;
    }
  }
  return out;
}
