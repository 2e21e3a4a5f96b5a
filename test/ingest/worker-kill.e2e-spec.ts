/** @needs postgres redis mosquitto (test/support/services.js) */
import { Client } from 'pg';
import { Child } from '../support/child-process';
import { createTestDatabase, TestDatabase } from '../support/db';
import { OwnMosquitto, startMosquitto } from '../support/mosquitto';
import { liveMismatches, missingFromHistory, waitForHistory } from './support/expect-converged';
import { TestPublisher } from './support/publisher';
import { seedTestCity, TestCity } from './support/test-city';
import { deletePrefix } from './support/test-config';
import { workerEnv } from './support/worker-env';
import { startWorkerProcess } from './support/worker-process';

describe('ingest worker killed with -9 mid-stream (real Mosquitto, Redis, PostgreSQL)', () => {
  let db: TestDatabase;
  let broker: OwnMosquitto;
  let city: TestCity;
  let pg: Client;
  let worker: Child | null = null;
  let pub: TestPublisher | null = null;
  let w: ReturnType<typeof workerEnv>;

  beforeAll(async () => {
    [db, broker] = await Promise.all([createTestDatabase(), startMosquitto()]);
    city = await seedTestCity(db.url, { lots: 4, spacesPerLot: 50, gateways: 4 });
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    w = workerEnv(db.url, broker.url);
  });

  afterAll(async () => {
    await pub?.close();
    await worker?.kill('SIGKILL');
    await pg?.end();
    await broker?.stop();
    if (w) await deletePrefix(w.prefix);
    await db?.drop();
  });

  it('loses nothing acknowledged and converges after restart', async () => {
    worker = await startWorkerProcess(w.env);
    pub = await TestPublisher.connect(broker.url, city, w.root);
    const sending = pub.publish(3000, 1).then(() => pub!.publish(100, 20));
    // kill while the stream is running, with batches in flight
    await new Promise((r) => setTimeout(r, 300));
    expect(await worker.kill('SIGKILL')).toBeNull();
    const before = Number((await pg.query('SELECT count(*) AS n FROM occupancy_events')).rows[0].n);
    worker = await startWorkerProcess(w.env);
    await sending;
    const total = pub.sent.length;
    expect(total).toBe(5000);
    expect(before).toBeLessThan(total);
    expect(await waitForHistory(pg, total)).toBe(total);
    expect(await missingFromHistory(pg, pub.sent)).toBe(0);
    expect(await liveMismatches(w.prefix, city, pub.expectedFinal())).toEqual([]);
    // graceful stop drains and exits 0
    expect(await worker.kill('SIGTERM')).toBe(0);
    worker = null;
  });
});
