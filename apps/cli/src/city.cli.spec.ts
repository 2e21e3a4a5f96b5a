import { join } from 'node:path';
import { importSummary, runCityCli } from './city.cli';

const SAMPLE = join(__dirname, '..', '..', '..', 'data', 'sample-city.json');

async function city(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCityCli(args, {
    out: (t) => (stdout += t),
    err: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}

describe('city CLI command line (no database)', () => {
  it('--help and -h print the usage on stdout and exit 0', async () => {
    for (const flag of [['--help'], ['-h'], ['--', '--help'], ['import', '--', '-h']]) {
      const r = await city(flag);
      expect(r).toMatchObject({ code: 0, stderr: '' });
      expect(r.stdout).toMatch(/^usage: npm run city -- <command>/);
    }
  });

  it('an unknown option is named, with the usage, exit 2', async () => {
    const r = await city(['validate', '--strict', SAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^Unknown option '--strict'\nusage:/);
  });

  it('extra arguments are a usage error; the documented form still works', async () => {
    expect((await city(['validate', SAMPLE, 'extra'])).code).toBe(2);
    const r = await city(['validate', SAMPLE]);
    expect(r).toMatchObject({ code: 0, stdout: expect.stringContaining('valid (301 spaces)') });
  });
});

describe('city import summary', () => {
  const zero = { inserted: 0, updated: 0, deleted: 0, unchanged: 0 };
  it('one line: spaces, row counts and time; or that nothing changed', () => {
    const counts = {
      tables: { spaces: { ...zero, inserted: 300, unchanged: 1 }, zones: { ...zero, updated: 2 } },
      total: { inserted: 300, updated: 2, deleted: 0, unchanged: 1 },
      unchanged: false,
    };
    expect(importSummary(counts, 812)).toBe(
      'import: 301 spaces; 300 rows inserted, 2 updated, 0 deleted, 1 unchanged in 812 ms',
    );
    expect(importSummary({ ...counts, unchanged: true }, 5)).toBe(
      'import: 301 spaces; unchanged (the database already equals the file) in 5 ms',
    );
  });
});
