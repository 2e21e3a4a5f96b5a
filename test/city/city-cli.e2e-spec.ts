/** @needs postgres (test/support/services.js) */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { loadConfig } from '@app/config';
import { normaliseCityFile, parseCityFile } from '@app/domain';
import { runCityCli } from '../../apps/cli/src/city.cli';
import { createTestDatabase, TestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';

const root = join(__dirname, '..', '..');
const SAMPLE = join(root, 'data', 'sample-city.json');

async function city(args: string[], databaseUrl?: string) {
  let stdout = '';
  let stderr = '';
  const io = { out: (t: string) => (stdout += t), err: (t: string) => (stderr += t) };
  const config = databaseUrl
    ? loadConfig({ ...serviceEnv(), DATABASE_URL: databaseUrl })
    : undefined;
  const code = await runCityCli(args, io, config);
  return { code, stdout, stderr };
}

describe('npm run city -- <command>', () => {
  let db: TestDatabase;
  let dir: string;
  let badFile: string;
  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'city-cli-'));
    const bad = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    bad.spaces[3].lotId = 'lot-nope';
    bad.sensors[0].gatewayIds = [];
    badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db?.drop();
  });

  it('validate: exit 1 with every error by JSON path; 0 on the sample', async () => {
    const r = await city(['validate', badFile]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('$.spaces[3].lotId: unknown lot "lot-nope"');
    expect(r.stderr).toContain('$.sensors[0].gatewayIds:');
    expect(r.stderr).toContain('2 error(s)');
    expect((await city(['validate', SAMPLE])).code).toBe(0);
  });

  it('usage errors, missing files and broken JSON exit non-zero', async () => {
    expect((await city(['frobnicate'])).code).toBe(2);
    expect((await city(['validate', join(dir, 'missing.json')])).code).toBe(2);
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"version": 1,');
    const r = await city(['validate', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^\$: not valid JSON/);
  });

  it('import refuses a bad file (exit 1), then import and export give the sample back', async () => {
    expect((await city(['import', badFile], db.url)).code).toBe(1);
    const imp = await city(['import', '--json', SAMPLE], db.url);
    expect(imp.code).toBe(0);
    expect(JSON.parse(imp.stdout).tables.spaces.inserted).toBe(301);
    // by default: phases on stderr, one summary line on stdout
    const again = await city(['import', SAMPLE], db.url);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(
      /^import: 301 spaces; unchanged \(the database already equals the file\) in \d+ ms\n$/,
    );
    expect(again.stderr).toMatch(/city import: reading .*\n.*connecting to the database/);
    expect(again.stderr).toContain('city import: committing');
    const out = join(dir, 'export.json');
    expect((await city(['export', out], db.url)).code).toBe(0);
    const sample = JSON.parse(readFileSync(SAMPLE, 'utf8'));
    expect(JSON.parse(readFileSync(out, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(normaliseCityFile(parseCityFile(sample)))),
    );
  });

  it('the real process exits with the code (one spawn)', async () => {
    const run = promisify(execFile);
    const args = ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
    await expect(
      run(process.execPath, [...args, 'apps/cli/src/main.ts', 'validate', badFile], { cwd: root }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('$.spaces[3].lotId') });
  });
});
