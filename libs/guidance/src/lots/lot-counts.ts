export interface LotCounts {
  /** Free now, fresh sensor, open to the general public now. */
  free: number;
  occupied: number;
  /** Stale or silent sensors, and capacity without a sensor. */
  unknown: number;
  /** Free but reserved for another audience now (residents, tidal, closed lot). */
  reserved: number;
}

/**
 * Keeps 0 <= free, occupied, unknown, reserved and their sum <= capacity whatever the data says:
 * capacity without a sensed space is unknown; an over-full catalog gives up unknown first.
 */
export function clampCounts(raw: LotCounts, capacity: number): LotCounts {
  const cap = Math.max(0, capacity);
  let free = Math.max(0, raw.free);
  let occupied = Math.max(0, raw.occupied);
  let reserved = Math.max(0, raw.reserved);
  free = Math.min(free, cap);
  occupied = Math.min(occupied, cap - free);
  reserved = Math.min(reserved, cap - free - occupied);
  const unknown = Math.max(0, cap - free - occupied - reserved);
  return { free, occupied, unknown, reserved };
}
