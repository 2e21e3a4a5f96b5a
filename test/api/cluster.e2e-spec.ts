/** @needs postgres redis (test/support/services.js) */
import { randomBytes } from 'node:crypto';
import { Child, getJson, pollUntil } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { deletePrefix } from '../support/redis-keys';
import { startTsApp } from '../support/ts-app';

/**
 * Pids of the listening API processes, read from their start-up lines: a worker's own "listening"
 * has no other outward state (the primary holds the port), so this is a log wait, with a deadline
 * generous enough for two ts-node workers starting on a loaded 2-core machine.
 */
function workerPids(api: Child): number[] {
  return [...api.output().matchAll(/api listening on \S+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

const ADMIN = randomBytes(16).toString('hex');

/** The `worker` labels of a metric's series in one scrape of `/metrics`. */
async function workersIn(port: number, metric: string): Promise<string[]> {
  const res = await fetch(`http://127.0.0.1:${port}/metrics`, {
    headers: { authorization: `Bearer ${ADMIN}` },
  });
  expect(res.status).toBe(200);
  const text = await res.text();
  const labels = [...text.matchAll(new RegExp(`^${metric}\\{[^}]*worker="(\\d+)"`, 'gm'))];
  return labels.map((m) => m[1]).sort();
}

describe('HTTP_WORKERS: several API processes on one port', () => {
  let db: TestDatabase;
  let api: Child | undefined;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    // the workers too: a SIGKILLed primary forwards nothing, and a failed test never sent SIGTERM
    const workers = api ? workerPids(api) : [];
    await api?.kill('SIGKILL');
    for (const pid of workers) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await deletePrefix(prefix);
    await db?.drop();
  });

  it('serves from two workers, scrapes both, replaces one that dies and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    api = startTsApp('apps/api/src/main.ts', {
      LOG_LEVEL: 'info', // 'api listening' / 'enforcer running' are info lines
      DATABASE_URL: db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_KEY_PREFIX: prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      HTTP_WORKERS: '2',
      RATE_LIMIT_ENABLED: 'false',
      ADMIN_TOKEN: ADMIN,
    });
    const listening = (n: number) =>
      pollUntil(
        api!,
        `${n} API workers listening`,
        async () => (workerPids(api!).length >= n ? workerPids(api!) : undefined),
        120_000,
      );
    const [first, second] = await listening(2);
    expect(first).not.toBe(second);
    await pollUntil(api, 'API ready', async () => {
      const { status } = await getJson(`http://127.0.0.1:${port}/health/ready`);
      return status === 200 ? true : undefined;
    });
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);
    // whichever worker a scrape reaches, it answers with both workers' series
    for (let i = 0; i < 4; i++) {
      expect(await workersIn(port, 'process_resident_memory_bytes')).toEqual(['1', '2']);
    }

    process.kill(first, 'SIGKILL');
    const pids = await listening(3);
    expect(pids).toHaveLength(3);
    expect(api.output()).toContain(`api worker ${first} ended (SIGKILL), restarting`);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);
    // the survivor (worker 1 or 2: whichever logged first was killed) and its replacement, 3
    const after = await workersIn(port, 'process_resident_memory_bytes');
    expect(after).toHaveLength(2);
    expect(after).toContain('3');

    expect(await api.kill('SIGTERM')).toBe(0);
  }, 300_000);
});
