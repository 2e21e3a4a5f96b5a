import { SLOT_MIN } from './day-kind';
import { cellWithHistory, type LotStats } from './lot-stats';

/**
 * Expected free spaces at arrival (without explanation, for the builder and the backtest):
 * the usual level at the arrival's cell plus the current deviation from the usual level, faded
 * by the lot's persistence per 15 minutes. NaN when there is neither history nor a reading.
 */
export function expectedFree(
  stats: LotStats,
  nowCell: number,
  atCell: number,
  horizonMin: number,
  freeNow: number | null,
): number {
  const at = cellWithHistory(stats, atCell);
  const now = cellWithHistory(stats, nowCell);
  const usual = at >= 0 ? stats.meanFree[at] : NaN;
  let e: number;
  if (freeNow !== null && (now >= 0 || at < 0)) {
    const usualNow = now >= 0 ? stats.meanFree[now] : freeNow;
    const keep = Math.pow(stats.persistence, horizonMin / SLOT_MIN);
    e = (at >= 0 ? usual : usualNow) + (freeNow - usualNow) * keep;
  } else {
    e = usual;
  }
  return Number.isNaN(e) ? NaN : Math.min(stats.capacity, Math.max(0, e));
}
