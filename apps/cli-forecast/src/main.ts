import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { backtest, formatBacktest } from './backtest.command';

const USAGE = `npm run forecast -- <command> [options]

  backtest   simulate a city, learn from the first days, score the last ones
             --spaces N (2000) --city-seed S (city) --seed S (forecast)
             --start ISO (2026-11-02T00:00:00+08:00) --days N (30) --test-days N (7)
             --horizons 15,30,60 --json FILE (also write the full result)
`;

function num(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name}: a positive number expected`);
  return n;
}

function runBacktest(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      spaces: { type: 'string' },
      'city-seed': { type: 'string' },
      seed: { type: 'string' },
      start: { type: 'string' },
      days: { type: 'string' },
      'test-days': { type: 'string' },
      horizons: { type: 'string' },
      json: { type: 'string' },
    },
  });
  const startMs = Date.parse(values.start ?? '2026-11-02T00:00:00+08:00');
  if (Number.isNaN(startMs)) throw new Error('--start: an RFC 3339 instant expected');
  const days = num(values.days, 30, 'days');
  const testDays = num(values['test-days'], 7, 'test-days');
  if (testDays >= days) throw new Error('--test-days: must be fewer than --days');
  const horizonsMin = (values.horizons ?? '15,30,60').split(',').map((h) => num(h, 0, 'horizons'));
  const report = backtest({
    spaces: num(values.spaces, 2000, 'spaces'),
    citySeed: values['city-seed'] ?? 'city',
    seed: values.seed ?? 'forecast',
    startMs,
    days,
    testDays,
    horizonsMin,
  });
  process.stdout.write(formatBacktest(report) + '\n');
  if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    if (command === 'backtest') runBacktest(rest);
    else {
      process.stdout.write(USAGE);
      return command === undefined || command === 'help' ? 0 : 64;
    }
    return 0;
  } catch (err) {
    process.stderr.write(`forecast: ${err instanceof Error ? err.message : String(err)}\n`);
    return 64;
  }
}

process.exitCode = main(process.argv.slice(2));
