/**
 * Rules engine throughput: `npm run bench:rules [-- --spaces 135000 --seconds 2]`.
 * A city of ~135,000 spaces with a realistic rule mix; nearby-search-like batches (one arrival
 * instant, 20 candidate spaces) evaluated on one core. Prints evaluations per second.
 */
import chineseDays from 'chinese-days/dist/chinese-days.json';
import { calendarFromChineseDays, compileRuleBook, RuleBook, RuleBookInput } from '@app/domain';
import { sampleCity } from '../../libs/domain/testing/sample-city.fixture';
import { Prng } from '../../sensors-sim/src/random/prng';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}

const SPACE_RULES: string[][] = [
  [],
  [],
  [],
  [],
  [], // plain kerbside
  ['R-residents-night'],
  ['R-residents-workdays'],
  ['R-hospital'],
  ['R-school-gate'],
  ['R-office-tidal'],
  ['R-cleaning'],
  ['R-cleaning', 'R-residents-night'],
];

function city(spaces: number): RuleBookInput {
  const base = sampleCity(calendarFromChineseDays(chineseDays, [2026]));
  const prng = new Prng(7);
  const rnd = () => prng.next();
  const lots: NonNullable<RuleBookInput['lots']>[number][] = [];
  const spaceDefs: NonNullable<RuleBookInput['spaces']>[number][] = [];
  const templates = base.lots ?? [];
  for (let i = 0; spaceDefs.length < spaces; i++) {
    const tpl = templates[Math.floor(rnd() * templates.length)];
    const lotId = `L${i}`;
    lots.push({
      ...tpl,
      id: lotId,
      zoneId: rnd() < 0.4 ? 'Z-central' : 'Z-outer',
      closed: rnd() < 0.01,
    });
    const n = 20 + Math.floor(rnd() * 100);
    const rules = SPACE_RULES[Math.floor(rnd() * SPACE_RULES.length)];
    for (let k = 0; k < n && spaceDefs.length < spaces; k++) {
      spaceDefs.push({ id: `${lotId}-S${k}`, lotId, ruleIds: rnd() < 0.8 ? rules : [] });
    }
  }
  // Through JSON like a city file or DB rows, so ids are flat strings (template literals make ropes).
  return JSON.parse(JSON.stringify({ ...base, lots, spaces: spaceDefs })) as RuleBookInput;
}

/**
 * Runs `batch` for `seconds` of wall time. The rate is per second of this process's CPU time
 * (user + system), so other work on the shared machine does not lower it; wall rate shown too.
 */
function measure(name: string, seconds: number, batch: (i: number) => number): number {
  let ops = 0;
  let i = 0;
  const deadline = process.hrtime.bigint() + BigInt(Math.round(seconds * 1e9));
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  // The clock is read every 256 batches so that reading it costs nothing measurable.
  while (process.hrtime.bigint() < deadline) for (let k = 0; k < 256; k++) ops += batch(i++);
  const c = process.cpuUsage(c0);
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  const rate = ops / ((c.user + c.system) / 1e6);
  const fmt = (v: number) => Math.round(v).toLocaleString('en-US').padStart(11);
  process.stdout.write(`${name.padEnd(48)} ${fmt(rate)} /s CPU   ${fmt(ops / wall)} /s wall\n`);
  return rate;
}

function main(): void {
  const spaces = arg('spaces', 135_000);
  const seconds = arg('seconds', 2);
  const t0 = Date.now();
  const book: RuleBook = compileRuleBook(city(spaces));
  const input = city(spaces);
  process.stdout.write(
    `compiled ${spaces} spaces, ${book.profileCount} access profiles in ${Date.now() - t0} ms ` +
      `(node ${process.version}; shared machine, other work running)\n`,
  );
  // Fresh id strings, as a search would read them from Redis.
  const ids: string[] = JSON.parse(JSON.stringify((input.spaces ?? []).map((s) => s.id)));
  const lotIds = (input.lots ?? []).map((l) => l.id);
  const prng = new Prng(42);
  const rnd = () => prng.next();
  const N = 1 << 16;
  const at = new Float64Array(N);
  const pick = new Int32Array(N * 20);
  const start = Date.parse('2026-11-29T00:00:00+08:00');
  for (let i = 0; i < N; i++) at[i] = start + Math.floor(rnd() * 8 * 86_400_000);
  for (let i = 0; i < pick.length; i++) pick[i] = Math.floor(rnd() * ids.length);
  const quiet = { explain: false };
  let sink = 0;
  // Warm-up: fills the per-day caches of every profile like a running server would.
  for (let i = 0; i < N; i++)
    sink += book.evaluateSpace(ids[pick[i]], at[i], quiet).maxStayMin ?? 0;

  const handles = ids.map((id) => book.spaceHandle(id));
  const evalRate = measure('evaluateSpace by handle (batch of 20, no text)', seconds, (i) => {
    const t = at[i & (N - 1)];
    const o = (i & (N - 1)) * 20;
    for (let k = 0; k < 20; k++) {
      const e = book.evaluateSpace(handles[pick[o + k]], t, quiet);
      if (e.publicAllowed) sink++;
    }
    return 20;
  });
  measure('evaluateSpace by id (batch of 20, no text)', seconds, (i) => {
    const t = at[i & (N - 1)];
    const o = (i & (N - 1)) * 20;
    for (let k = 0; k < 20; k++) {
      const e = book.evaluateSpace(ids[pick[o + k]], t, quiet);
      if (e.publicAllowed) sink++;
    }
    return 20;
  });
  measure('evaluateStay 120 min (no text)', seconds, (i) => {
    sink += book.evaluateStay(ids[pick[i & (N * 20 - 1)]], at[i & (N - 1)], 120, quiet).cost ?? 0;
    return 1;
  });
  measure('lotStatus', seconds, (i) => {
    if (book.lotStatus(lotIds[pick[i & (N * 20 - 1)] % lotIds.length], at[i & (N - 1)]).open)
      sink++;
    return 1;
  });
  measure('classifySession (running, 3 h)', seconds, (i) => {
    const t = at[i & (N - 1)];
    sink += book.classifySession({
      spaceId: ids[pick[i & (N * 20 - 1)]],
      start: t,
      end: null,
      now: t + 10_800_000,
    }).violations.length;
    return 1;
  });
  measure('evaluateSpace with explanation', seconds, (i) => {
    sink += book.evaluateSpace(ids[pick[i & (N * 20 - 1)]], at[i & (N - 1)]).explanation.length;
    return 1;
  });
  process.stdout.write(
    `\nresult: ${Math.round(evalRate).toLocaleString('en-US')} space evaluations per CPU-second (one core) ` +
      `(goal >= 1,000,000) [${sink > 0 ? 'ok' : '-'}]\n`,
  );
}

main();
