import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { pricePolicySchema, type PricePolicy } from '@app/forecast';
import { backtest, formatBacktest } from './backtest.command';
import { buildCommand, pricesCommand } from './db.commands';
import { feedback, formatFeedback } from './feedback.command';

const USAGE = `npm run forecast -- <command> [options]

  backtest   simulate a city, learn from the first days, score the last ones (no database)
             --spaces N (2000) --city-seed S (city) --seed S (forecast)
             --start ISO (2026-11-02T00:00:00+08:00) --days N (30) --test-days N (7)
             --horizons 15,30,60 --json FILE (also write the full result)
  feedback   simulated price feedback: demand reacts to price, suggestions applied each round
             --spaces N (1000) --city-seed S (city) --start ISO --rounds N (5) --round-days N (7)
             --elasticity X (-0.4) --demand X (1: scales every tier's demand) and the policy options
  build      sample recorded history and rebuild the arrival statistics (DATABASE_URL)
             --days N (28)
  prices     price suggestions per tier and band from recorded occupancy (DATABASE_URL)
             --target-low X (0.6) --target-high X (0.8) --deep-low X (0.3) --step X (0.5)
             --min-price X (0.5) --max-price X (30) --review-days N (28)
`;

const POLICY_OPTIONS = {
  'target-low': { type: 'string' },
  'target-high': { type: 'string' },
  'deep-low': { type: 'string' },
  step: { type: 'string' },
  'min-price': { type: 'string' },
  'max-price': { type: 'string' },
  'review-days': { type: 'string' },
} as const;

function num(v: string | undefined, fallback: number, name: string, signed = false): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || (!signed && n <= 0)) {
    throw new Error(`--${name}: a ${signed ? '' : 'positive '}number expected`);
  }
  return n;
}

function policyOf(v: Record<string, string | undefined>): PricePolicy {
  const pick = (k: string) => (v[k] === undefined ? undefined : Number(v[k]));
  const r = pricePolicySchema.safeParse({
    targetLow: pick('target-low'),
    targetHigh: pick('target-high'),
    deepLow: pick('deep-low'),
    step: pick('step'),
    minPrice: pick('min-price'),
    maxPrice: pick('max-price'),
    reviewDays: pick('review-days'),
  });
  if (!r.success) throw new Error(`policy: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

function startOf(v: string | undefined): number {
  const ms = Date.parse(v ?? '2026-11-02T00:00:00+08:00');
  if (Number.isNaN(ms)) throw new Error('--start: an RFC 3339 instant expected');
  return ms;
}

/** The simulated city and period, shared by backtest and feedback. */
const SIM_OPTIONS = {
  spaces: { type: 'string' },
  'city-seed': { type: 'string' },
  start: { type: 'string' },
} as const;

function runBacktest(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...SIM_OPTIONS,
      seed: { type: 'string' },
      days: { type: 'string' },
      'test-days': { type: 'string' },
      horizons: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const days = num(values.days, 30, 'days');
  const testDays = num(values['test-days'], 7, 'test-days');
  if (testDays >= days) throw new Error('--test-days: must be fewer than --days');
  const report = backtest({
    spaces: num(values.spaces, 2000, 'spaces'),
    citySeed: values['city-seed'] ?? 'city',
    seed: values.seed ?? 'forecast',
    startMs: startOf(values.start),
    days,
    testDays,
    horizonsMin: (values.horizons ?? '15,30,60').split(',').map((h) => num(h, 0, 'horizons')),
  });
  process.stdout.write(formatBacktest(report) + '\n');
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
}

function runFeedback(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...SIM_OPTIONS,
      rounds: { type: 'string' },
      'round-days': { type: 'string' },
      elasticity: { type: 'string' },
      demand: { type: 'string' },
      ...POLICY_OPTIONS,
    },
  });
  const o = {
    spaces: num(values.spaces, 1000, 'spaces'),
    citySeed: values['city-seed'] ?? 'city',
    startMs: startOf(values.start),
    rounds: num(values.rounds, 5, 'rounds'),
    roundDays: num(values['round-days'], 7, 'round-days'),
    elasticity: num(values.elasticity, -0.4, 'elasticity', true),
    demand: num(values.demand, 1, 'demand'),
    policy: policyOf(values),
  };
  process.stdout.write(formatFeedback(feedback(o), o) + '\n');
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === 'backtest') runBacktest(rest);
    else if (command === 'feedback') runFeedback(rest);
    else if (command === 'build') {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: { days: { type: 'string' } },
      });
      process.stdout.write((await buildCommand(num(values.days, 28, 'days'))) + '\n');
    } else if (command === 'prices') {
      const { values } = parseArgs({ args: rest, strict: true, options: POLICY_OPTIONS });
      process.stdout.write((await pricesCommand(policyOf(values))) + '\n');
    } else {
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' ? 0 : 64;
    }
    return 0;
  } catch (err) {
    process.stderr.write(`forecast: ${err instanceof Error ? err.message : String(err)}\n`);
    return 64;
  }
}

void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
