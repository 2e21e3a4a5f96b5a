import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { appArgs, repoRoot } from '../harness/child';
import { Figure, Scenario } from '../harness/scenario';
import { useStack } from '../harness/stack';

/**
 * Redis loses everything (FLUSHALL on the run's private server), then `npm run ingest:rebuild`
 * (compiled) reloads the live state from PostgreSQL; every space must be back afterwards.
 */
export const rebuild: Scenario = {
  id: 'rebuild',
  title: 'rebuild live state from PostgreSQL after Redis loss',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    await stack.flushRedis();
    const meter = stack.cpuMeter().start();
    const t0 = Date.now();
    const { stdout } = await promisify(execFile)(
      process.execPath,
      appArgs('apps/ingest/src/rebuild.js', process.env.BENCH_CPU_PROF),
      { cwd: repoRoot, env: { ...process.env, ...stack.appEnv, LOG_LEVEL: 'warn' } },
    );
    const wallMs = Date.now() - t0;
    const cpu = `${meter.stop()}; the rebuild process is most of the rest`;
    ctx.log(cpu);
    const m = /rebuilt (\d+) lots \((\d+) sensors\) in (\d+) ms/.exec(stdout);
    if (!m) throw new Error(`unexpected rebuild output: ${stdout.slice(-300)}`);
    const back = (await stack.snapshot()).length;
    ctx.log(`${stdout.trim()}; process wall time ${wallMs} ms; ${back} spaces live`);
    return [
      {
        name: `rebuild live state from PostgreSQL (${Number(m[2]).toLocaleString('en-US')} sensors)`,
        value: Number(m[3]) / 1000,
        unit: 's',
        target: { value: 3, better: 'lower' },
        note: `${m[1]} lots; ${back} spaces back; process wall time ${(wallMs / 1000).toFixed(1)} s`,
        cpu,
      },
    ];
  },
};
