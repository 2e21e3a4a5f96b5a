import { randomBytes } from 'node:crypto';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { deletePrefix } from '../support/redis-keys';
import { startTsApp } from '../support/ts-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids of the listening API processes, read from their start-up lines. */
function workerPids(api: Child): number[] {
  return [...api.output().matchAll(/api listening on \S+ \(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

describe('HTTP_WORKERS: several API processes on one port', () => {
  let db: TestDatabase;
  let api: Child | undefined;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await deletePrefix(prefix);
    await db?.drop();
  });

  it('serves from two workers, replaces one that dies and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    api = startTsApp('apps/api/src/main.ts', {
      LOG_LEVEL: 'warn',
      DATABASE_URL: db.url,
      DATABASE_RUN_MIGRATIONS: 'false',
      REDIS_KEY_PREFIX: prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      HTTP_WORKERS: '2',
      RATE_LIMIT_ENABLED: 'false',
    });
    const twoListening = async () => {
      for (let i = 0; i < 600 && workerPids(api!).length < 2; i++) await sleep(100);
    };
    await twoListening();
    const [first, second] = workerPids(api);
    expect(first).not.toBe(second);
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    expect(live.status).toBe(200);

    process.kill(first, 'SIGKILL');
    for (let i = 0; i < 600 && workerPids(api).length < 3; i++) await sleep(100);
    const pids = workerPids(api);
    expect(pids).toHaveLength(3);
    expect(api.output()).toContain(`api worker ${first} ended (SIGKILL), restarting`);
    expect((await fetch(`http://127.0.0.1:${port}/health/live`)).status).toBe(200);

    expect(await api.kill('SIGTERM')).toBe(0);
  }, 120_000);
});
