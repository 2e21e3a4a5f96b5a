/**
 * Dashboard under load (issue 16): `npm run bench:dashboard [-- --spaces N] [--seconds S]
 * [--note text]`. Run it under `flock /tmp/bench.lock` like every load-generating command.
 *
 * Starts the bench stack (bench/harness/stack.ts: the 135,000-space simulated city, the compiled
 * API and ingest worker, private Redis and broker), creates an operator, and drives the built
 * dashboard (dist/dashboard, served by the API) in headless Debian chromium at 1920x1080:
 * 1. navigation -> login -> every lot marker of the city painted (count = GET /v1/dashboard/lots),
 *    plus first contentful paint (Performance API);
 * 2. while the open-loop publisher sends 1,000 single-event messages/s for `--seconds` (30):
 *    long tasks (in-page 'longtask' observer, and Playwright's chromium tracing of the renderer
 *    main thread) and frames per second (requestAnimationFrame callbacks per second).
 * Writes bench/results/dashboard-<time>.json and the "Dashboard" section of bench/RESULTS.md.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { AuthService, JwtTokens } from '@app/auth';
import { loadConfig } from '@app/config';
import { openDatabase, PgUserRepository } from '@app/persistence';
import { repoRoot } from '../harness/child';
import { describeMachine } from '../harness/machine';
import { replaceSection } from '../harness/report';
import { openSse } from '../harness/sse-client';
import { sleep, stopStack, useStack } from '../harness/stack';
import { descendants } from './processes';
import { pageProbe, ProbeData, windowStats } from './page-probe';
import { rendererTasks } from './trace';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'dashboard bench password';
const RATE = 1000;
/** Published but not measured: the page and the stack settle into the stream. */
const WARMUP_S = 3;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const log = (l: string) => process.stdout.write(`    ${l}\n`);
const r1 = (v: number) => Math.round(v * 10) / 10;

