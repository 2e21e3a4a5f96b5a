import type { CatalogLot } from '@app/guidance';
import type { Publisher } from '../publisher';
import {
  contentVersion,
  creator,
  d2Payload,
  EXTENSION,
  facilityRef,
  multilingual,
} from './datex-common';

export const PARKING_TABLE_ID = 'city-parking';

/** The static part of a lot that the table publishes (its version hashes the whole record). */
export type TableLot = Pick<
  CatalogLot,
  'id' | 'zoneId' | 'name' | 'category' | 'capacity' | 'lat' | 'lon'
>;

/** The version of the whole table (`ParkingTable.versionG`). */
export function tableVersion(versions: Map<string, string>): string {
  return contentVersion([...versions]);
}

/** Version of each lot and zone (campus) record: changes only with their static content. */
export function siteVersions(lots: readonly TableLot[]): Map<string, string> {
  const versions = new Map<string, string>();
  const zones = new Map<string, string[]>();
  for (const l of lots) {
    versions.set(l.id, contentVersion(l));
    zones.set(l.zoneId, [...(zones.get(l.zoneId) ?? []), l.id]);
  }
  for (const [zoneId, ids] of zones) versions.set(zoneId, contentVersion(ids));
  return versions;
}

/**
 * DATEX II v3 `ParkingTablePublication`: one table; each zone a `Campus` (layer 0) and each lot
 * a `Place` (layer 1) with location, capacity (`supply`, space view) and its parent zone. The
 * lot category has no DATEX element: it travels in the `placeExtensionG` extension.
 */
export function parkingTablePublication(lots: readonly TableLot[], p: Publisher, nowMs: number) {
  const time = new Date(nowMs).toISOString();
  const versions = siteVersions(lots);
  const version = (id: string) => versions.get(id) ?? '0';
  const zones = new Map<string, TableLot[]>();
  for (const l of lots) zones.set(l.zoneId, [...(zones.get(l.zoneId) ?? []), l]);
  const campuses = [...zones].map(([zoneId, members]) => ({
    prkCampus: {
      idG: zoneId,
      versionG: version(zoneId),
      name: multilingual(p.lang, zoneId),
      layer: 0,
      type: { value: 'campus' },
      childId: members.map((l) => facilityRef(l.id, version(l.id))),
      supply: {
        quantity: members.reduce((n, l) => n + l.capacity, 0),
        viewType: { value: 'spaceView' },
      },
    },
  }));
  const places = lots.map((l) => ({
    prkPlace: {
      idG: l.id,
      versionG: version(l.id),
      name: multilingual(p.lang, l.name),
      layer: 1,
      type: { value: 'place' },
      parentId: facilityRef(l.zoneId, version(l.zoneId)),
      locationReference: {
        prkPointLocationForParking: {
          pointByCoordinates: { pointCoordinates: { latitude: l.lat, longitude: l.lon } },
        },
      },
      supply: { quantity: l.capacity, viewType: { value: 'spaceView' } },
      placeExtensionG: { [EXTENSION]: { category: l.category } },
    },
  }));
  return d2Payload('prkParkingTablePublication', {
    lang: p.lang,
    publicationTime: time,
    publicationCreator: creator(p),
    parkingTable: [
      {
        idG: PARKING_TABLE_ID,
        versionG: tableVersion(versions),
        versionTime: time,
        informationManager: creator(p),
        hierarchyElementGeneral: [...campuses, ...places],
      },
    ],
  });
}
