import { LatencyHistogram } from './histogram';
import { MachineInfo } from './machine';
import { keptSections, ratio, replaceSection, resultsMarkdown, table } from './report';
import { Figure, meets } from './scenario';

const machine: MachineInfo = {
  cpu: 'Test CPU',
  cores: 2,
  memGiB: 4,
  node: 'v20',
  postgres: 'pg 15',
  redis: 'redis 7',
  mosquitto: 'mosquitto 2',
  loadAtStart: 1.5,
};

const ingest: Figure = {
  name: 'ingest',
  value: 25_000,
  unit: 'events/s',
  target: { value: 40_000, better: 'higher', floor: 20_000 },
  reference: 'raw',
};
const raw: Figure = { name: 'raw', value: 50_000, unit: 'msg/s' };
const latency: Figure = {
  name: 'p99',
  value: 12,
  unit: 'ms',
  target: { value: 10, better: 'lower' },
};

describe('meets', () => {
  it('compares with the target in the right direction and reports the floor', () => {
    expect(meets(ingest)).toBe('floor');
    expect(meets({ ...ingest, value: 40_000 })).toBe('yes');
    expect(meets({ ...ingest, value: 19_999 })).toBe('no');
    expect(meets(latency)).toBe('no');
    expect(meets({ ...latency, value: 10 })).toBe('yes');
    expect(meets(raw)).toBe('-');
  });

  it('never counts a failed (NaN) figure as met', () => {
    expect(meets({ ...latency, value: NaN })).toBe('no');
    expect(meets({ ...ingest, value: NaN })).toBe('no');
  });
});

describe('report', () => {
  const all = new Map([raw, ingest, latency].map((f) => [f.name, f]));

  it('prints a figure as a ratio of its raw-limit reference', () => {
    expect(ratio(ingest, all)).toBe('50% of raw');
    expect(ratio(latency, all)).toBe('');
  });

  it('renders an aligned table with targets and verdicts', () => {
    const lines = table([raw, ingest, latency], all).split('\n');
    expect(lines).toHaveLength(5);
    expect(new Set(lines.map((l) => l.length)).size).toBe(1);
    expect(lines[3]).toMatch(/ingest \s*\| 25,000 events\/s \| >= 40,000 \| floor \| 50% of raw/);
    expect(lines[4]).toMatch(/p99\s*\| 12\.0 ms\s*\| <= 10\.0\s*\| no/);
  });

  it('writes RESULTS.md with the machine, the command and the floor next to the target', () => {
    const md = resultsMarkdown(
      [raw, ingest],
      all,
      machine,
      'npm run bench',
      '2026-11-29T00:00:00Z',
    );
    expect(md).toContain('`npm run bench`');
    expect(md).toContain('Test CPU, 2 cores');
    expect(md).toContain(
      '| ingest | 25,000 events/s | >= 40,000 (floor 20,000) | floor | 50% of raw |  |',
    );
  });
});

describe('LatencyHistogram', () => {
  it('reports percentiles in milliseconds from recorded microseconds', () => {
    const h = new LatencyHistogram();
    for (let i = 1; i <= 1000; i++) h.recordMicros(i * 10);
    const s = h.summary();
    expect(s.count).toBe(1000);
    expect(s.p50Ms).toBeCloseTo(5, 1);
    expect(s.p99Ms).toBeCloseTo(9.9, 1);
    expect(s.maxMs).toBeCloseTo(10, 1);
  });
});

describe('RESULTS.md sections of other bench programs', () => {
  const base = '# Benchmark results\n\n| a | b |\n';
  it('appends a missing section, replaces an existing one, leaves the others alone', () => {
    const one = replaceSection(base, 'dashboard', '## Dashboard\n\nfirst\n');
    expect(one).toBe(
      `${base}\n<!-- section:dashboard -->\n## Dashboard\n\nfirst\n<!-- /section:dashboard -->\n`,
    );
    const two = replaceSection(replaceSection(one, 'other', 'x'), 'dashboard', 'second');
    expect(two).toContain('<!-- section:dashboard -->\nsecond\n<!-- /section:dashboard -->');
    expect(two).not.toContain('first');
    expect(two).toContain('<!-- section:other -->\nx\n<!-- /section:other -->');
    expect(two.indexOf('section:dashboard')).toBeLessThan(two.indexOf('section:other'));
  });

  it('keeps the sections when the main table is rewritten', () => {
    const old = replaceSection(replaceSection(base, 'dashboard', 'D'), 'other', 'O');
    const kept = keptSections(old);
    expect(kept).toBe(
      '<!-- section:dashboard -->\nD\n<!-- /section:dashboard -->\n\n' +
        '<!-- section:other -->\nO\n<!-- /section:other -->\n',
    );
    expect(keptSections(base)).toBe('');
  });
});