async function main(): Promise<void> {
  const spaces = Number(arg('spaces') ?? 135_000);
  const seconds = Number(arg('seconds') ?? 30);
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM} (set CHROMIUM_PATH)`);
  if (!existsSync(join(repoRoot, 'dist', 'dashboard', 'index.html'))) {
    throw new Error('dist/dashboard is not built: npm run build');
  }
  const machine = describeMachine();
  const started = new Date();
  const stack = await useStack(spaces, log);

  // an operator (city-wide), through the same adapters as `npm run user -- create`
  const ds = await openDatabase(
    loadConfig({
      DATABASE_URL: stack.db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      LOG_LEVEL: 'warn',
    }),
  );
  await new AuthService(
    new PgUserRepository(ds),
    new JwtTokens({ jwtSecret: stack.appEnv.JWT_SECRET, jwtTtlSeconds: 3600 }),
  ).createUser({ username: 'bench-op', password: PASSWORD, role: 'operator' });
  await ds.destroy();
  const token = (
    (await (
      await fetch(`${stack.apiUrl}/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bench-op', password: PASSWORD }),
      })
    ).json()) as { accessToken: string }
  ).accessToken;
  const catalog = (await (
    await fetch(`${stack.apiUrl}/v1/dashboard/lots`, {
      headers: { authorization: `Bearer ${token}` },
    })
  ).json()) as { items: unknown[] };
  const lots = catalog.items.length;
  log(`operator created; /v1/dashboard/lots lists ${lots} lots`);

  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true });
  const tracing = process.env.BENCH_DASHBOARD_TRACE !== '0';
  try {
    const context = await browser.newContext({
      viewport: { width: 1920, height: 1080 },
      locale: 'zh-CN',
    });
    await context.addInitScript({ content: pageProbe(lots) });
    const page = await context.newPage();
    const chromiumPids = () => descendants(process.pid).filter((p) => p.comm.includes('chrom'));

    // 1. navigation -> login -> every lot on the map
    if (tracing) await browser.startTracing(page, { categories: ['toplevel'] });
    await page.goto(`${stack.apiUrl}/dashboard/`);
    await page.fill('input[name=username]', 'bench-op');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=who]');
    const until = Date.now() + 60_000;
    let d = (await page.evaluate('window.__bench')) as ProbeData;
    while (d.markersAt < 0) {
      if (Date.now() > until) throw new Error(`map never showed ${lots} lots`);
      await sleep(100);
      d = (await page.evaluate('window.__bench')) as ProbeData;
    }
    const loadTrace = tracing ? rendererTasks(await browser.stopTracing()) : undefined;
    const markers = (await page.$$eval(
      'path.lot-marker[data-status]',
      (els) => els.length,
    )) as number;
    const paints = (await page.evaluate(
      "performance.getEntriesByType('paint').map((e) => [e.name, e.startTime])",
    )) as Array<[string, number]>;
    const fcp = paints.find(([n]) => n === 'first-contentful-paint')?.[1] ?? NaN;
    const loadTasks = windowStats(d, 0, d.markersAt + 1);
    const load = {
      fcpMs: Math.round(fcp),
      submitAtMs: Math.round(d.submitAt),
      markersAtMs: Math.round(d.markersAt),
      fromSubmitMs: Math.round(d.markersAt - d.submitAt),
      markers,
      lots,
      maxLongTaskMs: loadTasks.maxLongTaskMs,
      longTasks: loadTasks.longTasks,
      traceMaxTaskMs: loadTrace
        ? Math.round(Math.max(0, ...loadTrace.long.map((t) => t[1])))
        : null,
    };
    log(
      `FCP ${load.fcpMs} ms; every lot (${markers}/${lots} markers) ${load.markersAtMs} ms after navigation, ${load.fromSubmitMs} ms after login submit (submit at ${load.submitAtMs} ms); longest task while loading ${load.maxLongTaskMs} ms`,
    );
    if (markers !== lots) throw new Error(`map shows ${markers} markers, the API lists ${lots}`);
    await page
      .waitForSelector('[data-testid=conn]:not(.bad)', { timeout: 10_000 })
      .catch(() => log('the page did not show its lot stream connected within 10 s'));

    // idle frame rate (no stream) as the reference of this browser on this machine
    await sleep(1000);
    const idleFrom = (await page.evaluate('performance.now()')) as number;
    await sleep(5000);
    const idleTo = (await page.evaluate('performance.now()')) as number;
    const idle = windowStats(
      (await page.evaluate('window.__bench')) as ProbeData,
      idleFrom,
      idleTo,
    );
    log(`idle: fps min ${idle.fpsMin}, median ${idle.fpsMedian}; ${idle.longTasks} long tasks`);

    // 2. streaming: 1,000 events/s over MQTT; lot events counted by a second SSE reader
    let lotEvents = 0;
    let counting = false;
    let overflows = 0;
    const closeSse = await openSse(`${stack.apiUrl}/v1/streams/lots`, (type) => {
      if (type === 'lot' && counting) lotEvents++;
      if (type === 'overflow') overflows++;
    });
    const publishing = stack.publish({
      mode: 'events',
      batch: 1,
      rate: RATE,
      messages: RATE * (WARMUP_S + seconds + 2),
      // every event changes its space (each sensor reports at most once in this phase)
      seqOffset: 1,
    });
    await sleep(WARMUP_S * 1000);
    // BENCH_DASHBOARD_TRACE_FILE=<file>: keep the streaming trace, with script, GC and layout
    // events (heavier) for a look in chrome://tracing or Perfetto
    const traceFile = process.env.BENCH_DASHBOARD_TRACE_FILE;
    if (tracing)
      await browser.startTracing(page, {
        categories: traceFile
          ? ['toplevel', 'devtools.timeline', 'v8', 'disabled-by-default-v8.gc', 'blink']
          : ['toplevel'],
      });
    const meter = stack.cpuMeter({ chromium: chromiumPids().map((p) => p.pid) }).start();
    counting = true;
    const [from, changes0, ends0] = (await page.evaluate(
      '[performance.now(), window.__bench.statusChanges, window.__bench.lotStreamEnds]',
    )) as [number, number, number];
    await sleep(seconds * 1000);
    const [to, changes1, ends1] = (await page.evaluate(
      '[performance.now(), window.__bench.statusChanges, window.__bench.lotStreamEnds]',
    )) as [number, number, number];
    counting = false;
    const cpu = meter.stop();
    const traceBuf = tracing ? await browser.stopTracing() : undefined;
    if (traceBuf && traceFile) writeFileSync(traceFile, traceBuf);
    const streamTrace = traceBuf ? rendererTasks(traceBuf) : undefined;
    const pub = await publishing;
    closeSse();
    d = (await page.evaluate('window.__bench')) as ProbeData;
    const s = windowStats(d, from, to);
    const traced = streamTrace
      ? {
          tasks: streamTrace.tasks,
          over50: streamTrace.long.length,
          over100: streamTrace.long.filter(([, x]) => x > 100).length,
          maxMs: Math.round(Math.max(0, ...streamTrace.long.map(([, x]) => x))),
        }
      : null;
    const stream = {
      ...s,
      lotEventsPerS: Math.round(lotEvents / ((to - from) / 1000)),
      markerStatusChanges: changes1 - changes0,
      pageStreamEnds: ends1 - ends0,
      pageStreamEndsBefore: ends0,
      readerOverflows: overflows,
      publishRate: Math.round(pub.messages / pub.seconds),
      trace: traced,
      cpu,
    };
    log(
      `streaming ${seconds} s at ${stream.publishRate} msg/s (${stream.lotEventsPerS} lot events/s on /v1/streams/lots, ${stream.markerStatusChanges} marker status changes on the map): fps min ${s.fpsMin}, median ${s.fpsMedian}, longest frame gap ${s.maxFrameGapMs} ms; long tasks ${s.longTasks} (> 100 ms: ${s.over100}), max ${s.maxLongTaskMs} ms, ${s.longTaskMs} ms in all`,
    );
    if (traced)
      log(
        `trace: ${traced.tasks} renderer main-thread tasks, ${traced.over50} > 50 ms, ${traced.over100} > 100 ms, max ${traced.maxMs} ms`,
      );
    log(
      `page lot stream ended ${stream.pageStreamEnds} times while streaming (${ends0} before); the bench's own reader got ${overflows} overflow events`,
    );
    log(`fps by second: ${s.fps.join(' ')}`);
    log(cpu);

    const result = {
      started,
      command: commandLine(),
      note: arg('note'),
      spaces,
      machine: { ...machine, loadAtEnd: r1(loadavg()[0]) },
      load,
      idle,
      stream,
    };
    const dir = join(repoRoot, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    const stamp = started.toISOString().replace(/[:.]/g, '-');
    writeFileSync(join(dir, `dashboard-${stamp}.json`), JSON.stringify(result, null, 2));
    const file = join(repoRoot, 'bench', 'RESULTS.md');
    writeFileSync(
      file,
      replaceSection(readFileSync(file, 'utf8'), 'dashboard', resultsSection(result)),
    );
    process.stdout.write(`\nwrote bench/results/dashboard-${stamp}.json and bench/RESULTS.md\n`);
    await context.close();
  } finally {
    await browser.close().catch(() => undefined);
  }
}

