import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateCityFile } from '@app/domain';
import { verifySecret } from '@app/security';
import { Args } from './args';
import { CITY_OPTIONS, cityCommand } from './city.command';
import { readCity, STREAM_OPTIONS, streamOptionsFrom } from './stream-flags';

describe('sim CLI commands', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'sim-cli-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('city: writes a valid city file and a private secrets file that match', () => {
    const out = join(dir, 'town.json');
    const lines: string[] = [];
    cityCommand(Args.parse(['--spaces', '300', '--seed', 'cli', '--out', out], CITY_OPTIONS), (l) =>
      lines.push(l),
    );
    expect(lines[0]).toMatch(/300 spaces/);
    const city = readCity(out);
    expect(validateCityFile(JSON.parse(readFileSync(out, 'utf8'))).ok).toBe(true);
    const secretsFile = join(dir, 'town.secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    const secrets = JSON.parse(readFileSync(secretsFile, 'utf8')) as Record<string, string>;
    for (const g of city.gateways) expect(verifySecret(secrets[g.id], g.secretHash!)).toBe(true);
  });

  it('city: by default writes into the git-ignored .local/sim folder, never the working dir', () => {
    const cwd = process.cwd();
    const work = mkdtempSync(join(tmpdir(), 'sim-cwd-'));
    try {
      process.chdir(work);
      cityCommand(Args.parse(['--spaces', '50', '--seed', 'cli'], CITY_OPTIONS), () => undefined);
      expect(readdirSync(work)).toEqual(['.local']);
      expect(readdirSync(join(work, '.local', 'sim')).sort()).toEqual([
        'city.json',
        'city.secrets.json',
      ]);
    } finally {
      process.chdir(cwd);
      rmSync(work, { recursive: true, force: true });
    }
    const ignored = readFileSync(join(__dirname, '..', '..', '..', '.gitignore'), 'utf8');
    expect(ignored.split('\n')).toContain('.local/');
  });

  it('city: refuses unknown options before writing anything', () => {
    expect(() =>
      Args.parse(['--spaecs', '10', '--out', join(dir, 'x.json')], CITY_OPTIONS),
    ).toThrow('--spaecs');
  });

  it('stream flags: --faults off zeroes every rate, single rates still apply; fast runs end now', () => {
    const now = Date.parse('2026-11-29T12:00:00Z');
    const o = streamOptionsFrom(
      Args.parse(['--faults', 'off', '--loss', '0.1', '--duration', '2h'], STREAM_OPTIONS),
      false,
      now,
    );
    expect(o.faults.loss).toBe(0.1);
    expect(o.faults.repeat + o.faults.dual + o.faults.invalid + o.faults.outagesPerGatewayDay).toBe(
      0,
    );
    expect(o.startMs + o.durationMs).toBe(now);
    const paced = streamOptionsFrom(Args.parse([], STREAM_OPTIONS), true, now);
    expect(paced.startMs).toBe(now);
    const fixed = streamOptionsFrom(
      Args.parse(['--start', '2026-11-30T08:00:00+08:00'], STREAM_OPTIONS),
      true,
      now,
    );
    expect(fixed.startMs).toBe(Date.parse('2026-11-30T00:00:00Z'));
    expect(() =>
      streamOptionsFrom(Args.parse(['--ts-format', 'rfc'], STREAM_OPTIONS), true, now),
    ).toThrow('--ts-format');
    expect(() =>
      streamOptionsFrom(Args.parse(['--max-skew', '900'], STREAM_OPTIONS), true, now),
    ).toThrow('--max-skew');
  });
});
