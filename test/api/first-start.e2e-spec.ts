/** @needs postgres redis mosquitto (test/support/services.js) */
import { randomBytes } from 'node:crypto';
import { Child, getJson, pollUntil } from '../support/child-process';
import { createEmptyDatabase, TestDatabase } from '../support/db';
import { freePort } from '../support/free-port';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { deletePrefix } from '../ingest/support/test-config';
import { startTsApp } from '../support/ts-app';

const ROUNDS = 2;

/**
 * The first start of a new installation: api, ingest worker and enforcer started together on an
 * EMPTY database (each migrates at boot under a lock; none may read a table before that), as
 * `npm start` does. Repeated, since the race depends on which process wins the migration.
 */
describe('first start on an empty database: api + ingest + enforcer together', () => {
  let broker: OwnMosquitto;
  const prefixes: string[] = [];
  let running: Child[] = [];
  let db: TestDatabase | null = null;

  beforeAll(async () => {
    broker = await startMosquitto();
  });
  afterEach(async () => {
    for (const c of running) await c.kill('SIGKILL');
    running = [];
    await db?.drop();
    db = null;
  });
  afterAll(async () => {
    await broker?.stop();
    for (const p of prefixes) await deletePrefix(p);
  });

  for (let round = 1; round <= ROUNDS; round++) {
    it(`round ${round}: every process becomes ready and stays up`, async () => {
      db = await createEmptyDatabase();
      const id = randomBytes(4).toString('hex');
      const prefix = `t:${id}:`;
      prefixes.push(prefix);
      const [httpPort, metricsPort] = [await freePort(), await freePort()];
      const env = {
        LOG_LEVEL: 'info', // 'api listening' / 'enforcer running' are info lines
        DATABASE_URL: db.url,
        REDIS_KEY_PREFIX: prefix,
        MQTT_URL: broker.url,
        MQTT_TOPIC_ROOT: `t${id}/`,
        MQTT_CLIENT_ID: `first-start-${id}`,
        HTTP_HOST: '127.0.0.1',
        HTTP_PORT: String(httpPort),
        INGEST_METRICS_PORT: String(metricsPort),
        RATE_LIMIT_ENABLED: 'false',
      };
      const [api, ingest, enforcer] = ['api', 'ingest', 'enforcer'].map((app) =>
        startTsApp(`apps/${app}/src/main.ts`, env),
      );
      running = [api, ingest, enforcer];
      const ready = (child: Child, what: string, url: string) =>
        pollUntil(
          child,
          what,
          async () => ((await getJson(url)).status === 200 ? true : undefined),
          120_000,
          250,
        );
      await Promise.all([
        ready(api, 'API ready', `http://127.0.0.1:${httpPort}/health/ready`),
        ready(ingest, 'ingest worker ready', `http://127.0.0.1:${metricsPort}/health/ready`),
        pollUntil(
          enforcer,
          'enforcer running',
          async () => (/enforcer running/.test(enforcer.output()) ? true : undefined),
          120_000,
        ),
      ]);
      // nobody crashed on a table that did not exist yet, nor shortly after
      await new Promise((r) => setTimeout(r, 1000));
      for (const c of running) expect(c.proc.exitCode).toBeNull();
      expect(running.map((c) => c.output()).join('\n')).not.toMatch(/does not exist/);
    }, 180_000);
  }
});
