/**
 * Benchmark harness: `npm run bench [-- --scenario a,b] [--spaces N] [--note text]`
 * (see bench/README.md).
 * Runs scenarios in order against the real services, prints a table, writes
 * bench/results/<time>.json and bench/RESULTS.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { describeMachine } from './harness/machine';
import { Conditions, describeConditions, QuietMeter } from './harness/quiet';
import { keptSections, resultsMarkdown, table } from './harness/report';
import { Figure, Scenario } from './harness/scenario';
import { stopStack } from './harness/stack';
import { SCENARIOS } from './scenarios';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const wanted = arg('scenario')?.split(',');
  const spaces = Number(arg('spaces') ?? 135_000);
  const unknown = wanted?.filter((w) => !SCENARIOS.some((s) => s.id === w)) ?? [];
  if (unknown.length) {
    process.stderr.write(
      `unknown scenario(s): ${unknown.join(', ')}; known: ${SCENARIOS.map((s) => s.id).join(', ')}\n`,
    );
    process.exit(2);
  }
  // a city of a million spaces needs more than V8's default heap (~4 GB) while loading
  if (spaces > 500_000 && process.env.BENCH_NODE_FLAGS === undefined) {
    process.env.BENCH_NODE_FLAGS = '--max-old-space-size=12288';
  }
  const chosen: Scenario[] = wanted ? SCENARIOS.filter((s) => wanted.includes(s.id)) : SCENARIOS;
  const machine = describeMachine();
  const all = new Map<string, Figure>();
  const figures: Figure[] = [];
  const started = new Date();
  const conditions: Record<string, Conditions> = {};
  for (const [i, s] of chosen.entries()) {
    process.stdout.write(`[${i + 1}/${chosen.length}] ${s.title} ...\n`);
    const quiet = new QuietMeter();
    await quiet.before();
    const t0 = Date.now();
    try {
      const got = await s.run({
        spaces,
        figures: all,
        log: (l) => process.stdout.write(`    ${l}\n`),
      });
      for (const f of got) {
        all.set(f.name, f);
        figures.push(f);
      }
      process.stdout.write(`    done in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
    } catch (err) {
      process.stdout.write(`    FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
      figures.push({
        name: `${s.id} (failed)`,
        value: NaN,
        unit: '',
        note: String(err).slice(0, 120),
      });
    }
    conditions[s.id] = quiet.after();
    process.stdout.write(`    machine: ${describeConditions(conditions[s.id])}\n`);
  }
  await stopStack().catch((err: unknown) =>
    process.stdout.write(`stack cleanup failed: ${String(err)}\n`),
  );
  process.stdout.write(`\n${table(figures, all)}\n`);
  const noisy = Object.entries(conditions).filter(([, c]) => c.warning);
  if (noisy.length)
    process.stdout.write(
      `\nWARNING: the machine was not quiet during ${noisy.map(([id]) => id).join(', ')}: these figures are not comparable\n`,
    );
  const command = `npm run bench${
    process.argv.length > 2
      ? ' -- ' +
        process.argv
          .slice(2)
          .map((a) => (/\s/.test(a) ? JSON.stringify(a) : a))
          .join(' ')
      : ''
  }`;
  const dir = join(process.cwd(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(
    join(dir, `${stamp}.json`),
    JSON.stringify(
      { started, command, note: arg('note'), spaces, machine, conditions, figures },
      null,
      2,
    ),
  );
  const resultsFile = join(process.cwd(), 'bench', 'RESULTS.md');
  // sections written by other bench programs (bench:dashboard) stay
  const kept = existsSync(resultsFile) ? keptSections(readFileSync(resultsFile, 'utf8')) : '';
  writeFileSync(
    resultsFile,
    resultsMarkdown(figures, all, machine, command, started.toISOString(), {
      note: arg('note'),
      loadAtEnd: Math.round(loadavg()[0] * 100) / 100,
      conditions,
    }) + (kept ? `\n${kept}` : ''),
  );
  process.stdout.write(`\nwrote bench/results/${stamp}.json and bench/RESULTS.md\n`);
}

process.on('SIGINT', () => {
  void stopStack().finally(() => process.exit(130));
});

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    await stopStack().catch(() => undefined);
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
