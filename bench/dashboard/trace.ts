/**
 * Main-thread tasks of the page's renderer from a Chrome trace (`browser.startTracing`): the
 * cross-check of the in-page 'longtask' observer. A task is a top-level `RunTask` on a
 * `CrRendererMain` thread; times in ms, relative to the trace's first such task.
 */
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string };
}

export interface TraceTasks {
  /** [start ms, duration ms] of each task over 50 ms, on the renderer main thread(s). */
  long: Array<[number, number]>;
  tasks: number;
  /** Trace timestamp (us) of the first task, the zero of `long`. */
  t0Us: number;
}

export function rendererTasks(trace: Buffer | string): TraceTasks {
  const parsed = JSON.parse(trace.toString()) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const mains = new Set<string>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      mains.add(`${e.pid}:${e.tid}`);
  }
  const runs = events
    .filter(
      (e) =>
        e.ph === 'X' &&
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        mains.has(`${e.pid}:${e.tid}`),
    )
    .sort((a, b) => a.ts - b.ts);
  // RunTask and ThreadControllerImpl::RunTask nest: keep only the outermost per thread
  const top: TraceEvent[] = [];
  const endOf = new Map<string, number>();
  for (const e of runs) {
    const k = `${e.pid}:${e.tid}`;
    if (e.ts < (endOf.get(k) ?? -1)) continue;
    endOf.set(k, e.ts + (e.dur ?? 0));
    top.push(e);
  }
  const t0Us = top[0]?.ts ?? 0;
  return {
    tasks: top.length,
    t0Us,
    long: top
      .filter((e) => (e.dur ?? 0) > 50_000)
      .map((e) => [(e.ts - t0Us) / 1000, (e.dur ?? 0) / 1000] as [number, number]),
  };
}
