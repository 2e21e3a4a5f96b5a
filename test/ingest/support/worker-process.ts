import { Child, getJson, pollUntil } from '../../support/child-process';
import { freePort } from '../../support/free-port';
import { startTsApp } from '../../support/ts-app';
import type { WorkerHealth } from './worker-health';

/**
 * The ingest worker as a real child process (ts-node, transpile only). Resolves once its
 * `/health/ready` (on INGEST_METRICS_PORT, a free port unless given) answers 200 with at least one
 * owned partition connected: every caller starts a worker that has partitions to consume (a
 * second worker gets its share once the first releases it, within one takeover interval).
 */
export async function startWorkerProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<Child> {
  const given = Number(env.INGEST_METRICS_PORT ?? '0');
  const port = given > 0 ? given : await freePort();
  const child = startTsApp('apps/ingest/src/main.ts', {
    LOG_LEVEL: 'info',
    DATABASE_RUN_MIGRATIONS: 'false',
    ...env,
    INGEST_METRICS_PORT: String(port),
  });
  try {
    await pollUntil(
      child,
      `the ingest worker ready with partitions (http://127.0.0.1:${port}/health/ready)`,
      async () => {
        const { status, body } = await getJson(`http://127.0.0.1:${port}/health/ready`);
        const health = body as WorkerHealth;
        return status === 200 && health.partitions.length > 0 ? health : undefined;
      },
      timeoutMs,
    );
  } catch (err) {
    await child.kill('SIGKILL');
    throw err;
  }
  return child;
}