function commandLine(): string {
  const extra = process.argv.slice(2);
  return `npm run bench:dashboard${extra.length ? ' -- ' + extra.join(' ') : ''}`;
}

interface Result {
  started: Date;
  command: string;
  note?: string;
  spaces: number;
  machine: ReturnType<typeof describeMachine> & { loadAtEnd: number };
  load: {
    fcpMs: number;
    submitAtMs: number;
    markersAtMs: number;
    fromSubmitMs: number;
    markers: number;
    lots: number;
    maxLongTaskMs: number;
    longTasks: number;
    traceMaxTaskMs: number | null;
  };
  idle: ReturnType<typeof windowStats>;
  stream: ReturnType<typeof windowStats> & {
    lotEventsPerS: number;
    markerStatusChanges: number;
    pageStreamEnds: number;
    pageStreamEndsBefore: number;
    readerOverflows: number;
    publishRate: number;
    trace: { tasks: number; over50: number; over100: number; maxMs: number } | null;
    cpu: string;
  };
}

function resultsSection(r: Result): string {
  const { load, stream: s, idle, machine: m } = r;
  const yes = (ok: boolean) => (ok ? 'yes' : 'no');
  return [
    '## Dashboard (latest `npm run bench:dashboard`)',
    '',
    `Run ${r.started.toISOString()} with \`flock /tmp/bench.lock ${r.command}\`: ${r.spaces.toLocaleString('en-US')} spaces`,
    `(${load.lots} lots), the bench stack as above, the built dashboard served by the API, headless`,
    `Debian chromium 1920x1080 (software rendering) on the same ${m.cores} cores. Load average (1 min)`,
    `${m.loadAtStart} at the start, ${m.loadAtEnd} at the end.${r.note ? ` Note: ${r.note}` : ''}`,
    'How it is measured: bench/README.md ("Dashboard").',
    '',
    '| measure | figure | target | met |',
    '|---|---|---|---|',
    `| first contentful paint (login page) | ${load.fcpMs} ms | | |`,
    `| navigation -> every lot marker on the map | ${load.markersAtMs} ms | <= 2,000 ms | ${yes(load.markersAtMs <= 2000)} |`,
    `| login submit -> every lot marker on the map | ${load.fromSubmitMs} ms | | |`,
    `| longest task while loading | ${load.maxLongTaskMs} ms | | |`,
    `| streaming: longest task (longtask observer) | ${s.maxLongTaskMs} ms | <= 100 ms | ${yes(s.maxLongTaskMs <= 100)} |`,
    `| streaming: tasks > 50 ms / > 100 ms | ${s.over50} / ${s.over100} in ${s.seconds} s | 0 > 100 ms | ${yes(s.over100 === 0)} |`,
    ...(s.trace
      ? [
          `| streaming: renderer main-thread tasks (chromium trace) > 50 ms / > 100 ms, longest | ${s.trace.over50} / ${s.trace.over100}, ${s.trace.maxMs} ms (of ${s.trace.tasks} tasks) | | |`,
        ]
      : []),
    `| streaming: frames/s min / median (rAF per second) | ${s.fpsMin} / ${s.fpsMedian} | | |`,
    `| idle (no stream): frames/s min / median | ${idle.fpsMin} / ${idle.fpsMedian} | | |`,
    '',
    `Stream: ${s.publishRate} single-event messages/s published for ${s.seconds} s (after ${WARMUP_S} s not`,
    `measured), each event changing its space: ${s.lotEventsPerS} \`lot\` events/s on \`/v1/streams/lots\`,`,
    `${s.markerStatusChanges} lot markers changed colour on the map; the page's lot stream ended (and`,
    `reconnected) ${s.pageStreamEnds} times while measured, ${s.pageStreamEndsBefore} times before. Longest gap between two frames`,
    `${s.maxFrameGapMs} ms; ${s.longTaskMs} ms of long tasks in all. Frames per second: ${s.fps.join(' ')}.`,
    `${s.cpu.replace(/^CPU: /, 'CPU while streaming: ')}.`,
    '',
  ].join('\n');
}

main().then(
  async () => {
    await stopStack();
    process.exit(0);
  },
  async (err: unknown) => {
    await stopStack().catch(() => undefined);
    process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);

process.on('SIGINT', () => {
  void stopStack().finally(() => process.exit(130));
});
