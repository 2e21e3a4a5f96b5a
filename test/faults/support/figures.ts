import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { Figures } from './verify';

export const RESULTS_FILE = join(__dirname, '..', 'results.md');

/** Starts test/faults/results.md afresh (jest globalSetup of the fault suite). */
export function resetResults(): void {
  writeFileSync(
    RESULTS_FILE,
    [
      '# Ingest fault suite: figures of the last run',
      '',
      `Run ${new Date().toISOString()}. acked = events the broker PUBACKed; must = events that had to`,
      'be recorded; recovered = fault end -> first new event recorded / every event acked before',
      'the fault end recorded.',
      '',
      '| scenario | acked | must | recorded | rejected | duplicates | recovered | notes |',
      '|---|---|---|---|---|---|---|---|',
      '',
    ].join('\n'),
  );
}

export interface Recovery {
  firstMs: number | null;
  caughtUpMs: number | null;
}

/**
 * From the fault's end: how long until history grows again, and until it holds as many rows as
 * events were acked by then (polled every 25 ms until `stop()` or `timeoutMs`). `result` fills
 * in as it goes, so a scenario can report it without waiting for a recovery that never comes.
 */
export function watchRecovery(pg: Client, ackedAtEnd: number, timeoutMs = 60_000) {
  const t0 = Date.now();
  let stopped = false;
  const count = async () =>
    Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
  const result: Recovery = { firstMs: null, caughtUpMs: null };
  const done = (async () => {
    const base = await count();
    while (!stopped && Date.now() - t0 < timeoutMs) {
      const n = await count();
      if (result.firstMs === null && n > base) result.firstMs = Date.now() - t0;
      if (n >= ackedAtEnd) {
        result.caughtUpMs ??= Date.now() - t0;
        result.firstMs ??= result.caughtUpMs;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    return result;
  })().catch(() => result);
  return {
    result,
    done,
    stop: () => {
      stopped = true;
      return done;
    },
  };
}

export type RecoveryWatch = ReturnType<typeof watchRecovery>;

const ms = (v: number | null) => (v === null ? '-' : `${(v / 1000).toFixed(2)} s`);

/** Appends the scenario's line to results.md and prints it. */
export function report(
  scenario: string,
  f: Pick<Figures, 'acked' | 'mustRecord' | 'recorded' | 'rejected' | 'duplicates'>,
  recovery: Recovery | null,
  notes = '',
): void {
  const rec = recovery ? `${ms(recovery.firstMs)} / ${ms(recovery.caughtUpMs)}` : '-';
  const line = `| ${scenario} | ${f.acked} | ${f.mustRecord} | ${f.recorded} | ${f.rejected} | ${f.duplicates} | ${rec} | ${notes} |`;
  appendFileSync(RESULTS_FILE, line + '\n');
  process.stdout.write(`fault figures: ${line}\n`);
}
