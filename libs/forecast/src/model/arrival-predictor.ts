import type { CalibrationTable } from './calibration-table';
import { DAY_KIND_NAMES, DayKind, SLOT_MIN, SLOTS_PER_DAY } from './day-kind';
import { expectedFree } from './expected-free';
import { cellWithHistory, type LotStats } from './lot-stats';

export interface ArrivalInput {
  /** Statistics cell (kind * 96 + slot) of now and of the arrival. */
  nowCell: number;
  atCell: number;
  horizonMin: number;
  /** Free spaces now, or null when the lot has no usable reading now. */
  freeNow: number | null;
}

export interface ArrivalForecast {
  /** Probability of at least one free space at arrival (0..1). */
  probability: number;
  /** Expected free spaces at arrival. */
  expectedFree: number;
  /** Mean free spaces recorded at the arrival's slot and day kind, or null without history. */
  usualFree: number | null;
  /** Recorded days behind `usualFree`. */
  days: number;
  explanation: string[];
}

function clock(cell: number): string {
  const m = (cell % SLOTS_PER_DAY) * SLOT_MIN;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

function kindName(cell: number): string {
  return DAY_KIND_NAMES[Math.floor(cell / SLOTS_PER_DAY) as DayKind];
}

const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Expected free spaces at arrival = the usual level at the arrival's slot plus today's deviation
 * from the usual level now, fading by the lot's persistence per 15 minutes; the probability of at
 * least one free space is the frequency observed in the history at that expectation and horizon.
 */
export function predictArrival(
  stats: LotStats,
  calibration: CalibrationTable,
  input: ArrivalInput,
): ArrivalForecast {
  const atCell = cellWithHistory(stats, input.atCell);
  const nowCell = cellWithHistory(stats, input.nowCell);
  const explanation: string[] = [];
  const usual = atCell >= 0 ? stats.meanFree[atCell] : null;
  if (usual !== null) {
    explanation.push(
      `usually ${round1(usual)} of ${stats.capacity} free at ${clock(atCell)} on a ${kindName(atCell)} (${stats.samples[atCell]} days recorded)`,
    );
  }
  const withNow = input.freeNow !== null && (nowCell >= 0 || usual === null);
  const expected = expectedFree(
    stats,
    input.nowCell,
    input.atCell,
    input.horizonMin,
    withNow ? input.freeNow : null,
  );
  if (Number.isNaN(expected)) {
    return {
      probability: 0.5,
      expectedFree: 0,
      usualFree: null,
      days: 0,
      explanation: ['no history and no current reading'],
    };
  }
  if (withNow && input.freeNow !== null) {
    const usualNow = nowCell >= 0 ? stats.meanFree[nowCell] : input.freeNow;
    const keep = Math.pow(stats.persistence, input.horizonMin / SLOT_MIN);
    explanation.push(
      `${input.freeNow} free now against usually ${round1(usualNow)}: ${Math.round(keep * 100)} % of that difference is expected to remain in ${Math.round(input.horizonMin)} min`,
    );
  } else {
    explanation.push('no current reading: the usual level alone');
  }
  const horizon = withNow ? input.horizonMin : Number.POSITIVE_INFINITY;
  const { p, observations } = calibration.probability(
    withNow ? input.freeNow : null,
    horizon,
    expected,
  );
  explanation.push(
    observations > 0
      ? `with about ${round1(expected)} expected free, at least one space was free in ${Math.round(p * 100)} % of ${observations} recorded cases`
      : `about ${round1(expected)} expected free (too few recorded cases: Poisson estimate)`,
  );
  return {
    probability: p,
    expectedFree: expected,
    usualFree: usual,
    days: atCell >= 0 ? stats.samples[atCell] : 0,
    explanation,
  };
}
