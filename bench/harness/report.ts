import { Figure, meets } from './scenario';
import { MachineInfo } from './machine';
import { Conditions, describeConditions } from './quiet';

const fmt = (v: number) =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(v >= 10 ? 1 : 2);

export function ratio(f: Figure, all: Map<string, Figure>): string {
  const ref = f.reference ? all.get(f.reference) : undefined;
  return ref && ref.value > 0 ? `${((f.value / ref.value) * 100).toFixed(0)}% of ${ref.name}` : '';
}

export function table(figures: Figure[], all: Map<string, Figure>): string {
  const rows = figures.map((f) => [
    f.name,
    `${fmt(f.value)} ${f.unit}`,
    f.target ? `${f.target.better === 'higher' ? '>=' : '<='} ${fmt(f.target.value)}` : '',
    meets(f),
    ratio(f, all),
    f.note ?? '',
  ]);
  const head = ['measure', 'figure', 'target', 'met', 'vs raw limit', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join(' | ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)].join('\n');
}

export function resultsMarkdown(
  figures: Figure[],
  all: Map<string, Figure>,
  machine: MachineInfo,
  command: string,
  when: string,
  extra: { note?: string; loadAtEnd?: number; conditions?: Record<string, Conditions> } = {},
): string {
  const rows = figures.map(
    (f) =>
      `| ${f.name} | ${fmt(f.value)} ${f.unit} | ${f.target ? `${f.target.better === 'higher' ? '>=' : '<='} ${fmt(f.target.value)}${f.target.floor !== undefined ? ` (floor ${fmt(f.target.floor)})` : ''}` : ''} | ${meets(f)} | ${ratio(f, all)} | ${f.note ?? ''} |`,
  );
  return [
    '# Benchmark results (latest run)',
    '',
    `Run ${when} with \`${command}\`.`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memGiB} GiB; Node ${machine.node};`,
    `${machine.postgres}; ${machine.redis}; ${machine.mosquitto}. Broker, Redis, PostgreSQL, the apps`,
    'and the load generator all run on this one machine.',
    `Load average (1 min): ${machine.loadAtStart} at the start${extra.loadAtEnd !== undefined ? `, ${extra.loadAtEnd} at the end` : ''}.`,
    ...(extra.note ? ['', `Note: ${extra.note}`] : []),
    '',
    'Targets: bench/README.md ("Targets"); "floor" = below the target but above its floor. Latencies are',
    'HdrHistogram percentiles. How each figure is measured, and what limits the missed ones:',
    '[bench/README.md](README.md).',
    '',
    '| measure | figure | target | met | vs raw limit | note |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    ...cpuSection(figures),
    ...conditionsSection(extra.conditions),
  ].join('\n');
}

function conditionsSection(conditions?: Record<string, Conditions>): string[] {
  if (!conditions || !Object.keys(conditions).length) return [];
  return [
    '## Machine conditions per scenario',
    '',
    'Load average (1 min) before and after; machine CPU busy in a 1 s sample before the scenario, with',
    "the bench's own processes idle (someone else's load); CPU steal over the scenario. A warning",
    'marks a scenario whose figures were measured on a machine that was not quiet.',
    '',
    ...Object.entries(conditions).map(([id, c]) => `- ${id}: ${describeConditions(c)}`),
    '',
  ];
}

function cpuSection(figures: Figure[]): string[] {
  const withCpu = figures.filter((f) => f.cpu);
  if (!withCpu.length) return [];
  return [
    '## CPU while measuring',
    '',
    'Share of one core used by each process over the measured interval (2 cores = 200%);',
    '"postgres" is every process of the shared server, other clients included.',
    '',
    ...withCpu.map((f) => `- ${f.name}: ${f.cpu}`),
    '',
  ];
}

/**
 * Sections of RESULTS.md written by other bench programs (`npm run bench:dashboard`) sit between
 * `<!-- section:<name> -->` and `<!-- /section:<name> -->`. `replaceSection` puts `body` there
 * (appended when missing); `keptSections` returns every such block of an old file, so that
 * `npm run bench`, which rewrites the file, keeps them.
 */
const SECTION = /<!-- section:([\w-]+) -->\n[\s\S]*?<!-- \/section:\1 -->\n?/g;

export function replaceSection(text: string, name: string, body: string): string {
  const block = `<!-- section:${name} -->\n${body.trimEnd()}\n<!-- /section:${name} -->\n`;
  let found = false;
  const out = text.replace(SECTION, (whole, n: string) => {
    if (n !== name) return whole;
    found = true;
    return block;
  });
  return found ? out : `${out.trimEnd()}\n\n${block}`;
}

export function keptSections(text: string): string {
  return (text.match(SECTION) ?? []).map((b) => b.trimEnd() + '\n').join('\n');
}
