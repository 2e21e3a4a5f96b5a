/** @needs postgres redis mqtt (test/support/services.js) */
import { randomBytes } from 'node:crypto';
import { Child, getJson, pollUntil } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { deletePrefix } from '../support/redis-keys';
import { startTsApp } from '../support/ts-app';

/**
 * One structured logger: the API's stdout is pino JSON lines only (no coloured Nest text, no
 * "Mapped route" lines at info), with a request log sampled by REQUEST_LOG_SAMPLE that never
 * covers GET /v1/spaces/nearby.
 */
describe('API logs: JSON lines, sampled request log, never the nearby path', () => {
  let db: TestDatabase;
  let api: Child | null = null;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;
  let stdout = '';

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await api?.kill('SIGKILL');
    await db?.drop();
    await deletePrefix(prefix);
  });

  it('logs requests as JSON, skips nearby', async () => {
    const port = await freePort();
    api = startTsApp('apps/api/src/main.ts', {
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      LOG_LEVEL: 'info',
      REQUEST_LOG_SAMPLE: '1',
      RATE_LIMIT_ENABLED: 'false',
    });
    api.proc.stdout?.on('data', (b: Buffer) => (stdout += b.toString()));
    const base = `http://127.0.0.1:${port}`;
    await pollUntil(api, 'the API ready', async () =>
      (await getJson(`${base}/health/ready`)).status === 200 ? true : undefined,
    );
    const nearby = await getJson(`${base}/v1/spaces/nearby?lat=30.2751&lon=120.1561&radius=300`);
    expect(nearby.status).toBe(200);
    const bad = await getJson(`${base}/v1/spaces/nearby?lat=999&lon=0`);
    expect(bad.status).toBe(400);
    expect((await getJson(`${base}/health/live`)).status).toBe(200);
    expect((await getJson(`${base}/v1/lots/no-such-lot`)).status).toBe(404);
    await api.waitFor(/"url":"\/v1\/lots\/no-such-lot"/, 10_000);

    const lines = stdout.split('\n').filter((l) => l.length > 0);
    expect(lines.length).toBeGreaterThan(0);
    const entries = lines.map((l) => {
      let o: Record<string, unknown> = {};
      expect(() => (o = JSON.parse(l) as Record<string, unknown>)).not.toThrow();
      expect(o).toMatchObject({ app: 'api' });
      expect(typeof o.level).toBe('number');
      expect(typeof o.time).toBe('number');
      expect(typeof o.msg).toBe('string');
      return o;
    });
    expect(stdout).not.toContain(String.fromCharCode(27)); // no ANSI colours
    expect(entries.some((e) => /^Mapped \{/.test(String(e.msg)))).toBe(false);
    expect(entries.some((e) => /^api listening on /.test(String(e.msg)))).toBe(true);

    const requests = entries.filter((e) => e.msg === 'request');
    expect(requests).toContainEqual(
      expect.objectContaining({ method: 'GET', url: '/health/live', status: 200 }),
    );
    expect(requests).toContainEqual(
      expect.objectContaining({ url: '/v1/lots/no-such-lot', status: 404 }),
    );
    expect(entries.filter((e) => String(e.url ?? '').startsWith('/v1/spaces/nearby'))).toEqual([]);
  });
});
