import { ModelBuilder, runBacktest, type BacktestResult, type ScoreSummary } from '@app/forecast';
import { generateCity } from '../../../sensors-sim/src';
import { simulateHistory } from './sim-history';

export interface BacktestOptions {
  spaces: number;
  citySeed: string;
  seed: string;
  startMs: number;
  days: number;
  testDays: number;
  horizonsMin: number[];
}

export interface BacktestReport {
  options: BacktestOptions;
  lots: number;
  readings: number;
  result: BacktestResult;
}

/**
 * Generates a city, simulates `days` of it, learns the statistics from the first
 * `days - testDays` days of recorded readings and scores the last `testDays` days.
 */
export function backtest(options: BacktestOptions): BacktestReport {
  const { city } = generateCity({ spaces: options.spaces, seed: options.citySeed });
  const sim = simulateHistory(city, {
    seed: options.seed,
    startMs: options.startMs,
    durationMs: options.days * 86_400_000,
  });
  const testFromMs = options.startMs + (options.days - options.testDays) * 86_400_000;
  const training = sim.history.slice(sim.history.startMs, testFromMs);
  const model = new ModelBuilder(sim.kinds).build(training, testFromMs);
  const result = runBacktest(model, sim.history, sim.kinds, testFromMs, options.horizonsMin);
  return { options, lots: sim.history.lotIds.length, readings: sim.readings, result };
}

const pct = (v: number) => (Number.isNaN(v) ? '-' : `${(v * 100).toFixed(1)} %`);

function decileTable(name: string, s: ScoreSummary): string[] {
  const rows = [
    `${name}: Brier ${s.brier.toFixed(4)} over ${s.count} predictions`,
    '',
    '| predicted | count | mean predicted | observed |',
    '|---|---|---|---|',
  ];
  for (const d of s.deciles) {
    if (d.count === 0) continue;
    rows.push(
      `| ${d.from.toFixed(1)}-${d.to.toFixed(1)} | ${d.count} | ${pct(d.meanPredicted)} | ${pct(d.observed)} |`,
    );
  }
  return rows;
}

/** Markdown: Brier scores per horizon, then the calibration deciles of each method. */
export function formatBacktest(r: BacktestReport): string {
  const o = r.options;
  const out = [
    `city: ${o.spaces} spaces (seed ${o.citySeed}), ${r.lots} lots; ${o.days} days from ${new Date(o.startMs).toISOString()} (stream seed ${o.seed}), ${r.readings} readings; trained on ${o.days - o.testDays} days, tested on the last ${o.testDays}`,
    '',
    '| horizon | predictions | forecast | carried forward | historical average |',
    '|---|---|---|---|---|',
  ];
  for (const h of r.result.byHorizon) {
    out.push(
      `| ${h.horizonMin} min | ${h.count} | ${h.brier.map((b) => b.toFixed(4)).join(' | ')} |`,
    );
  }
  const all = r.result;
  out.push(
    `| all | ${all.forecast.count} | ${all.forecast.brier.toFixed(4)} | ${all.carriedForward.brier.toFixed(4)} | ${all.historicalAverage.brier.toFixed(4)} |`,
    '',
  );
  out.push(...decileTable('forecast', all.forecast), '');
  out.push(...decileTable('carried forward', all.carriedForward), '');
  out.push(...decileTable('historical average', all.historicalAverage));
  return out.join('\n');
}
