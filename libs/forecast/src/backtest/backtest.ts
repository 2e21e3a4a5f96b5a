import { SLOT_MIN, type DayKindClock } from '../model/day-kind';
import { expectedFree } from '../model/expected-free';
import type { ForecastModel } from '../model/forecast-model';
import { LotHistory, NO_SAMPLE } from '../model/lot-history';
import { cellWithHistory } from '../model/lot-stats';
import { Scorecard, type ScoreSummary } from './scorecard';

export interface BacktestResult {
  horizonsMin: number[];
  /** The predictor and the two baselines over every horizon together. */
  forecast: ScoreSummary;
  carriedForward: ScoreSummary;
  historicalAverage: ScoreSummary;
  /** Brier score per horizon: [forecast, carried forward, historical average]. */
  byHorizon: { horizonMin: number; count: number; brier: [number, number, number] }[];
}

/**
 * Replays the test part of a history: at every grid instant from `testFromMs`, for each lot with
 * a usable reading now and at now + horizon, the predictor and both baselines give the
 * probability of at least one free space at now + horizon, scored against what was recorded.
 * The model must have been built from instants before `testFromMs` only.
 */
export function runBacktest(
  model: ForecastModel,
  history: LotHistory,
  kinds: DayKindClock,
  testFromMs: number,
  horizonsMin: number[],
): BacktestResult {
  const cards = [new Scorecard(), new Scorecard(), new Scorecard()];
  const perHorizon = horizonsMin.map(() => [new Scorecard(), new Scorecard(), new Scorecard()]);
  const first = Math.max(0, Math.ceil((testFromMs - history.startMs) / (SLOT_MIN * 60_000)));
  const cells = new Int16Array(history.instants);
  for (let i = 0; i < history.instants; i++) cells[i] = kinds.cellOf(history.instantMs(i));
  history.lotIds.forEach((lotId, lot) => {
    const stats = model.statsOf(lotId);
    if (!stats) return;
    const cap = history.capacity[lot];
    for (let i = first; i < history.instants; i++) {
      const now = history.freeAt(lot, i);
      if (now === NO_SAMPLE || history.knownAt(lot, i) * 2 < cap) continue;
      horizonsMin.forEach((h, k) => {
        const j = i + Math.round(h / SLOT_MIN);
        const later = history.freeAt(lot, j);
        if (later === NO_SAMPLE || history.knownAt(lot, j) * 2 < cap) return;
        const outcome = later > 0;
        const e = expectedFree(stats, cells[i], cells[j], h, now);
        const f = Number.isNaN(e) ? 0.5 : model.calibration.probability(now, h, e).p;
        const cell = cellWithHistory(stats, cells[j]);
        const avg = cell >= 0 ? stats.anyFree[cell] : 0.5;
        const probs = [f, now > 0 ? 1 : 0, avg];
        probs.forEach((p, m) => {
          cards[m].add(p, outcome);
          perHorizon[k][m].add(p, outcome);
        });
      });
    }
  });
  return {
    horizonsMin,
    forecast: cards[0].summary(),
    carriedForward: cards[1].summary(),
    historicalAverage: cards[2].summary(),
    byHorizon: horizonsMin.map((horizonMin, k) => {
      const s = perHorizon[k].map((c) => c.summary());
      return { horizonMin, count: s[0].count, brier: [s[0].brier, s[1].brier, s[2].brier] };
    }),
  };
}
