import { Child } from '../../support/child-process';
import { startTsApp } from '../../support/ts-app';

/** The ingest worker as a real child process (ts-node, transpile only). */
export async function startWorkerProcess(env: Record<string, string>): Promise<Child> {
  const child = startTsApp('apps/ingest/src/main.ts', {
    LOG_LEVEL: 'info',
    INGEST_METRICS_PORT: '0',
    DATABASE_RUN_MIGRATIONS: 'false',
    ...env,
  });
  await child.waitFor(/ingest consuming/, 30000);
  return child;
}
