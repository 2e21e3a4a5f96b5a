import type { LotStatus, LotView } from '../open-data-view';
import type { Publisher } from '../publisher';
import { creator, d2Payload, EXTENSION, facilityRef } from './datex-common';
import { PARKING_TABLE_ID } from './parking-table.mapper';

const PLACE_STATUS: Record<LotStatus, string | null> = {
  open: 'spacesAvailable',
  almost_full: 'almostFull',
  full: 'full',
  unknown: 'unknown',
  closed: null,
};

/** Counts and status of one lot as published; `lastUpdated` = when these last changed. */
export interface StatusLot {
  lot: LotView;
  version: string;
  lastUpdatedMs: number;
}

/** The part of a lot's view the status publication carries (a change of it is a data change). */
export function statusSignature(l: LotView): string {
  return `${l.status}|${l.free}|${l.occupied}|${l.unknown}|${l.reserved}|${l.capacity}`;
}

/**
 * One `PlaceStatus` per lot. Vacant and occupied counts are published only when the lot's
 * status is known; `occupancy` is the occupied share of the sensed spaces. Unknown and reserved
 * counts have no DATEX element and travel in the `placeStatusExtensionG` extension.
 */
function placeStatus({ lot: l, version, lastUpdatedMs }: StatusLot) {
  const sensed = l.free + l.occupied + l.reserved;
  const known = l.status !== 'unknown';
  const status = PLACE_STATUS[l.status];
  return {
    prkPlaceStatus: {
      reference: facilityRef(l.lotId, version),
      lastUpdated: new Date(lastUpdatedMs).toISOString(),
      openingStatus: { value: l.status === 'closed' ? 'closed' : 'open' },
      ...(status ? { status: [{ value: status }] } : {}),
      ...(known
        ? {
            occupancy: {
              numberOfVacantSpaces: l.free,
              numberOfOccupiedSpaces: l.occupied,
              ...(sensed > 0 ? { occupancy: round1((100 * l.occupied) / sensed) } : {}),
            },
          }
        : {}),
      placeStatusExtensionG: {
        [EXTENSION]: {
          status: l.status,
          free: l.free,
          occupied: l.occupied,
          unknown: l.unknown,
          reserved: l.reserved,
          capacity: l.capacity,
        },
      },
    },
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** DATEX II v3 `ParkingStatusPublication` for the lots of the parking table. */
export function parkingStatusPublication(
  lots: StatusLot[],
  p: Publisher,
  nowMs: number,
  tableVersion: string,
) {
  return d2Payload('prkParkingStatusPublication', {
    lang: p.lang,
    publicationTime: new Date(nowMs).toISOString(),
    publicationCreator: creator(p),
    parkingTableReference: [
      { targetClass: 'ParkingTable', idG: PARKING_TABLE_ID, versionG: tableVersion },
    ],
    parkingStatusInformation: lots.map(placeStatus),
  });
}
