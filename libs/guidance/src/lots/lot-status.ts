import type { LotCounts } from './lot-counts';

export type LotStatus = 'open' | 'almost_full' | 'full' | 'closed' | 'unknown';

/**
 * `closed` outside the lot's public access; `unknown` when fewer than half of its spaces have a
 * fresh sensor (reserved spaces are sensed, so they count as known): the system cannot judge, and
 * a lot is never `full` because its sensors are silent. Otherwise `full` at no public free space,
 * `almost_full` when the public free count is at most `almostFullRatio` of capacity.
 */
export function lotStatus(
  open: boolean,
  c: LotCounts,
  capacity: number,
  almostFullRatio: number,
): LotStatus {
  if (!open) return 'closed';
  if ((c.free + c.occupied + c.reserved) * 2 < capacity) return 'unknown';
  if (c.free <= 0) return 'full';
  if (c.free <= almostFullRatio * capacity) return 'almost_full';
  return 'open';
}
