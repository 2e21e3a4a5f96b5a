export type SignLevel = 'open' | 'almost_full' | 'full';

export interface SignThresholds {
  fullAt: number;
  fullClearAt: number;
  almostFullAt: number;
  almostFullClearAt: number;
}

/**
 * The level a sign entry shows for a free count, given what it showed before. A level is entered
 * at its `...At` threshold and left only above its `...ClearAt` threshold, so a count wobbling
 * between the two never makes the display flap.
 */
export function nextSignLevel(prev: SignLevel, free: number, t: SignThresholds): SignLevel {
  const fullClear = Math.max(t.fullAt, t.fullClearAt);
  const almostClear = Math.max(t.almostFullAt, t.almostFullClearAt);
  if (free <= t.fullAt) return 'full';
  if (prev === 'full' && free <= fullClear) return 'full';
  if (free <= t.almostFullAt) return 'almost_full';
  if (prev !== 'open' && free <= almostClear) return 'almost_full';
  return 'open';
}
