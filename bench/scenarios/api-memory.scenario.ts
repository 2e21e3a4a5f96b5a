import { readFileSync } from 'node:fs';
import { withChildren } from '../harness/cpu-meter';
import { Figure, Scenario } from '../harness/scenario';
import { useStack } from '../harness/stack';

/** Resident set of a process in MiB (/proc, VmRSS), 0 once it has ended. */
export function rssMiB(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

/**
 * Memory of the API with every space of the city live (after the start-up sweep): the resident
 * set of each HTTP process (the node:cluster primary holds no replica and is reported apart).
 */
export const apiMemory: Scenario = {
  id: 'api-memory',
  title: 'memory of one API process with the whole city live',
  async run(ctx): Promise<Figure[]> {
    const stack = await useStack(ctx.spaces, ctx.log);
    const primary = stack.api.proc.pid ?? 0;
    const pids = withChildren(primary);
    const workers = pids.filter((p) => p !== primary);
    const served = workers.length > 0 ? workers : [primary];
    const rss = served.map(rssMiB);
    const line = `API RSS per process: ${rss.map((r) => r.toFixed(0)).join(', ')} MiB; primary ${rssMiB(primary).toFixed(0)} MiB`;
    ctx.log(line);
    const spaces = stack.city.spaces.length.toLocaleString('en-US');
    return [
      {
        name: `API process RSS (replica + index), ${spaces} spaces`,
        value: Math.max(...rss),
        unit: 'MiB',
        target: ctx.spaces === 135_000 ? { value: 150, better: 'lower' } : undefined,
        note: `${line}; largest of ${served.length} HTTP process(es)`,
      },
    ];
  },
};
