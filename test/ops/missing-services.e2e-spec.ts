/** @needs postgres redis mosquitto (test/support/services.js) */
import { randomBytes } from 'node:crypto';
import { Child, getJson, pollUntil } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { deletePrefix } from '../support/redis-keys';
import { startTsApp } from '../support/ts-app';

/**
 * A missing or refusing service is reported once, in one line naming the setting and the
 * address (password redacted): PostgreSQL and Redis at start -> exit 69; the broker -> the
 * worker retries with backoff, says so at most once per interval, and once when it is back.
 */
const EXIT_UNAVAILABLE = 69;
const SECRET = 'hunter2-secret';

/** A loopback port nothing listens on (it was free a moment ago; nobody is told to use it). */
const closedPort = freePort;

function lines(out: string, re: RegExp): string[] {
  return out.split('\n').filter((l) => re.test(l));
}

/** The shared checks of a start-up failure: no stack, no ioredis noise, no password. */
function expectCleanFailure(out: string): void {
  expect(out).not.toMatch(/Unhandled error event/);
  expect(out).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(out).not.toContain(SECRET);
  for (const l of out.split('\n').filter(Boolean)) expect(() => JSON.parse(l)).not.toThrow();
}

describe('missing services at start: one line, exit 69', () => {
  let db: TestDatabase;
  const running: Child[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterEach(async () => {
    for (const c of running.splice(0)) await c.kill('SIGKILL');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const start = (app: string, env: Record<string, string>) => {
    const c = startTsApp(`apps/${app}/src/main.ts`, {
      DATABASE_URL: db.url,
      INGEST_METRICS_PORT: '0',
      REDIS_KEY_PREFIX: `t:${randomBytes(4).toString('hex')}:`,
      ...env,
    });
    running.push(c);
    return c;
  };

  it('api: Redis and PostgreSQL both refused -> one line each naming the variable', async () => {
    const [pgPort, redisPort] = [await closedPort(), await closedPort()];
    const api = start('api', {
      DATABASE_URL: `postgres://parking:${SECRET}@127.0.0.1:${pgPort}/parking`,
      REDIS_URL: `redis://:${SECRET}@127.0.0.1:${redisPort}/0`,
    });
    expect(await api.exited).toBe(EXIT_UNAVAILABLE);
    const out = api.output();
    expectCleanFailure(out);
    const redis = lines(out, /REDIS_URL/);
    expect(redis).toHaveLength(1);
    expect(redis[0]).toContain(
      `cannot reach Redis at REDIS_URL=redis://:***@127.0.0.1:${redisPort}/0 (ECONNREFUSED)`,
    );
    const pg = lines(out, /DATABASE_URL/);
    expect(pg).toHaveLength(1);
    expect(pg[0]).toContain(
      `cannot reach PostgreSQL at DATABASE_URL=postgres://parking:***@127.0.0.1:${pgPort}/parking (ECONNREFUSED)`,
    );
  });

  it('ingest worker: Redis refused -> one line naming REDIS_URL, exit 69', async () => {
    const port = await closedPort();
    const ingest = start('ingest', { REDIS_URL: `redis://127.0.0.1:${port}/0` });
    expect(await ingest.exited).toBe(EXIT_UNAVAILABLE);
    const out = ingest.output();
    expectCleanFailure(out);
    expect(lines(out, /REDIS_URL/)).toEqual([
      expect.stringContaining(`cannot reach Redis at REDIS_URL=redis://127.0.0.1:${port}/0`),
    ]);
  });

  it('enforcer: a missing database -> one line naming DATABASE_URL and the reason', async () => {
    const url = db.url.replace(/\/[^/]+$/, `/missing_${randomBytes(4).toString('hex')}`);
    const enforcer = start('enforcer', { DATABASE_URL: url });
    expect(await enforcer.exited).toBe(EXIT_UNAVAILABLE);
    const out = enforcer.output();
    expectCleanFailure(out);
    const pg = lines(out, /DATABASE_URL/);
    expect(pg).toHaveLength(1);
    expect(pg[0]).toMatch(
      /cannot reach PostgreSQL at DATABASE_URL=\S+ \(3D000 database .* does not exist\)/,
    );
  });
});

describe('the broker down: the worker retries, reports once per interval, and once when back', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto | null = null;
  let worker: Child | null = null;
  const prefix = `t:${randomBytes(4).toString('hex')}:`;

  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await broker?.stop();
    await db?.drop();
    await deletePrefix(prefix);
  });

  it('names MQTT_URL, repeats at most per SERVICE_DOWN_LOG_INTERVAL_MS, then connects', async () => {
    const [mqttPort, metricsPort] = [await closedPort(), await freePort()];
    const id = randomBytes(4).toString('hex');
    worker = startTsApp('apps/ingest/src/main.ts', {
      DATABASE_URL: db.url,
      REDIS_KEY_PREFIX: prefix,
      MQTT_URL: `mqtt://ingest:${SECRET}@127.0.0.1:${mqttPort}`,
      MQTT_TOPIC_ROOT: `t${id}/`,
      MQTT_CLIENT_ID: `down-${id}`,
      INGEST_METRICS_PORT: String(metricsPort),
      SERVICE_DOWN_LOG_INTERVAL_MS: '2000',
      LOG_LEVEL: 'info',
    });
    const w = worker;
    const where = `MQTT broker at MQTT_URL=mqtt://ingest:***@127.0.0.1:${mqttPort}`;
    await w.waitFor(
      new RegExp(`cannot reach ${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
      60_000,
    );
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 7000));
    const down = lines(w.output(), /MQTT_URL/);
    // first report, then at most one per 2 s (the retries meanwhile: 0.5 s doubling)
    expect(down.length).toBeGreaterThanOrEqual(1);
    expect(down.length).toBeLessThanOrEqual(1 + Math.ceil((Date.now() - t0) / 2000));
    expect(down[0]).toContain(`cannot reach ${where} (ECONNREFUSED); retrying`);
    expect(w.output()).not.toMatch(/"msg":"mqtt error/);
    expect(w.output()).not.toContain(SECRET);
    const ready = await getJson(`http://127.0.0.1:${metricsPort}/health/ready`);
    expect(ready.status).not.toBe(200);

    broker = await startMosquitto({ port: mqttPort });
    await pollUntil(w, 'the worker ready', async () =>
      (await getJson(`http://127.0.0.1:${metricsPort}/health/ready`)).status === 200
        ? true
        : undefined,
    );
    await w.waitFor(/connected to MQTT broker at MQTT_URL=/);
    const back = lines(w.output(), /connected to MQTT broker at MQTT_URL=/);
    expect(back).toHaveLength(1);
    expect(back[0]).toContain(`connected to ${where} again after`);
  });
});
