import { loadConfig } from '@app/config';
import { runUserCli, type CliIo } from './user-cli';

describe('user CLI command line (no database)', () => {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    readStdin: async () => '',
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  };
  const openDb = jest.fn(() => Promise.reject(new Error('no database in this test')));
  const run = (argv: string[]) => runUserCli(argv, loadConfig({}), openDb, io);
  beforeEach(() => {
    out.length = 0;
    err.length = 0;
  });

  it('--help and -h print the usage and exit 0', async () => {
    expect(await run(['--help'])).toBe(0);
    expect(await run(['create', '-h'])).toBe(0);
    expect(out).toEqual([expect.stringMatching(/^usage: npm run user/), expect.any(String)]);
    expect(err).toEqual([]);
  });

  it('an unknown option is named, with the usage, exit 64', async () => {
    expect(await run(['create', '--username', 'a', '--role', 'admin', '--admin'])).toBe(64);
    expect(err[0]).toMatch(/^Unknown option '--admin'\nusage:/);
    expect(openDb).not.toHaveBeenCalled();
  });
});
