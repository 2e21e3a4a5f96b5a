/** @needs none (simulator and forecast library in process; no service) */
import { backtest } from '../../apps/cli-forecast/src/backtest.command';

/**
 * The backtest on a small simulated city: statistics learnt from 10 days of recorded readings,
 * scored on the next 4 days against the simulator's ground truth. Deterministic (seeded).
 */
describe('forecast backtest on a small simulated city', () => {
  const report = backtest({
    spaces: 500,
    citySeed: 'city',
    seed: 'forecast',
    startMs: Date.parse('2026-11-02T00:00:00+08:00'),
    days: 14,
    testDays: 4,
    horizonsMin: [15, 30, 60],
  });
  const r = report.result;

  it('scores every lot-instant of the test days with all three methods', () => {
    expect(report.lots).toBeGreaterThan(20);
    expect(r.forecast.count).toBeGreaterThan(10_000);
    expect(r.carriedForward.count).toBe(r.forecast.count);
    expect(r.historicalAverage.count).toBe(r.forecast.count);
  });

  it('beats both baselines on the Brier score overall and at 30 and 60 minutes', () => {
    expect(r.forecast.brier).toBeLessThan(r.carriedForward.brier);
    expect(r.forecast.brier).toBeLessThan(r.historicalAverage.brier);
    for (const h of r.byHorizon.filter((x) => x.horizonMin >= 30)) {
      const [forecast, carried, average] = h.brier;
      expect(forecast).toBeLessThan(carried);
      expect(forecast).toBeLessThan(average);
    }
  });

  it('is calibrated: predicted and observed frequencies agree within 5 points on average', () => {
    const n = r.forecast.count;
    const ece = r.forecast.deciles
      .filter((d) => d.count > 0)
      .reduce((sum, d) => sum + (d.count / n) * Math.abs(d.meanPredicted - d.observed), 0);
    expect(ece).toBeLessThan(0.05);
    // the well-populated deciles individually
    for (const d of r.forecast.deciles.filter((x) => x.count >= 1000)) {
      expect(Math.abs(d.meanPredicted - d.observed)).toBeLessThan(0.1);
    }
  });
});
