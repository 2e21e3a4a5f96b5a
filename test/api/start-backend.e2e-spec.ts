/** @needs postgres (test/support/services.js) */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, startChild } from '../support/child-process';
import { createEmptyDatabase, TestDatabase } from '../support/db';

const REPO = join(__dirname, '..', '..');

/** A stand-in app: FAKE_<NAME>=exit:<code> exits after 300 ms, anything else runs until SIGTERM. */
const FAKE_APP = `
const name = process.argv[1].split('/').slice(-3)[0];
const dir = process.env.FAKE_DIR;
const mode = process.env['FAKE_' + name.toUpperCase()] || 'run';
require('fs').writeFileSync(dir + '/' + name + '.started', String(process.pid));
process.on('SIGTERM', () => {
  require('fs').writeFileSync(dir + '/' + name + '.stopped', 'SIGTERM');
  process.exit(0);
});
if (mode.startsWith('exit:')) setTimeout(() => process.exit(Number(mode.slice(5))), 300);
else setInterval(() => undefined, 1000);
`;

/**
 * `npm start`'s launcher (scripts/start-backend.js) in a copy of the repository layout whose three
 * apps are stand-ins: the launcher itself, the database check and the process handling are real.
 */
describe('scripts/start-backend.js: honest exits', () => {
  let db: TestDatabase;
  let dir: string;
  let launcher: Child | null = null;

  beforeAll(async () => {
    db = await createEmptyDatabase();
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'launcher-'));
    mkdirSync(join(dir, 'scripts'));
    for (const f of ['start-backend.js', 'ensure-database.js', 'dev-profile.js']) {
      copyFileSync(join(REPO, 'scripts', f), join(dir, 'scripts', f));
    }
    writeFileSync(join(dir, 'scripts', 'register-paths.js'), '');
    symlinkSync(join(REPO, 'node_modules'), join(dir, 'node_modules'));
    for (const app of ['api', 'ingest', 'enforcer']) {
      mkdirSync(join(dir, 'dist', 'apps', app, 'src'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'apps', app, 'src', 'main.js'), FAKE_APP);
    }
  });
  afterEach(async () => {
    await launcher?.kill('SIGKILL');
    launcher = null;
    rmSync(dir, { recursive: true, force: true });
  });

  const start = (env: Record<string, string> = {}) =>
    (launcher = startChild(process.execPath, ['scripts/start-backend.js'], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', DATABASE_URL: db.url, FAKE_DIR: dir, ...env },
    }));
  const started = async () => {
    const until = Date.now() + 30_000;
    while (!['api', 'ingest', 'enforcer'].every((a) => existsSync(join(dir, `${a}.started`)))) {
      if (Date.now() > until) throw new Error(`apps not started:\n${launcher?.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('exits with the failing child’s code and stops the others', async () => {
    const l = start({ FAKE_INGEST: 'exit:78' });
    expect(await l.exited).toBe(78);
    expect(l.output()).toContain('ingest exited (78); stopping the backend');
    expect(existsSync(join(dir, 'api.stopped'))).toBe(true);
    expect(existsSync(join(dir, 'enforcer.stopped'))).toBe(true);
  });

  it('exits non-zero when a child stops with code 0 on its own', async () => {
    const l = start({ FAKE_ENFORCER: 'exit:0' });
    expect(await l.exited).toBe(1);
    expect(existsSync(join(dir, 'api.stopped'))).toBe(true);
  });

  it('stops every app on SIGTERM and exits 0', async () => {
    const l = start();
    await started();
    expect(await l.kill('SIGTERM')).toBe(0);
    for (const a of ['api', 'ingest', 'enforcer']) {
      expect(existsSync(join(dir, `${a}.stopped`))).toBe(true);
    }
  });
});
