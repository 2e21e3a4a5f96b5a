import { join } from 'node:path';
import { Child, startChild } from './child-process';
import { serviceEnv } from './test-services';

const ROOT = join(__dirname, '..', '..');

/**
 * An app's entry point (e.g. `apps/api/src/main.ts`) as a real child process, ts-node transpile
 * only, on the test Redis and broker unless `env` says otherwise.
 */
export function startTsApp(entry: string, env: Record<string, string>): Child {
  return startChild(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', entry],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_TRANSPILE_ONLY: '1',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        ...serviceEnv(),
        ...env,
      },
    },
  );
}
