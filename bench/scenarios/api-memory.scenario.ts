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

/** The API's /metrics (admin only: the stack's ADMIN_TOKEN). */
export async function metricsText(apiUrl: string, adminToken: string): Promise<string> {
  const res = await fetch(`${apiUrl}/metrics`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!res.ok) throw new Error(`/metrics answered ${res.status}`);
  return res.text();
}

/**
 * The values of a metric's series in one scrape, by `worker` label ('' for a lone process): with
 * HTTP_WORKERS > 1 one scrape answers with every worker's series.
 */
export function seriesByWorker(text: string, name: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(new RegExp(`^${name}(?:\\{([^}]*)\\})? (\\S+)`, 'gm'))) {
    const worker = /worker="([^"]*)"/.exec(m[1] ?? '')?.[1] ?? '';
    out.set(worker, Number(m[2]));
  }
  return out;
}

/** Each API process's V8 heap (used / total) and external memory, in MiB. */
async function heapLine(apiUrl: string, adminToken: string): Promise<string> {
  const text = await metricsText(apiUrl, adminToken);
  const mib = (name: string) => seriesByWorker(text, name);
  const used = mib('nodejs_heap_size_used_bytes');
  const total = mib('nodejs_heap_size_total_bytes');
  const ext = mib('nodejs_external_memory_bytes');
  const f = (v: number | undefined) => ((v ?? NaN) / 2 ** 20).toFixed(0);
  return [...used.keys()]
    .map((w) => `${f(used.get(w))}/${f(total.get(w))} + ${f(ext.get(w))} MiB`)
    .join(', ');
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
    const heaps = new Set<string>();
    for (let i = 0; i < 6; i++) heaps.add(await heapLine(stack.apiUrl, stack.appEnv.ADMIN_TOKEN));
    ctx.log(`API heap (prom-client, per answering process): ${[...heaps].join(' | ')}`);
    const spaces = stack.city.spaces.length.toLocaleString('en-US');
    // what one history row costs on disk (heap + indexes of the day partitions), for capacity
    const [h] = (
      await stack.pg.query(
        `SELECT (SELECT count(*) FROM occupancy_events)::float8 AS rows,
                (SELECT sum(pg_total_relation_size(inhrelid)) FROM pg_inherits
                 WHERE inhparent = 'occupancy_events'::regclass)::float8 AS bytes`,
      )
    ).rows as Array<{ rows: number; bytes: number }>;
    ctx.log(`history: ${h.rows} rows, ${(h.bytes / 2 ** 20).toFixed(1)} MiB`);
    return [
      {
        name: `API process RSS (replica + index), ${spaces} spaces`,
        value: Math.max(...rss),
        unit: 'MiB',
        target: ctx.spaces === 135_000 ? { value: 150, better: 'lower' } : undefined,
        note: `${line}; largest of ${served.length} HTTP process(es); V8 heap used/total, external: ${[...heaps].join(' | ')}`,
      },
      {
        name: `city import into PostgreSQL (${spaces} spaces)`,
        value: stack.timings.importMs / 1000,
        unit: 's',
        note: `then ingest worker + API ready after ${(stack.timings.startMs / 1000).toFixed(1)} s, start-up sweep (every sensor once) ${(stack.timings.sweepMs / 1000).toFixed(1)} s`,
      },
      {
        name: 'PostgreSQL bytes per history row (table + indexes)',
        value: h.rows > 0 ? Math.round(h.bytes / h.rows) : NaN,
        unit: 'B',
        note: `${h.rows} rows in ${(h.bytes / 2 ** 20).toFixed(1)} MiB (day partitions incl. empty ones)`,
      },
    ];
  },
};
