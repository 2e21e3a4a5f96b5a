/** @needs postgres (test/support/services.js) */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '@app/config';
import { verifySecret } from '@app/security';
import { dataSourceOptions } from '@app/persistence';
import { CliIo, runUserCli } from '../../apps/cli-user/src/user-cli';
import { TestDatabase, createTestDatabase } from '../support/db';
import { serviceEnv } from '../support/test-services';

const ROOT = join(__dirname, '..', '..');

describe('user CLI', () => {
  let db: TestDatabase;
  let ds: DataSource;
  const open = () =>
    new DataSource(
      dataSourceOptions({ db: { url: db.url, poolSize: 1, runMigrations: false } }),
    ).initialize();
  const users = () =>
    ds.query('SELECT username, role, zones, password_hash FROM users ORDER BY username') as Promise<
      Array<{ username: string; role: string; zones: string[]; password_hash: string }>
    >;

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await open();
  });
  afterAll(async () => {
    await ds.destroy();
    await db.drop();
  });

  it('creates the first admin from a real process, password on stdin', async () => {
    const out = await new Promise<string>((resolve, reject) => {
      const child = execFile(
        'npm',
        ['run', '--silent', 'user', '--', 'create', '--username', 'root', '--role', 'admin'],
        {
          cwd: ROOT,
          env: {
            ...process.env,
            ...serviceEnv(),
            DATABASE_URL: db.url,
            DATABASE_RUN_MIGRATIONS: 'false',
            NODE_ENV: 'test',
          },
        },
        (err, stdout, stderr) =>
          err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
      );
      child.stdin!.end('first-admin-password\n');
    });
    expect(out).toContain('created admin root');
    const [root] = await users();
    expect(root).toMatchObject({ username: 'root', role: 'admin', zones: [] });
    expect(verifySecret('first-admin-password', root.password_hash)).toBe(true);
  }, 60_000);

  describe('in process', () => {
    const lines: string[] = [];
    const io = (stdin = '', env: Record<string, string> = {}): CliIo => ({
      readStdin: async () => stdin,
      out: (l) => lines.push(l),
      err: (l) => lines.push(`ERR ${l}`),
      env,
    });
    const run = (args: string, i: CliIo) =>
      runUserCli(args.split(' '), loadConfig({ ...serviceEnv() }), open, i);

    it('takes an officer password from --password-env and keeps his zones', async () => {
      const code = await run(
        'create --username li --role police --zones Z1,Z2 --password-env LI_PW',
        io('', { LI_PW: 'officer-password-1' }),
      );
      expect(code).toBe(0);
      expect((await users()).find((u) => u.username === 'li')).toMatchObject({
        role: 'police',
        zones: ['Z1', 'Z2'],
      });
    });
    it('refuses bad input with a clear message and a non-zero code', async () => {
      expect(
        await run(
          'create --username li --role police --zones Z1 --password-env LI_PW',
          io('', { LI_PW: 'officer-password-1' }),
        ),
      ).toBe(73);
      expect(await run('create --username x --role king', io('long-enough-password\n'))).toBe(65);
      expect(await run('create --username y --role police', io('long-enough-password\n'))).toBe(65);
      expect(await run('create --username z --role admin', io('short\n'))).toBe(65);
      expect(await run('create --username z --role admin --password-env NOPE', io())).toBe(64);
      expect(await run('delete --username z', io())).toBe(64);
      expect(lines.filter((l) => l.startsWith('ERR'))).toEqual([
        'ERR user li already exists',
        expect.stringMatching(/^ERR role/),
        expect.stringMatching(/^ERR zones: a police officer needs/),
        expect.stringMatching(/^ERR password: at least 12/),
        'ERR environment variable NOPE is empty or unset',
        expect.stringMatching(/^ERR usage/),
      ]);
    });
  });
});
