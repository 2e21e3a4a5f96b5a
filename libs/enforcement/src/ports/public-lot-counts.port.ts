/** A lot's counts as drivers see them now: public free, occupied, unknown, reserved, status. */
export interface PublicLotNow {
  lotId: string;
  free: number;
  occupied: number;
  unknown: number;
  /** Free but not open to the general public now (residents, tidal, a closed lot). */
  reserved: number;
  /** The lot status of the driver API; null when not judged (live sensor counts only). */
  status: string | null;
}

/**
 * The driver-facing counts of lots (the API's guidance replica), so dashboards show the same
 * numbers as the lot endpoints and signs. `null` while the source is not ready.
 */
export abstract class PublicLotCounts {
  abstract lots(lotIds: readonly string[]): PublicLotNow[] | null;
}
