export type LotStatus = 'open' | 'almost_full' | 'full' | 'closed';

/** `almost_full` when the public free count is at most `almostFullRatio` of capacity. */
export function lotStatus(
  open: boolean,
  free: number,
  capacity: number,
  almostFullRatio: number,
): LotStatus {
  if (!open) return 'closed';
  if (free <= 0) return 'full';
  if (free <= almostFullRatio * capacity) return 'almost_full';
  return 'open';
}
