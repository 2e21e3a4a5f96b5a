import { join } from 'node:path';
import { Child, startChild } from '../../support/child-process';

const ROOT = join(__dirname, '..', '..', '..');

/** The ingest worker as a real child process (ts-node, transpile only). */
export async function startWorkerProcess(env: Record<string, string>): Promise<Child> {
  const child = startChild(
    process.execPath,
    ['-r', 'ts-node/register', '-r', 'tsconfig-paths/register', 'apps/ingest/src/main.ts'],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        TS_NODE_TRANSPILE_ONLY: '1',
        TS_NODE_PROJECT: join(ROOT, 'tsconfig.json'),
        NODE_ENV: 'test',
        LOG_LEVEL: 'info',
        INGEST_METRICS_PORT: '0',
        DATABASE_RUN_MIGRATIONS: 'false',
        ...env,
      },
    },
  );
  await child.waitFor(/ingest consuming/, 30000);
  return child;
}
