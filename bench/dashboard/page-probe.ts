/**
 * Browser-side probe of the dashboard bench, injected before the page's own scripts
 * (`page.addInitScript`). Plain JavaScript in a string: the bench program has no DOM types.
 *
 * `window.__bench` collects, in ms since navigation start (performance.now()):
 * - `longtasks`: [start, duration] of every main-thread task over 50 ms (PerformanceObserver
 *   'longtask', buffered);
 * - `frames`: the timestamp of every requestAnimationFrame callback;
 * - `submitAt`: the login form's submit event;
 * - `markersAt`: the first frame in which `want` painted lot markers are in the DOM
 *   (`path.lot-marker[data-status]`, as the browser spec counts them), `markers` their count then;
 * - `statusChanges`: how often an element's `data-status` changed (live recolouring);
 * - `lotStreamEnds`: lot streams that ended (each one followed by a reconnect).
 */
export function pageProbe(want: number): string {
  return `(() => {
  const p = { want: ${JSON.stringify(want)}, longtasks: [], frames: [], submitAt: -1, markersAt: -1, markers: 0 };
  window.__bench = p;
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) p.longtasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch (e) {
    p.noLongtask = String(e);
  }
  // lot markers whose status attribute changed (the page repainting live changes)
  p.statusChanges = 0;
  new MutationObserver((list) => {
    for (const m of list) if (m.target.tagName === 'path' && m.oldValue !== null && m.oldValue !== m.target.getAttribute('data-status')) p.statusChanges++;
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-status'], attributeOldValue: true });
  // lot streams that ended (a resource entry appears when a fetch's body is complete): the
  // page reconnects after each
  p.lotStreamEnds = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name.includes('/v1/streams/lots')) p.lotStreamEnds++;
  }).observe({ type: 'resource', buffered: true });
  document.addEventListener('submit', () => {
    if (p.submitAt < 0) p.submitAt = performance.now();
  }, true);
  const frame = (t) => {
    p.frames.push(t);
    if (p.markersAt < 0 && p.submitAt >= 0) {
      const n = document.querySelectorAll('path.lot-marker[data-status]').length;
      if (n >= p.want) {
        p.markersAt = performance.now();
        p.markers = n;
      }
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
})();`;
}

/** What the probe collected (read back with `page.evaluate('window.__bench')`). */
export interface ProbeData {
  want: number;
  longtasks: Array<[number, number]>;
  frames: number[];
  submitAt: number;
  markersAt: number;
  markers: number;
  /** Status changes of lot markers (data-status attribute) so far. */
  statusChanges?: number;
  /** Lot streams (/v1/streams/lots) that ended so far (each one is followed by a reconnect). */
  lotStreamEnds?: number;
  noLongtask?: string;
}

export interface WindowStats {
  seconds: number;
  /** Frames (rAF callbacks) in each whole second of the window. */
  fps: number[];
  fpsMin: number;
  fpsMedian: number;
  /** Longest gap between two frames, ms. */
  maxFrameGapMs: number;
  longTasks: number;
  over50: number;
  over100: number;
  maxLongTaskMs: number;
  /** Sum of long-task time over the window, ms. */
  longTaskMs: number;
}

/** Frame rate and long tasks of the probe data within [from, to) (ms since navigation start). */
export function windowStats(d: ProbeData, from: number, to: number): WindowStats {
  const seconds = Math.floor((to - from) / 1000);
  const fps = new Array<number>(seconds).fill(0);
  let prev = -1;
  let maxGap = 0;
  for (const t of d.frames) {
    if (t < from || t >= to) continue;
    const k = Math.floor((t - from) / 1000);
    if (k < seconds) fps[k]++;
    if (prev >= 0) maxGap = Math.max(maxGap, t - prev);
    prev = t;
  }
  const tasks = d.longtasks.filter(([s]) => s >= from && s < to).map(([, dur]) => dur);
  const sorted = [...fps].sort((a, b) => a - b);
  return {
    seconds,
    fps,
    fpsMin: sorted[0] ?? 0,
    fpsMedian: sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)] : 0,
    maxFrameGapMs: Math.round(maxGap * 10) / 10,
    longTasks: tasks.length,
    over50: tasks.filter((x) => x > 50).length,
    over100: tasks.filter((x) => x > 100).length,
    maxLongTaskMs: Math.round(Math.max(0, ...tasks)),
    longTaskMs: Math.round(tasks.reduce((a, b) => a + b, 0)),
  };
}
